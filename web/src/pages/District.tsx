// District page: the district's figures by area, its balance history, district ranking, and the drill-down
// to banks and loans; XLSX export of the monthly report (server-made) for city-wide roles.
import { Card, Col, Row, Space } from 'antd';
import { useState } from 'react';

import { Async, PageTitle } from '../components.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { AreaSelect, PeriodSelect, usePeriods } from '../selectors.tsx';
import { seesAll, useSession } from '../session.ts';
import { DrillPanel, ExportButton, FiguresTable, HistoryChart, RankingTable } from '../stats-views.tsx';
import type { Figure } from '../types.ts';

export function DistrictPage(props: { code: string }) {
  const { t } = useT();
  const { user } = useSession();
  const periods = usePeriods();
  const [period, setPeriod] = useState<string | null>(null);
  const [area, setArea] = useState('all5');
  const p = period ?? periods.data?.latest ?? null;
  const r = useApi<{ figures: Figure[] }>(p ? `/stats/figures?dim=district&period=${p}` : null);
  const figures = (r.data?.figures ?? []).filter((f) => f.dim_value === props.code);
  const name = figures[0]?.dim_label ?? props.code;
  return (
    <div data-testid="page-district">
      <PageTitle
        extra={
          <Space>
            <PeriodSelect periods={periods.data?.periods ?? []} value={p} onChange={setPeriod} />
            <AreaSelect value={area} onChange={setArea} />
            <ExportButton period={p} />
          </Space>
        }
      >
        <span data-testid="district-name">{name}</span>
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
              <HistoryChart area={area} dim="district" code={props.code} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('ranking_districts')} size="small">
              <RankingTable dim="district" area={area} period={p} highlight={props.code} />
            </Card>
          </Col>
          {seesAll(user.role) || user.role === 'institution' ? (
            <Col xs={24} xl={12}>
              <DrillPanel
                key={`${area}-${p ?? ''}`}
                area={area}
                period={p}
                district={props.code}
                districtLabel={name}
              />
            </Col>
          ) : null}
        </Row>
      </Async>
    </div>
  );
}
