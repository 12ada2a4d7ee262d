// Audit log (admin, auditor): newest first, filter by actor and action, paged from the server.
import { Card, Input, Space, Table } from 'antd';
import { useState } from 'react';

import { Async, PageTitle } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import type { AuditEntry, AuditLog } from '../types.ts';

export function AuditPage() {
  const { t, lang } = useT();
  const [page, setPage] = useState(1);
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const qs = new URLSearchParams({ limit: '20', offset: String((page - 1) * 20) });
  if (actor) qs.set('actor', actor);
  if (action) qs.set('action', action);
  const r = useApi<AuditLog>(`/audit?${qs.toString()}`);
  return (
    <div data-testid="page-audit">
      <PageTitle
        extra={
          <Space>
            <Input.Search
              placeholder={t('actor')}
              allowClear
              onSearch={(v) => {
                setActor(v);
                setPage(1);
              }}
            />
            <Input.Search
              placeholder={t('action')}
              allowClear
              onSearch={(v) => {
                setAction(v);
                setPage(1);
              }}
            />
          </Space>
        }
      >
        {t('audit_title')}
      </PageTitle>
      <Card>
        <Async loading={r.loading && !r.data} error={r.error} reload={r.reload}>
          <Table<AuditEntry>
            data-testid="audit-table"
            size="small"
            rowKey="id"
            loading={r.loading}
            dataSource={r.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: r.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              {
                title: t('at'),
                dataIndex: 'at',
                width: 180,
                render: (v: string) => new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
              },
              { title: t('actor'), dataIndex: 'actor', width: 120 },
              { title: t('action'), dataIndex: 'action', width: 200 },
              {
                title: t('object'),
                render: (_x, e) => `${e.object_type}${e.object_id ? ' · ' + e.object_id : ''}`,
              },
              { title: t('ip'), dataIndex: 'ip', width: 120 },
              {
                title: t('detail'),
                dataIndex: 'detail',
                render: (d: unknown) => <code style={{ fontSize: 12 }}>{d ? JSON.stringify(d) : ''}</code>,
              },
            ]}
          />
        </Async>
      </Card>
    </div>
  );
}
