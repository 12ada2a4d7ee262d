// The 2027 targets at a period: loads the versioned targets file, judges each target on the official series where
// the statistics division imported it (fivefin's own series beside it), as of the period P (and of a time, for a
// past publication), and breaks the gap down by district and by bank.
import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { officialCityHistory } from '../official/queries.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StatArea } from './dims.ts';
import { addMonths, monthsBetween } from '../shared/period.ts';
import { balanceHistory, storedPeriods } from './queries.ts';
import {
  ASSESSMENTS,
  evaluateSeries,
  type Assessment,
  type Reading,
  type SeriesEvaluation,
  type TargetsConfig,
} from './targets.domain.ts';

const decimal = z.string().regex(/^\d+(\.\d+)?$/);
const text = { label_zh: z.string(), label_en: z.string(), note_zh: z.string(), note_en: z.string() };
const TargetsSchema = z.object({
  version: z.string(),
  source_zh: z.string(),
  source_en: z.string(),
  deadline: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  strive: z.object(text),
  readings: z.record(z.string(), z.object({ ...text, factor: decimal, strict: z.boolean() })),
  lag_margin: decimal,
  targets: z.array(
    z.object({
      area: z.enum(['tech', 'green', 'inclusive', 'pension', 'digital']),
      kind: z.enum(['level', 'growth']),
      reading: z.string(),
      value: decimal,
      label_zh: z.string(),
      label_en: z.string(),
      judged_years: z.array(z.number().int()).optional(),
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
  const cfg = TargetsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  for (const t of cfg.targets)
    if (!(t.reading in cfg.readings))
      throw new Error(`targets.json: ${t.area} has unknown reading ${t.reading}`);
  return cfg;
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

export interface TargetEvaluation {
  area: string;
  kind: 'level' | 'growth';
  label_zh: string;
  label_en: string;
  target: string;
  reading: Reading & { key: string; threshold: string | null };
  deadline: string;
  months_left: number;
  /** The series the target is judged on: the official one where imported for the period, else fivefin's. */
  judged_on: 'official' | 'fivefin';
  latest_period: string;
  latest_value: string | null;
  latest_yoy: number | null;
  progress: number | null;
  required_annual_growth: number | null;
  status: Assessment;
  status_zh: string;
  status_en: string;
  official: SeriesEvaluation | null;
  fivefin: SeriesEvaluation | null;
  baselines: TargetsConfig['targets'][number]['baselines'];
}

export interface TargetReport {
  version: string;
  period: string | null;
  deadline: string;
  strive: TargetsConfig['strive'];
  lag_margin: string;
  evaluations: TargetEvaluation[];
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

export interface TargetOptions {
  /** The period judged (default: the latest stored period). */
  period?: string;
  /** Official series as imported at this time (default now): a past publication reproduced. */
  asOf?: Date;
  cfg?: TargetsConfig;
}

/** Evaluates every target at a period on the official series (where imported) and fivefin's. */
export async function evaluateTargets(db: AnalyticsConn, opts: TargetOptions = {}): Promise<TargetReport> {
  const cfg = opts.cfg ?? loadTargets();
  const period = opts.period ?? (await storedPeriods(db))[0] ?? null;
  const out: TargetReport = {
    version: cfg.version,
    period,
    deadline: cfg.deadline,
    strive: cfg.strive,
    lag_margin: cfg.lag_margin,
    evaluations: [],
    contributions: {},
  };
  if (period === null) return out;
  for (const spec of cfg.targets) {
    const fivefin = evaluateSeries(
      spec,
      cfg,
      await balanceHistory(db, spec.area as StatArea),
      period,
      'fivefin',
    );
    const official = evaluateSeries(
      spec,
      cfg,
      await officialCityHistory(db, spec.area, opts.asOf ?? new Date()),
      period,
      'official',
    );
    const judged = official ?? fivefin;
    const reading = cfg.readings[spec.reading] as Reading;
    const status = judged?.status ?? 'insufficient_data';
    out.evaluations.push({
      area: spec.area,
      kind: spec.kind,
      label_zh: spec.label_zh,
      label_en: spec.label_en,
      target: spec.value,
      reading: {
        ...reading,
        key: spec.reading,
        threshold: spec.kind === 'level' ? (Number(spec.value) * Number(reading.factor)).toFixed(2) : null,
      },
      deadline: cfg.deadline,
      months_left: monthsBetween(period, cfg.deadline),
      judged_on: official ? 'official' : 'fivefin',
      latest_period: period,
      latest_value: judged?.value ?? null,
      latest_yoy: judged?.yoy ?? null,
      progress: judged?.progress ?? null,
      required_annual_growth: judged?.required_annual_growth ?? null,
      status,
      status_zh: ASSESSMENTS[status][0],
      status_en: ASSESSMENTS[status][1],
      official,
      fivefin,
      baselines: spec.baselines,
    });
    const [g] =
      spec.kind === 'level' && judged?.value
        ? await db.all<{ gap: string }>(
            'SELECT greatest(CAST(? AS DECIMAL(18,2)) - CAST(? AS DECIMAL(18,2)), 0)::VARCHAR AS gap',
            [spec.value, judged.value],
          )
        : [];
    out.contributions[spec.area] = await contributions(db, spec.area, period, g?.gap ?? null);
  }
  return out;
}
