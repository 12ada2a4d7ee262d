// Bank page: the bank's figures by area, its balance history, the bank ranking, and the drill-down from
// districts to this bank's loans.
import { Card, Col, Row, Space } from 'antd';
import { useState } from 'react';

import { Async, PageTitle } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { AreaSelect, PeriodSelect, usePeriods } from '../selectors.tsx';
import { DrillPanel, ExportButton, FiguresTable, HistoryChart, RankingTable } from '../stats-views.tsx';
import type { Figure } from '../types.ts';

export function BankPage(props: { code: string }) {
  const { t, lang } = useT();
  const periods = usePeriods();
  const [period, setPeriod] = useState<string | null>(null);
  const [area, setArea] = useState('all5');
  const p = period ?? periods.data?.latest ?? null;
  const r = useApi<{ figures: Figure[] }>(p ? `/stats/figures?dim=institution&period=${p}` : null);
  const figures = (r.data?.figures ?? []).filter((f) => f.dim_value === props.code);
  const insts = useApi<{ code: string; name_zh: string; name_en: string }[]>('/loans/institutions');
  const inst = insts.data?.find((i) => i.code === props.code);
  const name = inst ? `${lang === 'zh' ? inst.name_zh : inst.name_en} (${inst.code})` : props.code;
  return (
    <div data-testid="page-bank">
      <PageTitle
        extra={
          <Space>
            <PeriodSelect periods={periods.data?.periods ?? []} value={p} onChange={setPeriod} />
            <AreaSelect value={area} onChange={setArea} />
            <ExportButton period={p} />
          </Space>
        }
      >
        <span data-testid="bank-name">{name}</span>
      </PageTitle>
      <Async loading={periods.loading || r.loading} error={periods.error ?? r.error} reload={r.reload}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('figures')} size="small">
              <FiguresTable figures={figures} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={`${t('ind_balance')} · ${t('yi_yuan')}`} size="small">
              <HistoryChart area={area} dim="institution" code={props.code} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('ranking_banks')} size="small">
              <RankingTable dim="institution" area={area} period={p} highlight={props.code} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <DrillPanel key={`${area}-${p ?? ''}`} area={area} period={p} institution={props.code} />
          </Col>
        </Row>
      </Async>
    </div>
  );
}
