// Joint promotion pages: the measures × quarters matrix (status colours), my tasks, a measure page, and the
// quarterly progress report download (XLSX). The work item page (filing and review) is in PromoteItem.tsx.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tabs, Tag, Tooltip } from 'antd';

import { download } from '../api.ts';
import { count, yuanToYi } from '../format.ts';
import { Async, PageTitle } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { seesAll, useSession } from '../session.ts';
import { navigate } from '../router.ts';
import type {
  CellStatus,
  DistrictPage,
  IndicatorLine,
  ItemView,
  MatrixRow,
  MeasurePage,
  MyTasks,
  Notice,
  PromoteMatrix,
} from '../types.ts';

export const PROMO_COLOURS: Record<CellStatus, string> = {
  done: '#52c41a',
  on_track: '#b7eb8f',
  not_started: '#d9d9d9',
  at_risk: '#faad14',
  overdue: '#ff4d4f',
  none: '#f5f5f5',
};

export function ItemTable(props: { items: ItemView[]; testId: string }) {
  const { t, td } = useT();
  return (
    <Table<ItemView>
      data-testid={props.testId}
      size="small"
      rowKey={(v) => v.item.id}
      dataSource={props.items}
      pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
      onRow={(v) => ({ style: { cursor: 'pointer' }, onClick: () => navigate(`/promote/item/${v.item.id}`) })}
      columns={[
        { title: t('measure'), render: (_x, v) => v.item.measure_no, width: 70 },
        { title: t('work_item'), render: (_x, v) => v.item.title },
        { title: t('owner_unit'), render: (_x, v) => v.item.owner_unit },
        { title: t('due_quarter'), render: (_x, v) => `${v.item.year}-Q${v.item.due_quarter}`, width: 100 },
        {
          title: t('status'),
          render: (_x, v) => (
            <Tag color={PROMO_COLOURS[v.status ?? 'not_started']}>
              {td('promo_' + (v.status ?? 'not_started'))}
            </Tag>
          ),
        },
        {
          title: t('review_state'),
          render: (_x, v) => (v.latest ? td('review_' + v.latest.review_state) : '—'),
        },
        {
          title: t('indicator_check'),
          render: (_x, v) => (v.done_but_falling ? <Tag color="red">{t('done_but_falling')}</Tag> : '—'),
        },
      ]}
    />
  );
}

