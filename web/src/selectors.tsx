// Shared selectors: area and period pickers (periods from GET /api/stats/periods).
import { Select } from 'antd';

import { useApi } from './hooks.ts';
import { useT } from './i18n.ts';
import { AREAS, type Periods } from './types.ts';

export function AreaSelect(props: { value: string; onChange(v: string): void; withTotals?: boolean }) {
  const { td } = useT();
  const areas: string[] = props.withTotals === false ? [...AREAS] : [...AREAS, 'all5'];
  return (
    <Select
      data-testid="area-select"
      style={{ width: 140 }}
      value={props.value}
      onChange={props.onChange}
      options={areas.map((a) => ({ value: a, label: td('area_' + a) }))}
    />
  );
}

/** The periods with statistics; `latest` is the newest. */
export function usePeriods() {
  return useApi<Periods>('/stats/periods');
}

export function PeriodSelect(props: { periods: string[]; value: string | null; onChange(v: string): void }) {
  return (
    <Select
      data-testid="period-select"
      style={{ width: 120 }}
      value={props.value ?? undefined}
      onChange={props.onChange}
      options={props.periods.map((p) => ({ value: p, label: p }))}
    />
  );
}
