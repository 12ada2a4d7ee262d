// The answer of the release figures for the CLI and the API (issue 14 API contract): a period — the one asked
// for, else the latest complete one — its completeness ("N / M 家机构已报送"), when its figures were computed and
// whether a recompute is under way, the periods to pick from, and the figures, each row carrying the period's
// completeness too.
import type { ReportingDeadline } from '../config/config.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { recomputeInFlight, stalePeriods } from './aggregates.sql.ts';
import {
  defaultPeriod,
  periodCompleteness,
  storedReleasePeriods,
  type Completeness,
} from './completeness.ts';
import { recomputePending } from './recompute.ts';
import type { ReleaseDim } from './release.sql.ts';
import { releaseFigures, type ReleaseFigure } from './release.ts';

export interface ReleaseRow extends ReleaseFigure {
  complete: boolean;
  institutions_reported: number;
  institutions_expected: number;
}

export interface ReleaseAnswer extends Completeness {
  dim: ReleaseDim;
  /** When the period's stored figures were computed (ISO 8601 UTC), null when none are stored. */
  computed_at: string | null;
  /** A recompute of the period is running or queued: the figures are those of computed_at meanwhile. */
  recomputing: boolean;
  /** Periods with stored figures, newest first, with their completeness. */
  periods: Completeness[];
  figures: ReleaseRow[];
}

/**
 * The release figures of `period` (default: the latest complete period) by `dim`, optionally one key or one
 * dimension value; null when no figures are stored at all.
 */
export async function releaseAnswer(
  db: AnalyticsConn,
  q: { period?: string; dim: ReleaseDim; key?: string; dimValue?: string },
  now: Date,
  deadline: ReportingDeadline,
): Promise<ReleaseAnswer | null> {
  const periods = await storedReleasePeriods(db, now, deadline);
  const period = q.period ?? defaultPeriod(periods);
  if (period === null) return null;
  const [c] = periods.filter((p) => p.period === period);
  const completeness = c ?? (await periodCompleteness(db, [period], now, deadline))[0];
  if (!completeness) return null;
  const [at] = await db.all<{ t: string | null }>(
    `SELECT strftime(computed_at, '%Y-%m-%dT%H:%M:%SZ') AS t FROM release_inputs WHERE report_period = ?`,
    [period],
  );
  const figures = await releaseFigures(db, period, { dim: q.dim, key: q.key, dimValue: q.dimValue });
  const { complete, institutions_reported, institutions_expected } = completeness;
  return {
    ...completeness,
    dim: q.dim,
    computed_at: at?.t ?? null,
    recomputing:
      recomputeInFlight(period) || (recomputePending(db) && (await stalePeriods(db)).includes(period)),
    periods,
    figures: figures.map((f) => ({ ...f, complete, institutions_reported, institutions_expected })),
  };
}
