// The load of one file's rows and the decision, in DuckDB transactions. The load runs in a first transaction,
// rolled back unless the file is accepted. An accepted file's rows are committed first without their row
// numbers (invisible: no submission record refers to them yet), then numbered, recorded and switched in force in
// a second transaction. Numbering them (an UPDATE) before the first commit would make DuckDB rewrite every row
// group it had already written during the load (about as costly as the whole write again); on committed rows
// the UPDATE only writes the one column. Rows left between the two commits by a crash are removed by the next
// ingest.
import { periodEnd } from '../../shared/period.ts';
import { writeReport, type ReportSummary } from '../report/write.ts';
import { initialReviewStatus } from '../review.ts';
import { errorBits, loadCheckRefs, type CheckRefs } from '../validate/checks.sql.ts';
import { violation } from '../validate/rules.ts';
import { hmacPads } from './hmac.ts';
import { EMPTY_ROW, insertSql } from './load.sql.ts';
import { limitMemory, restoreMemory } from './memory.ts';
import { dropUnrecordedLoads, unrecorded } from './orphans.ts';
import { log, rejectEarly, result, rulesVersion, summaryOf } from './outcome.ts';
import type { IngestContext, IngestResult } from './types.ts';
import { scanCsv } from './scan.ts';
import { unreadable, type Source } from './source.ts';
import { collectViolations, problemViolation, SCAN_LIMIT } from './violations.ts';

/** The version in force of (institution, period), to tell an identical re-upload. */
interface Current {
  submission_id: string;
  version: number;
  content_hash: string;
  row_count: string;
}

const countOf = (byRule: ReportSummary['by_rule'], severity: string) =>
  byRule.filter((r) => r.severity === severity).reduce((a, r) => a + r.count, 0);

/**
 * Loads the rows of `src` for (institution, period), checks them, and accepts or rejects the file; or answers
 * 'misread' (nothing written) when the whole file shows that the encoding decided on its head was wrong.
 */
