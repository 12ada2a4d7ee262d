// The statistics the joint promotion's report to 市委/市政府 leads with (issue 17 item 8): the release figures of
// the five areas (余额, 比年初增加, 同比) city-wide, the 2027 targets with progress and scenarios, and the top
// districts and banks by 比年初增加 of the five areas together. Same functions as GET /api/stats/release and
// the targets report, so the report's figures equal the API's for its period.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { AREAS } from '../loans/spec.ts';
import { releaseFigures, type ReleaseFigure } from './release.ts';
import { evaluateTargets } from './targets.ts';

/** How many districts and banks the report highlights in each dimension. */
export const HIGHLIGHTS = 3;

const byIncrease = (a: ReleaseFigure, b: ReleaseFigure): number =>
  Number(b.ytd_increase ?? -Infinity) - Number(a.ytd_increase ?? -Infinity) ||
  a.dim_value.localeCompare(b.dim_value);

async function highlights(db: AnalyticsConn, period: string, dim: 'district' | 'institution') {
  const rows = await releaseFigures(db, period, { dim, key: 'all5' });
  return [...rows]
    .sort(byIncrease)
    .slice(0, HIGHLIGHTS)
    .map((r) => ({
      dim,
      code: r.dim_value,
      label: r.dim_label,
      balance: r.balance,
      ytd_increase: r.ytd_increase,
      yoy: r.yoy,
    }));
}

/** The city report's figures at `period`; null when no release figures are stored for it. */
export function statsCityFigures(db: AnalyticsConn) {
  return async (period: string) => {
    const city = await releaseFigures(db, period, { dim: 'city' });
    if (city.length === 0) return null;
    const areas = AREAS.map((key) => city.find((f) => f.key === key))
      .filter((f): f is ReleaseFigure => f !== undefined)
      .map((f) => ({
        key: f.key,
        label: f.key_label,
        balance: f.balance,
        ytd_increase: f.ytd_increase,
        yoy: f.yoy,
      }));
    const t = await evaluateTargets(db, { period });
    const judged = (e: (typeof t.evaluations)[number]) => e.official ?? e.fivefin;
    const scenario = (e: (typeof t.evaluations)[number], name: string) =>
      judged(e)?.scenarios.find((s) => s.name === name)?.value_at_deadline ?? null;
    return {
      period,
      areas,
      targets: t.evaluations.map((e) => ({
        area: e.area,
        label: e.label_zh,
        target: e.target,
        latest_value: e.latest_value,
        progress: e.progress,
        required_annual_growth: e.required_annual_growth,
        scenario_current: scenario(e, 'current_yoy'),
        scenario_avg: scenario(e, 'avg_yoy'),
        status: e.status_zh,
      })),
      highlights: [
        ...(await highlights(db, period, 'district')),
        ...(await highlights(db, period, 'institution')),
      ],
    };
  };
}
