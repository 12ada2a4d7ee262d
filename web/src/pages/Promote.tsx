// Joint promotion pages: the measures × quarters matrix (status colours), my tasks, and a measure page; the
// quarterly progress report downloads as XLSX.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tabs, Tag, Tooltip } from 'antd';

import { download } from '../api.ts';
import { Async, PageTitle } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';

interface Cell {
  quarter: number;
  status: string;
  counts: Record<string, number>;
  items: { id: string; title: string; owner_unit: string; status: string; review_state: string | null }[];
}
interface MatrixRow {
  measure_no: number;
  label: string;
  title: string;
  cells: Cell[];
}
interface Task {
  id: string;
  title: string;
  status?: string;
  role: string;
  report_due_quarter: number | null;
  measure_no?: number;
}

const COLOURS: Record<string, string> = {
  done: '#52c41a',
  on_track: '#b7eb8f',
  not_started: '#d9d9d9',
  at_risk: '#faad14',
  overdue: '#ff4d4f',
  none: '#f5f5f5',
};

export function PromotePage() {
  const { t, td } = useT();
  const m = useApi<{ year: number; rows: MatrixRow[] }>('/promote/matrix');
  const tasks = useApi<{ tasks: Task[] }>('/promote/my-tasks');
  const matrix = (
    <Async loading={m.loading} error={m.error} reload={m.reload}>
      <Table<MatrixRow>
        data-testid="promote-matrix"
        size="small"
        rowKey="measure_no"
        pagination={false}
        dataSource={m.data?.rows ?? []}
        onRow={(r) => ({
          style: { cursor: 'pointer' },
          onClick: () => navigate(`/promote/measure/${r.measure_no}`),
        })}
        columns={[
          { title: t('measure'), dataIndex: 'label', width: 80 },
          { title: '', dataIndex: 'title', ellipsis: true },
          ...[1, 2, 3, 4].map((q) => ({
            title: `Q${q}`,
            width: 90,
            render: (_x: unknown, r: MatrixRow) => {
              const c = r.cells.find((x) => x.quarter === q);
              return (
                <Tooltip
                  title={
                    c
                      ? Object.entries(c.counts)
                          .map(([k, v]) => `${k}: ${v}`)
                          .join(' · ')
                      : ''
                  }
                >
                  <div
                    data-testid={`cell-${r.measure_no}-${q}`}
                    data-status={c?.status ?? 'none'}
                    style={{
                      background: COLOURS[c?.status ?? 'none'] ?? '#bfbfbf',
                      height: 22,
                      borderRadius: 3,
                      fontSize: 11,
                      textAlign: 'center',
                      lineHeight: '22px',
                    }}
                  >
                    {c && c.status !== 'none' ? td('promo_' + c.status) : ''}
                  </div>
                </Tooltip>
              );
            },
          })),
        ]}
      />
    </Async>
  );
  const mine = (
    <Async
      loading={tasks.loading}
      error={tasks.error}
      reload={tasks.reload}
      empty={(tasks.data?.tasks.length ?? 0) === 0}
    >
      <Table<Task>
        data-testid="my-tasks"
        size="small"
        rowKey="id"
        dataSource={tasks.data?.tasks ?? []}
        columns={[
          { title: t('measure'), dataIndex: 'title' },
          { title: t('lead_unit'), dataIndex: 'role' },
          { title: t('status'), dataIndex: 'status', render: (s?: string) => (s ? <Tag>{s}</Tag> : null) },
          {
            title: t('quarter'),
            dataIndex: 'report_due_quarter',
            render: (q: number | null) => (q ? `Q${q}` : '—'),
          },
        ]}
      />
    </Async>
  );
  return (
    <div data-testid="page-promote">
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => download('/promote/report?format=xlsx')}>
            {t('quarterly_report')}
          </Button>
        }
      >
        {t('menu_promote')}
      </PageTitle>
      <Card>
        <Tabs
          items={[
            { key: 'matrix', label: t('promote_matrix'), children: matrix },
            { key: 'mine', label: t('my_tasks'), children: mine },
          ]}
        />
      </Card>
    </div>
  );
}

export function PromoteMeasurePage(props: { id: string }) {
  const { t } = useT();
  const r = useApi<{ measure: { no?: number; title?: string; label?: string }; items: Task[] }>(
    `/promote/measures/${props.id}/page`,
  );
  return (
    <div data-testid="page-promote-measure">
      <PageTitle extra={<Button onClick={() => navigate('/promote')}>{t('back')}</Button>}>
        {r.data?.measure.label ?? props.id} {r.data?.measure.title ?? ''}
      </PageTitle>
      <Async loading={r.loading} error={r.error} reload={r.reload}>
        <Table<Task>
          size="small"
          rowKey="id"
          dataSource={r.data?.items ?? []}
          columns={[
            { title: t('measure'), dataIndex: 'title' },
            { title: t('status'), dataIndex: 'status', render: (s?: string) => (s ? <Tag>{s}</Tag> : null) },
          ]}
        />
      </Async>
    </div>
  );
}
