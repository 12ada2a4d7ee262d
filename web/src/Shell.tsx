// The layout: side menu by role, header with user name, role, language switch and logout; routes to pages.
import {
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  LogoutOutlined,
  ProjectOutlined,
  TrophyOutlined,
  DiffOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';

import { api } from './api.ts';
import { useT, type MsgKey } from './i18n.ts';
import { AssessPage } from './pages/assess/run-page.tsx';
import { AssessSubjectPage } from './pages/assess/subject-page.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { BankPage } from './pages/Bank.tsx';
import { DistrictPage } from './pages/District.tsx';
import { LoanPage } from './pages/Loan.tsx';
import { MapPage } from './pages/Map.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { PromoteMeasurePage, PromotePage } from './pages/Promote.tsx';
import { PromoteItemPage } from './pages/PromoteItem.tsx';
import { OfficialPage } from './pages/Official.tsx';
import { ReconcilePage } from './pages/Reconcile.tsx';
import { UploadPage } from './pages/Upload.tsx';
import { match, navigate, useLocation } from './router.ts';
import { seesAll, useSession } from './session.ts';
import type { Role, User } from './types.ts';

interface MenuEntry {
  key: string;
  label: MsgKey;
  icon: ReactNode;
  roles: Role[];
}

const ALL: Role[] = ['admin', 'regulator', 'auditor'];

function menuFor(user: User): MenuEntry[] {
  const entries: MenuEntry[] = [
    {
      key: '/overview',
      label: 'menu_overview',
      icon: <DashboardOutlined />,
      roles: [...ALL, 'institution', 'district'],
    },
    { key: '/map', label: 'menu_map', icon: <EnvironmentOutlined />, roles: ALL },
    {
      key: `/district/${user.district_code ?? ''}`,
      label: 'menu_district',
      icon: <EnvironmentOutlined />,
      roles: ['district'],
    },
    {
      key: `/bank/${user.institution_code ?? ''}`,
      label: 'menu_bank',
      icon: <BankOutlined />,
      roles: ['institution'],
    },
    { key: '/upload', label: 'menu_upload', icon: <CloudUploadOutlined />, roles: ['institution', 'admin'] },
    { key: '/reconcile', label: 'menu_reconcile', icon: <DiffOutlined />, roles: ['institution', ...ALL] },
    { key: '/official', label: 'menu_official', icon: <DiffOutlined />, roles: ALL },
    {
      key: '/assess',
      label: 'menu_assess',
      icon: <TrophyOutlined />,
      roles: ['institution', 'district', ...ALL],
    },
    {
      key: '/promote',
      label: 'menu_promote',
      icon: <ProjectOutlined />,
      roles: ['institution', 'district', ...ALL],
    },
    { key: '/audit', label: 'menu_audit', icon: <AuditOutlined />, roles: ['admin', 'auditor'] },
  ];
  return entries.filter((e) => e.roles.includes(user.role));
}

export function homeFor(user: User): string {
  if (seesAll(user.role)) return '/overview';
  if (user.role === 'institution') return `/bank/${user.institution_code ?? ''}`;
  return `/district/${user.district_code ?? ''}`;
}

function Routed(props: { path: string; user: User }): ReactNode {
  const { path } = props;
  let m: Record<string, string> | null;
  if (path === '/overview') return <OverviewPage />;
  if (path === '/map') return <MapPage />;
  if ((m = match('/district/:code', path))) return <DistrictPage code={m.code ?? ''} />;
  if ((m = match('/bank/:code', path))) return <BankPage code={m.code ?? ''} />;
  if ((m = match('/loan/:inst/:loan', path))) return <LoanPage inst={m.inst ?? ''} loan={m.loan ?? ''} />;
  if (path === '/upload') return <UploadPage />;
  if (path === '/reconcile') return <ReconcilePage />;
  if (path === '/official') return <OfficialPage />;
  if (path === '/assess') return <AssessPage />;
  if ((m = match('/assess/:period/:kind/:code', path)))
    return <AssessSubjectPage period={m.period ?? ''} kind={m.kind ?? ''} code={m.code ?? ''} />;
  if (path === '/promote') return <PromotePage />;
  if ((m = match('/promote/measure/:id', path))) return <PromoteMeasurePage id={m.id ?? ''} />;
  if ((m = match('/promote/item/:id', path))) return <PromoteItemPage id={m.id ?? ''} />;
  if (path === '/audit') return <AuditPage />;
  return null;
}

export function Shell() {
  const { user, setUser } = useSession();
  const { t, td, lang, setLang } = useT();
  const { path } = useLocation();
  const items = menuFor(user);
  const page = Routed({ path, user });
  if (page === null) {
    queueMicrotask(() => navigate(homeFor(user)));
  }
  const selected = items.filter((i) => path === i.key || path.startsWith(i.key + '/')).map((i) => i.key);
  const logout = async () => {
    await api('/auth/logout', { method: 'POST' });
    setUser(null);
    window.history.replaceState(null, '', '/');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 16px 8px', fontWeight: 600, color: '#b71c1c', lineHeight: 1.3 }}>
          {t('app_title')}
        </div>
        <Menu
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected}
          items={items.map((i) => ({ key: i.key, icon: i.icon, label: t(i.label) }))}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #eee',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            paddingInline: 24,
          }}
        >
          <Space size="middle">
            <Typography.Text data-testid="user-name">{user.display_name}</Typography.Text>
            <Tag color="red" data-testid="user-role">
              {td('role_' + user.role)}
            </Tag>
            <Button
              size="small"
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {t('language')}
            </Button>
            <Button size="small" icon={<LogoutOutlined />} data-testid="logout" onClick={() => void logout()}>
              {t('logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{page}</Layout.Content>
      </Layout>
    </Layout>
  );
}
