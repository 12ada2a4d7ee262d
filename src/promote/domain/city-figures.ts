// The figures the city report leads with (plan 十六, issue 17 item 8): the five areas' balances, 比年初增加 and
// 同比 at the report's period, progress to the 2027 targets with their scenarios, and the districts and banks
// that added most. The statistics module supplies them through an injected CityFiguresSource; this module only
// names the shape and the period a report stands on.
import type { Quarter } from './model.ts';

/** One area's release figures (yuan and %, decimal strings as the statistics API gives them). */
export interface AreaFigure {
  key: string;
  label: string;
  balance: string;
  ytd_increase: string | null;
  yoy: string | null;
}

/** One 2027 target at the period: value, progress, growth still needed and the two scenarios. */
export interface TargetLine {
  area: string;
  label: string;
  target: string;
  latest_value: string | null;
  progress: number | null;
  required_annual_growth: number | null;
  scenario_current: string | null;
  scenario_avg: string | null;
  status: string;
}

/** A district or bank among those that added most to the five areas together (all5) since the year began. */
export interface Highlight {
  dim: 'district' | 'institution';
  code: string;
  label: string;
  balance: string;
  ytd_increase: string | null;
  yoy: string | null;
}

export interface CityFigures {
  period: string;
  areas: AreaFigure[];
  targets: TargetLine[];
  highlights: Highlight[];
}

/** Supplied by the statistics module: the figures of a month-end period, null when none are stored. */
export type CityFiguresSource = (period: string) => Promise<CityFigures | null>;

/** The month-end period a report stands on: the quarter's last month, or December for the yearly report. */
export function reportPeriod(year: number, quarter: Quarter | null): string {
  return `${year}-${String((quarter ?? 4) * 3).padStart(2, '0')}`;
}