export async function loadAndDecide(
  ctx: IngestContext,
  src: Source & { rejects: string },
  target: { institution: string; period: string },
  hashing: Promise<string>,
): Promise<IngestResult | 'misread'> {
  const { conn, stores, opts, fileName, reportDir } = ctx;
  const { institution, period } = target;
  const { format, columns, path, rejects, spec, keys } = src;
  const progress = opts.onProgress ?? (() => {});
  // Violations found before the load (a message set's): listed first in the report, counted by rule.
  const { violations: fileLevel, by_rule: fileLevelRules } = opts.fileLevel ?? {
    violations: [],
    by_rule: [],
  };
  // The version in force, to tell an identical re-upload (decided once the hash is known).
  const [current] = await conn.all<Current>(
    `SELECT submission_id, version, content_hash, row_count FROM submissions
     WHERE institution_code = ? AND report_period = ? AND superseded_at IS NULL`,
    [institution, period],
  );
  progress('load');
  const pads = hmacPads(opts.hmacKey);
  const end = periodEnd(period);
  const violTable = `viol_${Math.floor(Math.random() * 1e9)}`;
  const violationsOf = (sid: string, refs: CheckRefs, hasErrors: boolean) =>
    collectViolations(
      conn,
      {
        sid,
        spec,
        refs,
        hasErrors,
        violTable,
        rejects: format === 'csv' ? rejects : null,
        csv:
          format === 'csv' && !src.read.numbered
            ? { path, columns, encoding: src.encoding, auto: opts.encoding === undefined }
            : undefined,
        numbered: src.read.numbered,
        issues: src.read.issues?.path ?? null,
      },
      [sid, period, institution, end],
    );
  let refs: CheckRefs;
  let sid = '0';
  await dropUnrecordedLoads(conn);
  let phase: 'load' | 'committed' | 'record' | 'done' = 'load';
  await limitMemory(stores.analytics, conn);
  await conn.run('BEGIN TRANSACTION');
  try {
    [{ sid } = { sid: '0' }] = await conn.all<{ sid: string }>("SELECT nextval('submission_seq') AS sid");
    refs = await loadCheckRefs(conn);
    try {
      await conn.run(insertSql(format, columns, rejects, refs, spec, keys, src.read.numbered), [
        sid,
        period,
        institution,
        end,
        pads.ipad,
        pads.opad,
        path,
      ]);
    } catch (e) {
      await conn.run('ROLLBACK');
      phase = 'done';
      return await unloadable(ctx, src, e, await hashing, target);
    }
    // The same file as the version in force: a no-op (nothing of this load stays).
    const hash = await hashing;
    if (current && current.content_hash === hash) {
      await conn.run('ROLLBACK');
      phase = 'done';
      const summary = summaryOf(
        'duplicate',
        fileName,
        institution,
        period,
        Number(current.row_count),
        0,
        0,
        [],
        current.version,
        current.submission_id,
        spec,
      );
      const report = await writeReport(conn, reportDir, summary, null, []);
      await log(stores, summary, hash, report.dir, opts.actor ?? null, null);
      return result(summary, report);
    }
    progress('check');
    const [counts] = await conn.all<{ n: string; err_rows: string; dups: string; empty: string }>(
      `SELECT count(*) FILTER (WHERE warn_mask <> ${EMPTY_ROW}) AS n,
              count(*) FILTER (WHERE (warn_mask & ${errorBits(spec)}) <> 0) AS err_rows,
              count(*) FILTER (WHERE warn_mask <> ${EMPTY_ROW}) - count(DISTINCT loan_id) FILTER (WHERE warn_mask <> ${EMPTY_ROW}) AS dups,
              count(*) FILTER (WHERE warn_mask = ${EMPTY_ROW}) AS empty
       FROM loans WHERE submission_id = ?`,
      [sid],
    );
    const emptyRows = Number(counts?.empty ?? 0) + src.read.emptyRows;
    const notice = (byRule: ReportSummary['by_rule']) =>
      emptyRows > 0
        ? [...byRule, { rule_id: 'LOAN_N_EMPTY_ROWS', severity: 'notice', count: emptyRows }]
        : byRule;
    const rejectCount =
      format === 'csv'
        ? Number(
            (await conn.all<{ n: string }>(`SELECT count(DISTINCT line) AS n FROM ${rejects}`))[0]?.n ?? 0,
          )
        : 0;
    const rows = Number(counts?.n ?? 0) + rejectCount;
    if (rows === 0) {
      await conn.run('ROLLBACK');
      phase = 'done';
      return await rejectEarly(ctx, [violation('LOAN_E_NO_ROWS', {})], hash, institution, period);
    }
    const readIssues = src.read.issues?.count ?? 0;
    if (Number(counts?.err_rows) > 0 || Number(counts?.dups) > 0 || rejectCount > 0 || readIssues > 0) {
      const collected = await violationsOf(sid, refs, true);
      if (collected.misread) {
        await conn.run('ROLLBACK');
        phase = 'done';
        await conn.run(`DROP TABLE IF EXISTS ${violTable}`);
        return 'misread';
      }
      const byRule = [...notice(collected.byRule), ...fileLevelRules];
      const errors = countOf(byRule, 'error');
      // Each such row, duplicate or malformed record yields at least one error.
      if (errors === 0) throw new Error('ingest: error bits without violations');
      progress('report');
      const summary = summaryOf(
        'rejected',
        fileName,
        institution,
        period,
        rows,
        errors,
        countOf(byRule, 'warning'),
        byRule,
        null,
        null,
        spec,
      );
      const report = await writeReport(conn, reportDir, summary, violTable, fileLevel);
      await conn.run('ROLLBACK');
      phase = 'done';
      await log(stores, summary, hash, report.dir, opts.actor ?? null, null);
      return result(summary, report);
    }
    unrecorded.add(sid);
    await conn.run('COMMIT');
    phase = 'committed';
    await conn.run('BEGIN TRANSACTION');
    phase = 'record';
    const rowRules = notice((await violationsOf(sid, refs, false)).byRule);
    const byRule = [...rowRules, ...fileLevelRules];
    if (Number(counts?.empty ?? 0) > 0)
      await conn.run(`DELETE FROM loans WHERE submission_id = ? AND warn_mask = ${EMPTY_ROW}`, [sid]);
    const warnings = countOf(byRule, 'warning');
    const [{ v } = { v: 1 }] = await conn.all<{ v: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS v FROM submissions WHERE institution_code = ? AND report_period = ?',
      [institution, period],
    );
    const at = opts.now().toISOString();
    await conn.run(
      'UPDATE submissions SET superseded_at = ?::TIMESTAMP WHERE institution_code = ? AND report_period = ? AND superseded_at IS NULL',
      [at, institution, period],
    );
    await conn.run(
      `INSERT INTO submissions (submission_id, institution_code, report_period, version, content_hash, file_name,
         row_count, warning_count, rule_version, accepted_at, file_spec, review_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?)`,
      [
        sid,
        institution,
        period,
        v,
        hash,
        fileName,
        rows,
        warnings,
        rulesVersion(spec),
        at,
        spec,
        initialReviewStatus(warnings),
      ],
    );
    if (opts.inTransaction) await opts.inTransaction(conn, sid);
    const summary = summaryOf(
      'accepted',
      fileName,
      institution,
      period,
      rows,
      0,
      warnings,
      byRule,
      v,
      sid,
      spec,
    );
    const rowWarnings = countOf(rowRules, 'warning') > 0;
    const report = await writeReport(conn, reportDir, summary, rowWarnings ? violTable : null, fileLevel);
    if (rowWarnings) await conn.run(`DROP TABLE ${violTable}`);
    await conn.run('COMMIT');
    phase = 'done';
    await log(stores, summary, hash, report.dir, opts.actor ?? null, sid);
    return result(summary, report);
  } finally {
    if (phase === 'load' || phase === 'record') await conn.run('ROLLBACK').catch(() => undefined);
    // Rows committed without a record (the second step failed): remove them.
    if (phase === 'committed' || phase === 'record')
      await conn.run('DELETE FROM loans WHERE submission_id = ?', [sid]);
    unrecorded.delete(sid);
    await restoreMemory(stores.analytics, conn);
  }
}

/**
 * The engine stopped reading the file (e.g. a CSV line longer than the limit cut inside a character, a JSON
 * line that is not JSON): the file is rejected with the records the structure scan finds (CSV), or as
 * unreadable with the engine's message — a coded answer, never a failed request.
 */
async function unloadable(
  ctx: IngestContext,
  src: Source,
  e: unknown,
  hash: string,
  target: { institution: string; period: string },
): Promise<IngestResult> {
  const csv =
    src.format === 'csv' && !src.read.numbered ? { columns: src.columns, encoding: src.encoding } : null;
  const problems = csv ? (await scanCsv(src.path, src.columns.length, SCAN_LIMIT)).problems : [];
  const found = csv ? problems.map((p) => problemViolation(p, csv)) : [];
  return rejectEarly(
    ctx,
    found.length > 0 ? found : [unreadable(e)],
    hash,
    target.institution,
    target.period,
  );
}
