// Views shared by the district and bank pages: figures by area (table and bar chart), balance history,
// a sortable/filterable ranking table, the drill-down (districts → banks → loans), and the XLSX export button.
import { DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Input, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';

import type { ExportColumn } from './xlsx-export.ts';

import { download } from './api.ts';
import { Async, EChart } from './components.tsx';
import { ExportTableButton } from './export-button.tsx';
import { count, pct, yuanToYi, yuanToYiNumber } from './format.ts';
import { useApi } from './hooks.ts';
import { useT } from './i18n.ts';
import { navigate } from './router.ts';
import { seesAll, useSession } from './session.ts';
import {
  AREAS,
  type Drill,
  type DrillRow,
  type Figure,
  type History,
  type LoanRow,
  type RankingRow,
  type Rankings,
} from './types.ts';

/** The five areas' figures of one district or bank; `exportName` names the XLSX file. */
export function FiguresTable(props: { figures: Figure[]; exportName: string }) {
  const { t, td } = useT();
  const rows = props.figures.filter(
    (f) => (AREAS as readonly string[]).includes(f.area) || f.area === 'all5',
  );
  const option = useMemo(
    () => ({
      grid: { left: 80, right: 24, top: 8, bottom: 24 },
      tooltip: {},
      xAxis: { type: 'value', name: t('yi_yuan') },
      yAxis: {
        type: 'category',
        data: rows.filter((f) => f.area !== 'all5').map((f) => td('area_' + f.area)),
      },
      series: [
        {
          type: 'bar',
          data: rows.filter((f) => f.area !== 'all5').map((f) => yuanToYiNumber(f.balance)),
          itemStyle: { color: '#b71c1c' },
        },
      ],
    }),
    [rows, t, td],
  );
  const exportColumns: ExportColumn<Figure>[] = [
    { title: t('area'), value: (f) => td('area_' + f.area) },
    { title: t('balance_yi'), value: (f) => yuanToYiNumber(f.balance), numFmt: '#,##0.00' },
    { title: t('yoy'), value: (f) => f.yoy, numFmt: '0.00%' },
    { title: t('mom'), value: (f) => f.mom, numFmt: '0.00%' },
    { title: t('loan_count'), value: (f) => Number(f.loan_count), numFmt: '#,##0' },
    { title: t('borrower_count'), value: (f) => Number(f.borrower_count), numFmt: '#,##0' },
    { title: t('ind_npl_ratio'), value: (f) => f.npl_ratio, numFmt: '0.00%' },
  ];
  return (
    <>
      <div style={{ textAlign: 'right', marginBottom: 8 }}>
        <ExportTableButton
          fileName={`${props.exportName}.xlsx`}
          sheet={t('figures')}
          columns={exportColumns}
          rows={rows}
          testId="figures-export"
        />
      </div>
      <Table
        data-testid="figures-table"
        size="small"
        rowKey="area"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('area'), dataIndex: 'area', render: (a: string) => td('area_' + a) },
          {
            title: t('balance_yi'),
            dataIndex: 'balance',
            align: 'right',
            render: (v: string) => <span data-testid="fig-balance">{yuanToYi(v)}</span>,
          },
          { title: t('yoy'), dataIndex: 'yoy', align: 'right', render: (v: number | null) => pct(v) },
          { title: t('mom'), dataIndex: 'mom', align: 'right', render: (v: number | null) => pct(v) },
          { title: t('loan_count'), dataIndex: 'loan_count', align: 'right', render: count },
          { title: t('borrower_count'), dataIndex: 'borrower_count', align: 'right', render: count },
          {
            title: t('ind_npl_ratio'),
            dataIndex: 'npl_ratio',
            align: 'right',
            render: (v: number | null) => pct(v),
          },
        ]}
      />
      <EChart option={option} height={200} testId="figures-chart" />
    </>
  );
}

