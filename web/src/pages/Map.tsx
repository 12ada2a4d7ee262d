// District map (区县地图): Chongqing's 38 districts coloured by a chosen area and indicator; click → district page.
import { Card, Segmented, Space } from 'antd';
import { useMemo, useState } from 'react';

import { Async, PageTitle } from '../components.tsx';
import { DistrictMap } from '../district-map.tsx';
import { pct, yuanToYi, yuanToYiNumber } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useT, type MsgKey } from '../i18n.ts';
import { navigate } from '../router.ts';
import { AreaSelect, PeriodSelect, usePeriods } from '../selectors.tsx';
import type { Figure, Figures } from '../types.ts';

type Indicator = 'balance' | 'yoy' | 'loan_count' | 'npl_ratio';
const INDICATORS: Indicator[] = ['balance', 'yoy', 'loan_count', 'npl_ratio'];

function valueOf(f: Figure, ind: Indicator): number | null {
  switch (ind) {
    case 'balance':
      return yuanToYiNumber(f.balance);
    case 'loan_count':
      return Number(f.loan_count);
    case 'yoy':
      return f.yoy === null ? null : Math.round(f.yoy * 10000) / 100;
    case 'npl_ratio':
      return f.npl_ratio === null ? null : Math.round(f.npl_ratio * 10000) / 100;
  }
}

export function formatIndicator(f: Figure, ind: Indicator): string {
  switch (ind) {
    case 'balance':
      return yuanToYi(f.balance);
    case 'loan_count':
      return f.loan_count;
    case 'yoy':
      return pct(f.yoy);
    case 'npl_ratio':
      return pct(f.npl_ratio);
  }
}

export function MapPage() {
  const { t } = useT();
  const [area, setArea] = useState('all5');
  const [ind, setInd] = useState<Indicator>('balance');
  const periods = usePeriods();
  const [period, setPeriod] = useState<string | null>(null);
  const p = period ?? periods.data?.latest ?? null;
  const r = useApi<Figures>(p ? `/stats/figures?dim=district&area=${area}&period=${p}` : null);
  const data = useMemo(
    () =>
      (r.data?.figures ?? []).map((f) => ({
        code: f.dim_value,
        name: f.dim_label,
        value: valueOf(f, ind),
        label: formatIndicator(f, ind),
      })),
    [r.data, ind],
  );
  return (
    <div data-testid="page-map">
      <PageTitle
        extra={
          <Space>
            <PeriodSelect periods={periods.data?.periods ?? []} value={p} onChange={setPeriod} />
            <AreaSelect value={area} onChange={setArea} />
            <Segmented
              data-testid="indicator"
              value={ind}
              onChange={(v) => setInd(v as Indicator)}
              options={INDICATORS.map((i) => ({ value: i, label: t(('ind_' + i) as MsgKey) }))}
            />
          </Space>
        }
      >
        {t('menu_map')}
      </PageTitle>
      <Card>
        <Async loading={periods.loading || r.loading} error={periods.error ?? r.error} reload={r.reload}>
          <DistrictMap data={data} testId="district-map" onPick={(code) => navigate(`/district/${code}`)} />
        </Async>
      </Card>
    </div>
  );
}
