// Restatement (可比口径, DATA-SPEC §6): relabels the submissions in force of a range of periods under a rule version
// (a rule set and its switches) and the list versions in force now, and recomputes the periods' aggregates and
// line figures. The replaced labels, aggregates and line figures are kept readable (…_history, by restatement);
// the period remembers its version (classify_period_versions), so files accepted later are labelled the same way.
import { classifySubmission, ruleSetById } from '../classify/classify.ts';
import { parseRuleVersion, ruleVersion } from '../classify/rules.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { writeAggregates } from './aggregates.sql.ts';

export interface RestatementRequest {
  from: string;
  to: string;
  /** A rule version label, e.g. 'classify-v2' or 'classify-v2;s70=on'. */
  ruleVersion: string;
  reason: string;
  requestedBy: string;
}

export interface Restatement {
  restatement_id: string;
  period_from: string;
  period_to: string;
  rule_set: string;
  rule_version: string;
  list_versions: string;
  reason: string;
  requested_by: string;
  submissions: string;
  done_at: string;
}

export class RestatementError extends Error {}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Restates the periods from..to (inclusive); submissions of the other file version keep their labels. */
export async function restatePeriods(
  db: AnalyticsConn,
  req: RestatementRequest,
  now: () => Date,
): Promise<Restatement> {
  if (!PERIOD.test(req.from) || !PERIOD.test(req.to) || req.from > req.to)
    throw new RestatementError(`bad period range ${req.from}..${req.to}`);
  let parsed;
  try {
    parsed = parseRuleVersion(req.ruleVersion);
  } catch (e) {
    throw new RestatementError((e as Error).message);
  }
  const set = ruleSetById(parsed.set);
  const version = ruleVersion(parsed.opts, set);
  const spec = set.id === 'classify-v2' ? 'loan-file-v2' : 'loan-file-v1';
  const at = now().toISOString().replace('T', ' ').replace('Z', '');
  return db.transaction(async (tx) => {
    const subs = await tx.all<{ id: string; period: string }>(
      `SELECT submission_id::VARCHAR AS id, report_period AS period FROM submissions
       WHERE superseded_at IS NULL AND report_period BETWEEN ? AND ? AND coalesce(file_spec, 'loan-file-v1') = ?
       ORDER BY report_period, submission_id`,
      [req.from, req.to, spec],
    );
    const [lists] = await tx.all<{ v: string | null }>(
      `SELECT string_agg(scheme || '@' || list_version, ',' ORDER BY scheme) AS v FROM (
         SELECT scheme, arg_max(list_version, import_id) AS list_version FROM list_imports GROUP BY scheme)`,
    );
    const [idRow] = await tx.all<{ id: string }>("SELECT nextval('restatement_seq')::VARCHAR AS id");
    const id = idRow?.id ?? '0';
    for (const s of subs) {
      await tx.run(
        `INSERT INTO loan_areas_history SELECT submission_id, row_no, area, basis, rule_version, in_total,
           CAST(? AS BIGINT) FROM loan_areas WHERE submission_id = CAST(? AS BIGINT)`,
        [id, s.id],
      );
      await classifySubmission(tx, s.id, { set, opts: parsed.opts });
    }
    const periods = [...new Set(subs.map((s) => s.period))];
    for (const p of periods) {
      await tx.run(`INSERT OR REPLACE INTO classify_period_versions VALUES (?, ?, ?, CAST(? AS BIGINT))`, [
        p,
        set.id,
        version,
        id,
      ]);
      await tx.run(
        'INSERT INTO area_aggregates_history SELECT *, CAST(? AS BIGINT) FROM area_aggregates WHERE report_period = ?',
        [id, p],
      );
      await tx.run(
        'INSERT INTO area_line_figures_history SELECT *, CAST(? AS BIGINT) FROM area_line_figures WHERE report_period = ?',
        [id, p],
      );
      await writeAggregates(tx, p, now());
    }
    await tx.run(
      `INSERT INTO restatements VALUES (CAST(? AS BIGINT), ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP))`,
      [
        id,
        req.from,
        req.to,
        set.id,
        version,
        lists?.v ?? 'none',
        req.reason,
        req.requestedBy,
        subs.length,
        at,
      ],
    );
    const [out] = await tx.all<Restatement>(`${RESTATEMENT_SQL} WHERE restatement_id = CAST(? AS BIGINT)`, [
      id,
    ]);
    if (!out) throw new Error('restatement not recorded');
    return out;
  });
}

const RESTATEMENT_SQL = `SELECT restatement_id::VARCHAR AS restatement_id, period_from, period_to, rule_set, rule_version,
  list_versions, reason, requested_by, submissions::VARCHAR AS submissions,
  strftime(done_at, '%Y-%m-%d %H:%M:%S') AS done_at FROM restatements`;

/** Every restatement, newest first. */
export async function listRestatements(db: AnalyticsConn): Promise<Restatement[]> {
  return db.all<Restatement>(`${RESTATEMENT_SQL} ORDER BY restatement_id DESC`);
}

/** The city-level figures a restatement replaced (the old version, readable): area, balance, borrowers, version. */
export async function replacedFigures(
  db: AnalyticsConn,
  restatementId: string,
  period: string,
): Promise<{ area: string; balance: string; borrower_count: string; rule_version: string }[]> {
  return db.all(
    `SELECT area, balance::VARCHAR AS balance, borrower_count::VARCHAR AS borrower_count, rule_version
     FROM area_aggregates_history WHERE restatement_id = CAST(? AS BIGINT) AND report_period = ? AND dim = 'city'
     ORDER BY area`,
    [restatementId, period],
  );
}
