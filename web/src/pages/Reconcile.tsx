// Reconciliation list: loans where a bank's declared areas and the derived labels disagree (a bank sees its own).
import { Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';

import { Async, PageTitle } from '../components.tsx';
import { ExportTableButton } from '../export-button.tsx';
import { yuanToYi, yuanToYiNumber } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.ts';
import { PeriodSelect, usePeriods } from '../selectors.tsx';
import type { Reconciliation, ReconciliationItem } from '../types.ts';

export function ReconcilePage() {
  const { t, td } = useT();
  const periods = usePeriods();
  const [period, setPeriod] = useState<string | null>(null);
  const p = period ?? periods.data?.latest ?? null;
  const r = useApi<Reconciliation>(p ? `/stats/reconciliation?period=${p}&limit=1000` : null);
  return (
    <div data-testid="page-reconcile">
      <PageTitle
        extra={
          <Space>
            <PeriodSelect periods={periods.data?.periods ?? []} value={p} onChange={setPeriod} />
            <ExportTableButton<ReconciliationItem>
              fileName={`reconciliation-${p ?? ''}.xlsx`}
              sheet={t('reconcile_title')}
              rows={r.data?.items ?? []}
              testId="reconcile-export"
              columns={[
                { title: t('bank'), value: (x) => x.institution_code },
                { title: t('period'), value: (x) => x.report_period },
                { title: t('loan_id'), value: (x) => x.loan_id },
                { title: t('area'), value: (x) => td('area_' + x.area) },
                { title: t('status'), value: (x) => td('kind_' + x.kind) },
                { title: t('bases'), value: (x) => x.bases.join('; ') },
                { title: t('balance_yi'), value: (x) => yuanToYiNumber(x.balance), numFmt: '#,##0.0000' },
              ]}
            />
          </Space>
        }
      >
        {t('reconcile_title')}
      </PageTitle>
      <Card>
        <Async loading={periods.loading || r.loading} error={periods.error ?? r.error} reload={r.reload}>
          <Table<ReconciliationItem>
            data-testid="reconcile-table"
            size="small"
            rowKey={(x) => `${x.institution_code}/${x.loan_id}/${x.area}/${x.kind}`}
            dataSource={r.data?.items ?? []}
            columns={[
              {
                title: t('bank'),
                dataIndex: 'institution_code',
                filters: [...new Set((r.data?.items ?? []).map((x) => x.institution_code))].map((c) => ({
                  text: c,
                  value: c,
                })),
                onFilter: (v, x) => x.institution_code === v,
              },
              {
                title: t('loan_id'),
                dataIndex: 'loan_id',
                render: (v: string, x) => (
                  <a onClick={() => navigate(`/loan/${x.institution_code}/${encodeURIComponent(v)}`)}>{v}</a>
                ),
              },
              {
                title: t('area'),
                dataIndex: 'area',
                render: (a: string) => td('area_' + a),
                filters: ['tech', 'green', 'inclusive', 'pension', 'digital'].map((a) => ({
                  text: td('area_' + a),
                  value: a,
                })),
                onFilter: (v, x) => x.area === v,
              },
              {
                title: t('status'),
                dataIndex: 'kind',
                filters: ['declared_not_derived', 'derived_not_declared'].map((k) => ({
                  text: td('kind_' + k),
                  value: k,
                })),
                onFilter: (v, x) => x.kind === v,
                render: (k: string) => (
                  <Tag color={k === 'declared_not_derived' ? 'orange' : 'blue'}>{td('kind_' + k)}</Tag>
                ),
              },
              {
                title: t('bases'),
                dataIndex: 'bases',
                render: (b: string[]) => (
                  <Space wrap>
                    {b.map((x) => (
                      <Tag key={x}>{x}</Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('balance_yi'),
                dataIndex: 'balance',
                align: 'right',
                sorter: (a, b) => Number(a.balance) - Number(b.balance),
                render: (v: string) => yuanToYi(v, 4),
              },
            ]}
          />
        </Async>
      </Card>
    </div>
  );
}
