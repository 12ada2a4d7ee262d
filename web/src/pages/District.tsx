// District page: the district's figures by area, its balance history, district ranking, and the drill-down
// to banks and loans; XLSX export of the monthly report (server-made) for city-wide roles.
import { Col } from 'antd';

import { EntityStatsLayout, useEntityStats } from '../entity-stats.tsx';
import { useT } from '../i18n.ts';
import { seesAll, useSession } from '../session.ts';
import { DrillPanel } from '../stats-views.tsx';

export function DistrictPage(props: { code: string }) {
  const { t } = useT();
  const { user } = useSession();
  const stats = useEntityStats('district', props.code);
  const name = stats.figures[0]?.dim_label ?? props.code;
  const { area, period: p } = stats;
  return (
    <EntityStatsLayout
      testId="page-district"
      stats={stats}
      title={<span data-testid="district-name">{name}</span>}
      rankingTitle={t('ranking_districts')}
      drill={
        seesAll(user.role) || user.role === 'institution' ? (
          <Col xs={24} xl={12}>
            <DrillPanel
              key={`${area}-${p ?? ''}`}
              area={area}
              period={p}
              district={props.code}
              districtLabel={name}
            />
          </Col>
        ) : null
      }
    />
  );
}
