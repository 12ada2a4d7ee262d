// District map (区县地图): Chongqing's 38 districts coloured by a chosen area and indicator; click → district page.
import { Card, Segmented, Space } from 'antd';
import * as echarts from 'echarts';
import { useMemo, useState } from 'react';

import geo from '../../../src/reference/data/chongqing_districts.echarts.json' with { type: 'json' };
import { Async, EChart, PageTitle } from '../components.tsx';
import { pct, yuanToYi, yuanToYiNumber } from '../format.ts';
import { useApi } from '../hooks.ts';
import { useT, type MsgKey } from '../i18n.ts';
import { navigate } from '../router.ts';
import { AreaSelect, PeriodSelect, usePeriods } from '../selectors.tsx';
import type { Figure } from '../types.ts';

interface GeoFeature {
  properties: { adcode: number; name: string };
}
const FEATURES = (geo as unknown as { features: GeoFeature[] }).features;
const NAME_BY_CODE = new Map(FEATURES.map((f) => [String(f.properties.adcode), f.properties.name]));
const CODE_BY_NAME = new Map(FEATURES.map((f) => [f.properties.name, String(f.properties.adcode)]));
echarts.registerMap('chongqing', geo as unknown as Parameters<typeof echarts.registerMap>[1]);

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
  const r = useApi<{ figures: Figure[] }>(p ? `/stats/figures?dim=district&area=${area}&period=${p}` : null);
  const option = useMemo(() => {
    const data = (r.data?.figures ?? []).map((f) => ({
      name: NAME_BY_CODE.get(f.dim_value) ?? f.dim_label,
      value: valueOf(f, ind),
      label: formatIndicator(f, ind),
    }));
    const values = data.map((d) => d.value).filter((v): v is number => v !== null);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (x: { name: string; data?: { label: string } }) => `${x.name}<br/>${x.data?.label ?? '—'}`,
      },
      visualMap: {
        min: values.length ? Math.min(...values) : 0,
        max: values.length ? Math.max(...values) : 1,
        left: 16,
        bottom: 16,
        calculable: true,
        inRange: { color: ['#fff5f0', '#fcbba1', '#fb6a4a', '#cb181d', '#67000d'] },
      },
      series: [
        {
          type: 'map',
          map: 'chongqing',
          roam: true,
          label: { show: true, fontSize: 9 },
          emphasis: { label: { show: true } },
          data,
        },
      ],
    };
  }, [r.data, ind]);
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
          <EChart
            option={option}
            height={640}
            testId="district-map"
            onClick={(e) => {
              const code = e.name ? CODE_BY_NAME.get(e.name) : undefined;
              if (code) navigate(`/district/${code}`);
            }}
          />
        </Async>
      </Card>
    </div>
  );
}
