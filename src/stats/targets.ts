// The 2027 targets against the stored aggregates: loads the versioned targets file, evaluates each target on
// the city history, and breaks the gap down by district and by bank.
import { readFileSync } from 'node:fs';

import { z } from 'zod';

import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StatArea } from './dims.ts';
import { addMonths } from '../shared/period.ts';
import { balanceHistory } from './queries.ts';
import { evaluateTarget, type TargetEvaluation, type TargetsConfig } from './targets.domain.ts';

const decimal = z.string().regex(/^\d+(\.\d+)?$/);
const TargetsSchema = z.object({
  version: z.string(),
  source_zh: z.string(),
  source_en: z.string(),
  deadline: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  approx_tolerance: decimal,
  targets: z.array(
    z.object({
      area: z.enum(['tech', 'green', 'inclusive', 'pension', 'digital']),
      kind: z.enum(['level', 'growth']),
      comparator: z.enum(['approx', 'gt', 'gte']),
      value: decimal,
      label_zh: z.string(),
      label_en: z.string(),
      baselines: z.array(
        z.object({
          period: z.string(),
          value: decimal.nullable(),
          growth: decimal.nullable(),
          source: z.string(),
        }),
      ),
    }),
  ),
});

export const TARGETS_FILE = new URL('./targets.json', import.meta.url);

/** Reads and checks the targets file (throws naming the problem: a broken config is a deployment bug). */
export function loadTargets(file: URL | string = TARGETS_FILE): TargetsConfig {
  return TargetsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface GapContribution {
  dim: 'district' | 'institution';
  dim_value: string;
  dim_label: string;
  balance: string;
  share: number | null;
  /** Change of balance over the last 12 months (null when the year-ago period is not stored). */
  change_12m: string | null;
  /** This unit's share of the remaining gap, pro rata to its balance (level targets only). */
  gap_share: string | null;
}

export interface TargetReport {
  version: string;
  deadline: string;
  evaluations: (TargetEvaluation & {
    label_zh: string;
    label_en: string;
    baselines: TargetsConfig['targets'][number]['baselines'];
  })[];
  contributions: Record<string, GapContribution[]>;
}

async function contributions(
  db: AnalyticsConn,
  area: string,
  period: string,
  gap: string | null,
): Promise<GapContribution[]> {
  return db.all<GapContribution>(
    `SELECT c.dim, c.dim_value, coalesce(d.name, c.dim_value) AS dim_label, c.balance::VARCHAR AS balance,
       CASE WHEN t.balance > 0 THEN round(CAST(c.balance AS DOUBLE) / CAST(t.balance AS DOUBLE), 6) END AS share,
       (c.balance - y.balance)::VARCHAR AS change_12m,
       CASE WHEN t.balance > 0 AND CAST(? AS DECIMAL(18,2)) IS NOT NULL
         THEN round(CAST(? AS DECIMAL(38,2)) * CAST(c.balance AS DECIMAL(38,2)) / t.balance, 2)::DECIMAL(18,2)::VARCHAR END AS gap_share
     FROM area_aggregates c
     JOIN area_aggregates t ON t.report_period = c.report_period AND t.area = c.area AND t.dim = 'city'
     LEFT JOIN area_aggregates y ON y.report_period = ? AND y.area = c.area AND y.dim = c.dim
       AND y.dim_value = c.dim_value
     LEFT JOIN ref_district d ON c.dim = 'district' AND d.code = c.dim_value
     WHERE c.report_period = ? AND c.area = ? AND c.dim IN ('district', 'institution')
     ORDER BY c.dim, c.balance DESC, c.dim_value`,
    [gap, gap, addMonths(period, -12), period, area],
  );
}

/** Evaluates every target on the stored city aggregates (latest stored period of each area). */
export async function evaluateTargets(
  db: AnalyticsConn,
  cfg: TargetsConfig = loadTargets(),
): Promise<TargetReport> {
  const out: TargetReport = {
    version: cfg.version,
    deadline: cfg.deadline,
    evaluations: [],
    contributions: {},
  };
  for (const spec of cfg.targets) {
    const history = await balanceHistory(db, spec.area as StatArea);
    const ev = evaluateTarget(spec, history, cfg.deadline, Number(cfg.approx_tolerance));
    out.evaluations.push({
      ...ev,
      label_zh: spec.label_zh,
      label_en: spec.label_en,
      baselines: spec.baselines,
    });
    if (ev.latest_period && ev.latest_value !== null) {
      const [g] =
        spec.kind === 'level'
          ? await db.all<{ gap: string }>(
              'SELECT greatest(CAST(? AS DECIMAL(18,2)) - CAST(? AS DECIMAL(18,2)), 0)::VARCHAR AS gap',
              [spec.value, ev.latest_value],
            )
          : [];
      out.contributions[spec.area] = await contributions(db, spec.area, ev.latest_period, g?.gap ?? null);
    } else out.contributions[spec.area] = [];
  }
  return out;
}
