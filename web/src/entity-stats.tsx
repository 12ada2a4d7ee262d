// The frame shared by the district and bank pages: period and area pickers, export, the entity's figures by
// area, its balance history and the ranking it stands in; each page supplies its title and drill-down.
import { Card, Col, Row, Space } from 'antd';
import { type ReactNode, useState } from 'react';

import { Async, PageTitle } from './components.tsx';
import { type Loaded, useApi } from './hooks.ts';
import { useT } from './i18n.ts';
import { AreaSelect, PeriodSelect, usePeriods } from './selectors.tsx';
import { ExportButton, FiguresTable, HistoryChart, RankingTable } from './stats-views.tsx';
import type { Figure, Figures, Periods } from './types.ts';

export type EntityDim = 'district' | 'institution';

export interface EntityStats {
  dim: EntityDim;
  code: string;
  periods: Loaded<Periods>;
  /** The chosen period, else the latest with statistics. */
  period: string | null;
  setPeriod(v: string): void;
  area: string;
  setArea(v: string): void;
  figuresLoad: Loaded<Figures>;
  /** This entity's figures for the period, one row per area. */
  figures: Figure[];
}

/** Period and area state and the figures of one district or bank. */
export function useEntityStats(dim: EntityDim, code: string): EntityStats {
  const periods = usePeriods();
  const [chosen, setPeriod] = useState<string | null>(null);
  const [area, setArea] = useState('all5');
  const period = chosen ?? periods.data?.latest ?? null;
  const figuresLoad = useApi<Figures>(period ? `/stats/figures?dim=${dim}&period=${period}` : null);
  const figures = (figuresLoad.data?.figures ?? []).filter((f) => f.dim_value === code);
  return { dim, code, periods, period, setPeriod, area, setArea, figuresLoad, figures };
}

export function EntityStatsLayout(props: {
  testId: string;
  stats: EntityStats;
  title: ReactNode;
  rankingTitle: string;
  drill: ReactNode;
}) {
  const { t } = useT();
  const { dim, code, periods, period, area, figuresLoad: r } = props.stats;
  return (
    <div data-testid={props.testId}>
      <PageTitle
        extra={
          <Space>
            <PeriodSelect
              periods={periods.data?.periods ?? []}
              value={period}
              onChange={props.stats.setPeriod}
            />
            <AreaSelect value={area} onChange={props.stats.setArea} />
            <ExportButton period={period} />
          </Space>
        }
      >
        {props.title}
      </PageTitle>
      <Async loading={periods.loading || r.loading} error={periods.error ?? r.error} reload={r.reload}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('figures')} size="small">
              <FiguresTable
                figures={props.stats.figures}
                exportName={`figures-${dim}-${code}-${period ?? ''}`}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={`${t('ind_balance')} · ${t('yi_yuan')}`} size="small">
              <HistoryChart area={area} dim={dim} code={code} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={props.rankingTitle} size="small">
              <RankingTable dim={dim} area={area} period={period} highlight={code} />
            </Card>
          </Col>
          {props.drill}
        </Row>
      </Async>
    </div>
  );
}
