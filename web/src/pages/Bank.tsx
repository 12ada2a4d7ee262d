// Bank page: the bank's figures by area, its balance history, the bank ranking, and the drill-down from
// districts to this bank's loans.
import { Col } from 'antd';

import { EntityStatsLayout, useEntityStats } from '../entity-stats.tsx';
import { useApi } from '../hooks.ts';
import { useT } from '../i18n.ts';
import { DrillPanel } from '../stats-views.tsx';
import type { Institution } from '../types.ts';

export function BankPage(props: { code: string }) {
  const { t, lang } = useT();
  const stats = useEntityStats('institution', props.code);
  const insts = useApi<Institution[]>('/loans/institutions');
  const inst = insts.data?.find((i) => i.code === props.code);
  const name = inst ? `${lang === 'zh' ? inst.name_zh : inst.name_en} (${inst.code})` : props.code;
  const { area, period: p } = stats;
  return (
    <EntityStatsLayout
      testId="page-bank"
      stats={stats}
      title={<span data-testid="bank-name">{name}</span>}
      rankingTitle={t('ranking_banks')}
      drill={
        <Col xs={24} xl={12}>
          <DrillPanel key={`${area}-${p ?? ''}`} area={area} period={p} institution={props.code} />
        </Col>
      }
    />
  );
}