export function HistoryChart(props: { area: string; dim: string; code: string }) {
  const { t } = useT();
  const h = useApi<History>(`/stats/history?area=${props.area}&dim=${props.dim}&dim_value=${props.code}`);
  const option = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 16, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: (h.data?.points ?? []).map((p) => p.report_period) },
      yAxis: { type: 'value', name: t('yi_yuan'), scale: true },
      series: [
        {
          type: 'line',
          areaStyle: { opacity: 0.15 },
          data: (h.data?.points ?? []).map((p) => yuanToYiNumber(p.balance)),
          itemStyle: { color: '#b71c1c' },
        },
      ],
    }),
    [h.data, t],
  );
  return (
    <Async loading={h.loading} error={h.error} empty={(h.data?.points.length ?? 0) === 0}>
      <EChart option={option} height={220} testId="history-chart" />
    </Async>
  );
}

export function ExportButton(props: { period: string | null }) {
  const { t } = useT();
  const { user } = useSession();
  if (!seesAll(user.role) || !props.period) return null;
  return (
    <Button
      icon={<DownloadOutlined />}
      data-testid="export-xlsx"
      onClick={() => download(`/stats/report.xlsx?period=${props.period ?? ''}`)}
    >
      {t('export_xlsx')}
    </Button>
  );
}