/** Due-soon, overdue and returned-report notices of the user's units (all units for coordinators). */
function NoticeList() {
  const { t, lang } = useT();
  const r = useApi<Notice[]>('/promote/notices');
  return (
    <Async loading={r.loading} error={r.error} reload={r.reload} empty={(r.data?.length ?? 0) === 0}>
      <Table<Notice>
        data-testid="promote-notices"
        size="small"
        rowKey="id"
        dataSource={r.data ?? []}
        columns={[
          {
            title: t('notice_kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag color={k === 'overdue' ? 'red' : 'gold'}>{k}</Tag>,
          },
          { title: t('notice_unit'), dataIndex: 'unit_id' },
          { title: t('notice_message'), render: (_x, n) => (lang === 'zh' ? n.message_zh : n.message_en) },
          {
            title: t('notice_time'),
            dataIndex: 'created_at',
            render: (v: string) => v.slice(0, 16).replace('T', ' '),
          },
        ]}
      />
    </Async>
  );
}

/** A district's local measures and its own work items (a district user sees their own district). */
function DistrictTasks(props: { code: string }) {
  const r = useApi<DistrictPage>(`/promote/districts/${props.code}`);
  return (
    <Async loading={r.loading} error={r.error} reload={r.reload}>
      <ItemTable items={r.data?.items ?? []} testId="district-tasks" />
    </Async>
  );
}

export function PromotePage() {
  const { t, td } = useT();
  const { user } = useSession();
  const district = user.role === 'district' ? user.district_code : seesAll(user.role) ? '500103' : null;
  const m = useApi<PromoteMatrix>('/promote/matrix');
  const tasks = useApi<MyTasks>('/promote/my-tasks');
  const year = m.data?.year ?? new Date().getFullYear();
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
          { title: t('measure'), dataIndex: 'label', width: 90 },
          { title: '', dataIndex: 'title', ellipsis: true },
          ...[1, 2, 3, 4].map((q) => ({
            title: `Q${q}`,
            width: 96,
            render: (_x: unknown, r: MatrixRow) => {
              const c = r.cells.find((x) => x.quarter === q);
              const status = c?.status ?? 'none';
              return (
                <Tooltip title={c?.items.map((i) => `${i.title} · ${i.owner_unit}`).join('\n')}>
                  <div
                    data-testid={`cell-${r.measure_no}-${q}`}
                    data-status={status}
                    style={{
                      background: PROMO_COLOURS[status] ?? '#bfbfbf',
                      height: 22,
                      borderRadius: 3,
                      fontSize: 11,
                      textAlign: 'center',
                      lineHeight: '22px',
                    }}
                  >
                    {status !== 'none' ? td('promo_' + status) : ''}
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
      <ItemTable items={tasks.data?.tasks ?? []} testId="my-tasks" />
    </Async>
  );
  return (
    <div data-testid="page-promote">
      <PageTitle
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="promote-report"
            onClick={() => download(`/promote/report?year=${year}&format=xlsx`)}
          >
            {t('quarterly_report')}
          </Button>
        }
      >
        {t('menu_promote')} · {year}
      </PageTitle>
      <Card>
        <Tabs
          items={[
            { key: 'matrix', label: t('promote_matrix'), children: matrix },
            { key: 'mine', label: t('my_tasks'), children: mine },
            { key: 'notices', label: t('promote_notices'), children: <NoticeList /> },
            ...(district
              ? [
                  {
                    key: 'district',
                    label: `${t('promote_district')} ${district}`,
                    children: <DistrictTasks code={district} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </div>
  );
}

/** The live statistics a measure's work items are meant to move, next to their status. */
function IndicatorTable(props: { rows: IndicatorLine[] }) {
  const { t, td } = useT();
  const show = (id: string, v: string | number | undefined) =>
    v === undefined ? '—' : id.endsWith('.balance') ? `${yuanToYi(String(v))} ${t('yi_yuan')}` : count(v);
  return (
    <Table<IndicatorLine>
      data-testid="measure-indicators"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={props.rows}
      columns={[
        {
          title: t('indicator'),
          dataIndex: 'id',
          render: (id: string) =>
            td('ind_' + id.replace('.', '_').replace('_first_loan_borrowers', '_first')),
        },
        { title: t('indicator_latest'), render: (_x, r) => show(r.id, r.points.at(-1)?.value) },
        {
          title: t('quarter_trend'),
          render: (_x, r) =>
            r.quarters.map((q) => (
              <Tag
                key={q.quarter}
                color={q.trend === 'down' ? 'red' : q.trend === 'up' ? 'green' : undefined}
              >
                Q{q.quarter} {q.trend ?? '—'}
              </Tag>
            )),
        },
      ]}
    />
  );
}

export function PromoteMeasurePage(props: { id: string }) {
  const { t } = useT();
  const r = useApi<MeasurePage>(`/promote/measures/${props.id}/page`);
  return (
    <div data-testid="page-promote-measure">
      <PageTitle extra={<Button onClick={() => navigate('/promote')}>{t('back')}</Button>}>
        {r.data?.measure.label ?? props.id} {r.data?.measure.title ?? ''}
      </PageTitle>
      <Card>
        <Async loading={r.loading} error={r.error} reload={r.reload}>
          <ItemTable items={r.data?.items ?? []} testId="measure-items" />
        </Async>
      </Card>
      <Card title={t('linked_indicators')} style={{ marginTop: 16 }}>
        <IndicatorTable rows={r.data?.indicators ?? []} />
      </Card>
    </div>
  );
}