export function RankingTable(props: {
  dim: 'district' | 'institution';
  area: string;
  period: string | null;
  highlight?: string;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const r = useApi<Rankings>(
    props.period ? `/stats/rankings?dim=${props.dim}&area=${props.area}&period=${props.period}` : null,
  );
  const rows = (r.data?.rows ?? []).filter((x) => !q || x.name.includes(q) || x.code.includes(q));
  const entity = props.dim === 'district' ? t('district') : t('bank');
  const exportColumns: ExportColumn<RankingRow>[] = [
    { title: t('rank'), value: (x) => x.rank },
    { title: t('code'), value: (x) => x.code },
    { title: entity, value: (x) => x.name },
    { title: t('balance_yi'), value: (x) => yuanToYiNumber(x.balance), numFmt: '#,##0.00' },
    { title: t('yoy'), value: (x) => x.yoy, numFmt: '0.00%' },
    { title: t('share'), value: (x) => x.share, numFmt: '0.00%' },
  ];
  return (
    <Async loading={r.loading} error={r.error} reload={r.reload}>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <Input.Search
          placeholder={t('search')}
          allowClear
          style={{ width: 220 }}
          onChange={(e) => setQ(e.target.value)}
          data-testid="ranking-search"
        />
        <ExportTableButton
          fileName={`ranking-${props.dim}-${props.area}-${props.period ?? ''}.xlsx`}
          sheet={entity}
          columns={exportColumns}
          rows={[...rows].sort((a, b) => a.rank - b.rank)}
          testId={`ranking-export-${props.dim}`}
        />
      </div>
      <Table
        data-testid={`ranking-${props.dim}`}
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        rowClassName={(x) => (x.code === props.highlight ? 'ant-table-row-selected' : '')}
        onRow={(x) => ({
          onClick: () =>
            x.balance !== undefined &&
            x.balance !== null &&
            navigate(`/${props.dim === 'district' ? 'district' : 'bank'}/${x.code}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('rank'),
            dataIndex: 'rank',
            width: 70,
            sorter: (a, b) => a.rank - b.rank,
            defaultSortOrder: 'ascend',
          },
          { title: props.dim === 'district' ? t('district') : t('bank'), dataIndex: 'name' },
          {
            title: t('balance_yi'),
            dataIndex: 'balance',
            align: 'right',
            sorter: (a, b) => (yuanToYiNumber(a.balance) ?? -1) - (yuanToYiNumber(b.balance) ?? -1),
            render: (v: string | null | undefined) => yuanToYi(v),
          },
          {
            title: t('yoy'),
            dataIndex: 'yoy',
            align: 'right',
            sorter: (a, b) => (a.yoy ?? -9) - (b.yoy ?? -9),
            render: (v: number | null | undefined) => pct(v),
          },
          {
            title: t('share'),
            dataIndex: 'share',
            align: 'right',
            sorter: (a, b) => (a.share ?? -1) - (b.share ?? -1),
            render: (v: number | null | undefined) => pct(v),
          },
        ]}
      />
    </Async>
  );
}

/** Drill-down of one area's figure: districts → banks → loans; a loan opens its explanation. */
export function DrillPanel(props: {
  area: string;
  period: string | null;
  district?: string;
  districtLabel?: string;
  institution?: string;
}) {
  const { t } = useT();
  const [district, setDistrict] = useState<string | undefined>(props.district);
  const [inst, setInst] = useState<string | undefined>(
    props.institution && props.district ? props.institution : undefined,
  );
  const [labels, setLabels] = useState<Record<string, string>>(
    props.district && props.districtLabel ? { [props.district]: props.districtLabel } : {},
  );
  // A bank page starts from districts and filters loans to its own bank.
  const fixedInst = props.institution;
  const qs = new URLSearchParams({ area: props.area });
  if (props.period) qs.set('period', props.period);
  if (district) qs.set('district', district);
  const instForQuery = inst ?? (district && fixedInst ? fixedInst : undefined);
  if (district && instForQuery) qs.set('institution', instForQuery);
  const r = useApi<Drill>(props.period ? `/stats/drill?${qs.toString()}` : null);
  const crumbs = [
    {
      title: (
        <a
          onClick={() => {
            setDistrict(props.district);
            setInst(undefined);
          }}
        >
          {t('drill_down')}
        </a>
      ),
    },
    ...(district
      ? [{ title: <a onClick={() => setInst(undefined)}>{labels[district] ?? district}</a> }]
      : []),
    ...(instForQuery && district ? [{ title: instForQuery }] : []),
  ];
  return (
    <Card size="small" title={<Breadcrumb items={crumbs} />} data-testid="drill">
      <Async loading={r.loading} error={r.error} reload={r.reload} empty={(r.data?.rows.length ?? 0) === 0}>
        {r.data && r.data.level !== 'loan' ? (
          <Table<DrillRow>
            size="small"
            rowKey="key"
            data-testid={`drill-${r.data.level}`}
            dataSource={r.data.rows}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            onRow={(x) => ({
              style: { cursor: 'pointer' },
              onClick: () => {
                setLabels((l) => ({ ...l, [x.key]: x.label }));
                if (r.data?.level === 'district') setDistrict(x.key);
                else setInst(x.key);
              },
            })}
            columns={[
              { title: r.data.level === 'district' ? t('district') : t('bank'), dataIndex: 'label' },
              {
                title: t('balance_yi'),
                dataIndex: 'balance',
                align: 'right',
                render: (v: string) => yuanToYi(v),
              },
              { title: t('loan_count'), dataIndex: 'loan_count', align: 'right', render: count },
            ]}
          />
        ) : (
          <Table<LoanRow>
            size="small"
            rowKey={(x) => x.institution_code + '/' + x.loan_id}
            data-testid="drill-loan"
            dataSource={r.data?.rows as LoanRow[] | undefined}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              {
                title: t('loan_id'),
                dataIndex: 'loan_id',
                render: (v: string, x) => (
                  <a
                    data-testid="loan-link"
                    onClick={() => navigate(`/loan/${x.institution_code}/${encodeURIComponent(v)}`)}
                  >
                    {v}
                  </a>
                ),
              },
              {
                title: t('balance_yi'),
                dataIndex: 'balance',
                align: 'right',
                render: (v: string) => yuanToYi(v, 4),
              },
              {
                title: t('bases'),
                dataIndex: 'bases',
                render: (b: string[]) => b.map((x) => <Tag key={x}>{x}</Tag>),
              },
            ]}
          />
        )}
      </Async>
    </Card>
  );
}
