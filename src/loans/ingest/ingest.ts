// Ingest of one bank loan file: detect → read and check inside DuckDB in one pass → accept (new version, in one
// transaction with its record) or reject (rolled back, nothing visible) → report → log in the state store.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { getInstitution } from '../../institutions/store.ts';
import type { Stores } from '../../store/stores.ts';
import { sha256File } from '../../shared/hash.ts';
import { isPeriod, periodEnd } from '../../shared/period.ts';
import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';
import { resolveHeader } from '../header.ts';
import { LOAN_FILE_SPECS, SPEC_V1, SPEC_V2, type FileSpec } from '../spec.ts';
import { afterLoadSql, errorBits, loadCheckRefs, NO_REFS, type CheckRefs } from '../validate/checks.sql.ts';
import { RULES_VERSION_V1, RULES_VERSION_V2, violation, type Violation } from '../validate/rules.ts';
import { writeReport, type ReportSummary, type WrittenReport } from '../report/write.ts';
import { detect, parseCsvHeader, readHead, type TextEncoding } from './detect.ts';
import { hmacPads } from './hmac.ts';
import { insertSql, rowNumbersSql, sourceSql, type SourceFormat } from './load.sql.ts';
import { gb18030ToUtf8, xlsxToCsv } from './transcode.ts';
import { violationsSql } from './violations.sql.ts';

export interface IngestOptions {
  path: string;
  /** The name shown in reports (defaults to the path's base name). */
  fileName?: string;
  /** The submitting institution and period; taken from the first row when not given. */
  institution?: string;
  period?: string;
  encoding?: TextEncoding;
  actor?: string | null;
  /** Where report folders go. */
  reportRoot: string;
  hmacKey: Buffer;
  now: () => Date;
  /** Runs inside the accepting transaction (e.g. classification), with the new submission id. */
  inTransaction?: (tx: AnalyticsConn, submissionId: string) => Promise<void>;
  onProgress?: (stage: string) => void;
  /** Last day (YYYY-MM-DD) on which loan-file-v1 files are accepted (configuration); null = no end. */
  v1AcceptedUntil?: string | null;
}

export interface IngestResult {
  status: 'accepted' | 'rejected' | 'duplicate';
  institution_code: string | null;
  report_period: string | null;
  submission_id: string | null;
  version: number | null;
  rows: number;
  error_count: number;
  warning_count: number;
  /** The version of the loan file, recognised by its header (null when the file could not be read). */
  file_spec: FileSpec | null;
  report: WrittenReport;
}

export async function ingestLoanFile(stores: Stores, opts: IngestOptions): Promise<IngestResult> {
  const fileName = opts.fileName ?? basename(opts.path);
  const stamp = opts.now().toISOString().replaceAll(/[:.]/g, '-');
  const reportDir = join(opts.reportRoot, `${stamp}-${fileName.replaceAll(/[^\w.-]/g, '_')}`);
  const work = await mkdtemp(join(tmpdir(), 'fivefin-ingest-'));
  const conn = await stores.analytics.connect();
  const progress = opts.onProgress ?? (() => {});
  try {
    const base = { fileName, reportDir, conn, stores, opts };
    const size = (await stat(opts.path)).size;
    const head = await readHead(opts.path);
    const det = detect(head, head.length === size, opts.encoding);
    if (!det.ok) {
      const v =
        det.reason === 'empty'
          ? violation('LOAN_E_EMPTY_FILE', {})
          : violation('LOAN_E_UNSUPPORTED_ENCODING', {
              detail: det.reason === 'utf-16' ? 'UTF-16' : 'binary',
            });
      return await rejectEarly(base, [v], '');
    }
    // The content hash is computed while DuckDB loads the file (node streams it on the main thread while the
    // engine works on its own threads); it is awaited only where it is needed.
    const hashing = sha256File(opts.path);
    hashing.catch(() => undefined);

    // Bring every input to UTF-8 CSV or JSON lines that DuckDB reads directly.
    let path = opts.path;
    const format: SourceFormat = det.format === 'jsonl' ? 'jsonl' : 'csv';
    if (det.format === 'xlsx') {
      progress('xlsx');
      path = join(work, 'sheet.csv');
      await xlsxToCsv(opts.path, path);
    } else if (det.encoding === 'gb18030') {
      progress('transcode');
      path = join(work, 'utf8.csv');
      await gb18030ToUtf8(opts.path, path);
    }

    // Header (file-level rules): names or their Chinese labels; the version of the file is told by its header.
    const keys =
      format === 'csv' ? parseCsvHeader((await readHead(path)).toString('utf8')) : await jsonKeys(conn, path);
    const header = resolveHeader(keys);
    const { spec, columns } = header;
    const specColumns = LOAN_FILE_SPECS[spec];
    const headerErrors: Violation[] = [];
    const seen = new Set<string>();
    for (const [i, c] of columns.entries()) {
      if (seen.has(c))
        headerErrors.push(violation('LOAN_E_HEADER_DUPLICATE', { column: keys[i] ?? c, row: 1 }));
      seen.add(c);
      if (!specColumns.some((x) => x.name === c))
        headerErrors.push(violation('LOAN_E_HEADER_UNKNOWN', { column: keys[i] ?? c, row: 1 }));
    }
    // JSON lines may leave out optional keys (v1: carbon_reduction_t only, as before).
    const mayOmit = (c: (typeof specColumns)[number]) =>
      format !== 'csv' && (spec === SPEC_V1 ? c.name === 'carbon_reduction_t' : !c.required);
    for (const c of specColumns)
      if (!seen.has(c.name) && !mayOmit(c))
        headerErrors.push(violation('LOAN_E_HEADER_MISSING', { column: c.name, row: 1 }));
    const until = opts.v1AcceptedUntil ?? null;
    if (spec === SPEC_V1 && until !== null && opts.now().toISOString().slice(0, 10) > until)
      headerErrors.push(violation('LOAN_E_V1_EXPIRED', { row: 1, expected: until }));
    if (headerErrors.length > 0)
      return await rejectEarly(base, headerErrors, await hashing, null, null, spec);

    // Institution and period: given, or from the first data row.
    const rejects = `rej_${Math.floor(Math.random() * 1e9)}`;
    let first: { report_period: string | null; institution_code: string | null } | undefined;
    try {
      [first] = await conn.all<{ report_period: string | null; institution_code: string | null }>(
        `SELECT report_period, institution_code FROM (${sourceSql(format, columns, `${rejects}_probe`, keys)}) LIMIT 1`,
        [path],
      );
    } catch (e) {
      return await rejectEarly(base, [unreadable(e)], await hashing, null, null, spec);
    }
    if (!first)
      return await rejectEarly(base, [violation('LOAN_E_NO_ROWS', {})], await hashing, null, null, spec);
    const period = opts.period ?? first.report_period?.trim() ?? '';
    const institution = opts.institution ?? first.institution_code?.trim() ?? '';
    if (!isPeriod(period))
      return await rejectEarly(
        base,
        [violation('LOAN_E_BAD_PERIOD', { row: 2, column: 'report_period', value: period })],
        await hashing,
        institution,
        null,
        spec,
      );
    if (!(await getInstitution(stores.state, institution)))
      return await rejectEarly(
        base,
        [violation('LOAN_E_UNKNOWN_INSTITUTION', { value: institution })],
        await hashing,
        institution,
        period,
        spec,
      );

    // The version in force, to tell an identical re-upload (decided once the hash is known).
    const [current] = await conn.all<{
      submission_id: string;
      version: number;
      content_hash: string;
      row_count: string;
    }>(
      `SELECT submission_id, version, content_hash, row_count FROM submissions
       WHERE institution_code = ? AND report_period = ? AND superseded_at IS NULL`,
      [institution, period],
    );
    progress('load');
    const pads = hmacPads(opts.hmacKey);
    const end = periodEnd(period);
    const violTable = `viol_${Math.floor(Math.random() * 1e9)}`;
    // Numbers the rows (file order = append order), adds the after-load bits and collects the violations.
    const violationsByRule = async (sid: string, hasErrors: boolean): Promise<ReportSummary['by_rule']> => {
      await conn.run(rowNumbersSql, [sid, sid]);
      for (const sql of afterLoadSql(spec, refs)) await conn.run(sql, [sid]);
      const [w] = await conn.all<{ n: string }>(
        'SELECT count(*) AS n FROM loans WHERE submission_id = ? AND warn_mask <> 0',
        [sid],
      );
      if (Number(w?.n) === 0 && !hasErrors) return [];
      await conn.run(violationsSql(violTable, format === 'csv' ? rejects : null, spec), [
        sid,
        period,
        institution,
        end,
      ]);
      return (
        await conn.all<{ rule_id: string; n: string }>(
          `SELECT rule_id, count(*) AS n FROM ${violTable} GROUP BY rule_id ORDER BY rule_id`,
        )
      ).map((r) => ({
        rule_id: r.rule_id,
        severity: r.rule_id.startsWith('LOAN_W_') ? 'warning' : 'error',
        count: Number(r.n),
      }));
    };
    const countOf = (byRule: ReportSummary['by_rule'], severity: string) =>
      byRule.filter((r) => r.severity === severity).reduce((a, r) => a + r.count, 0);
    let refs: CheckRefs = NO_REFS;
    let sid = '0';
    // The load runs in a first transaction, rolled back unless the file is accepted. An accepted file's rows are
    // committed first without their row numbers (invisible: no submission record refers to them yet), then
    // numbered, recorded and switched in force in a second transaction. Numbering them (an UPDATE) before the
    // first commit would make DuckDB rewrite every row group it had already written during the load (about as
    // costly as the whole write again); on committed rows the UPDATE only writes the one column.
    // Rows left between the two commits by a crash are removed by the next ingest.
    await dropUnrecordedLoads(conn);
    let phase: 'load' | 'committed' | 'record' | 'done' = 'load';
    await limitMemory(stores.analytics, conn);
    await conn.run('BEGIN TRANSACTION');
    try {
      [{ sid } = { sid: '0' }] = await conn.all<{ sid: string }>("SELECT nextval('submission_seq') AS sid");
      refs = await loadCheckRefs(conn);
      await conn.run(insertSql(format, columns, rejects, refs, spec, keys), [
        sid,
        period,
        institution,
        end,
        pads.ipad,
        pads.opad,
        path,
      ]);
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
      const [counts] = await conn.all<{ n: string; err_rows: string; dups: string }>(
        `SELECT count(*) AS n,
                count(*) FILTER (WHERE (warn_mask & ${errorBits(spec)}) <> 0) AS err_rows,
                count(*) - count(DISTINCT loan_id) AS dups
         FROM loans WHERE submission_id = ?`,
        [sid],
      );
      const rejectCount =
        format === 'csv'
          ? Number((await conn.all<{ n: string }>(`SELECT count(*) AS n FROM ${rejects}`))[0]?.n ?? 0)
          : 0;
      const rows = Number(counts?.n ?? 0) + rejectCount;
      if (rows === 0) {
        await conn.run('ROLLBACK');
        phase = 'done';
        return await rejectEarly(base, [violation('LOAN_E_NO_ROWS', {})], hash, institution, period, spec);
      }
      if (Number(counts?.err_rows) > 0 || Number(counts?.dups) > 0 || rejectCount > 0) {
        const byRule = await violationsByRule(sid, true);
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
        const report = await writeReport(conn, reportDir, summary, violTable, []);
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
      const byRule = await violationsByRule(sid, false);
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
           row_count, warning_count, rule_version, accepted_at, file_spec)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?)`,
        [sid, institution, period, v, hash, fileName, rows, warnings, rulesVersion(spec), at, spec],
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
      const report = await writeReport(conn, reportDir, summary, warnings > 0 ? violTable : null, []);
      if (warnings > 0) await conn.run(`DROP TABLE ${violTable}`);
      await conn.run('COMMIT');
      phase = 'done';
      await log(stores, summary, hash, report.dir, opts.actor ?? null, sid);
      return result(summary, report);
    } finally {
      if (phase === 'load' || phase === 'record') await conn.run('ROLLBACK');
      // Rows committed without a record (the second step failed): remove them.
      if (phase === 'committed' || phase === 'record')
        await conn.run('DELETE FROM loans WHERE submission_id = ?', [sid]);
      unrecorded.delete(sid);
      await restoreMemory(stores.analytics, conn);
    }
  } finally {
    conn.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Submission ids whose rows this process has committed but not yet recorded (between the two commits). */
const unrecorded = new Set<string>();

/**
 * Deletes loan rows without a submission record that no ingest of this process is still recording: the rows of
 * a load that was committed but whose recording transaction never committed (the process died in between).
 * A DuckDB file is open in one process at a time, so the in-process set covers every ingest in flight.
 */
async function dropUnrecordedLoads(conn: AnalyticsConn): Promise<void> {
  const orphans = await conn.all<{ sid: string }>(
    `SELECT DISTINCT l.submission_id AS sid FROM loans l
     WHERE l.submission_id NOT IN (SELECT submission_id FROM submissions)`,
  );
  for (const { sid } of orphans)
    if (!unrecorded.has(sid)) await conn.run('DELETE FROM loans WHERE submission_id = ?', [sid]);
}

/**
 * DuckDB's memory limit while loads run: the load's buffers (CSV read, row groups written during the INSERT)
 * otherwise grow to ~2 GB at 10M rows; under this limit the engine evicts earlier, at no measured cost in
 * time. The setting is the engine's (all connections), so it is set by the first load of an engine and put back
 * by the last one.
 */
const LOAD_MEMORY_LIMIT = '1GB';
const limits = new WeakMap<object, { loads: number; saved: string }>();

async function limitMemory(engine: object, conn: AnalyticsConn): Promise<void> {
  const l = limits.get(engine);
  if (l) {
    l.loads++;
    return;
  }
  const entry = { loads: 1, saved: '' };
  limits.set(engine, entry);
  const [row] = await conn.all<{ v: string }>("SELECT current_setting('memory_limit') AS v");
  entry.saved = row?.v ?? '';
  await conn.run(`SET memory_limit = '${LOAD_MEMORY_LIMIT}'`);
}

async function restoreMemory(engine: object, conn: AnalyticsConn): Promise<void> {
  const l = limits.get(engine);
  if (!l || --l.loads > 0) return;
  limits.delete(engine);
  if (/^[0-9.]+ ?[KMGTPEi]*B$/.test(l.saved)) await conn.run(`SET memory_limit = '${l.saved}'`);
}

/** The engine could not read the file at all (e.g. a JSON line that is not JSON): a file-level rejection. */
function unreadable(e: unknown): Violation {
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 300) ?? '';
  return violation('LOAN_E_UNREADABLE', { detail });
}

async function jsonKeys(conn: AnalyticsConn, path: string): Promise<string[]> {
  // Only the first line is parsed here; a malformed later line is reported by the load.
  const [row] = await conn.all<{ k: string[] }>(
    "SELECT json_keys(json) AS k FROM read_json_objects(?, format = 'newline_delimited', ignore_errors = true) LIMIT 1",
    [path],
  );
  return row?.k ?? [];
}

function summaryOf(
  status: ReportSummary['status'],
  file_name: string,
  institution_code: string | null,
  report_period: string | null,
  rows: number,
  error_count: number,
  warning_count: number,
  by_rule: ReportSummary['by_rule'],
  version: number | null,
  submission_id: string | null,
  spec: FileSpec | null = null,
): ReportSummary {
  return {
    status,
    file_name,
    institution_code,
    report_period,
    rows,
    error_count,
    warning_count,
    by_rule,
    version,
    submission_id,
    rule_version: spec === null ? '' : rulesVersion(spec),
  };
}

/** The rules a file of version `spec` is checked by. */
function rulesVersion(spec: FileSpec): string {
  return spec === SPEC_V1 ? RULES_VERSION_V1 : RULES_VERSION_V2;
}

function result(summary: ReportSummary, report: WrittenReport): IngestResult {
  const file_spec =
    summary.rule_version === RULES_VERSION_V1 ? SPEC_V1 : summary.rule_version === '' ? null : SPEC_V2;
  return {
    file_spec,
    status: summary.status,
    institution_code: summary.institution_code,
    report_period: summary.report_period,
    submission_id: summary.submission_id,
    version: summary.version,
    rows: summary.rows,
    error_count: summary.error_count,
    warning_count: summary.warning_count,
    report,
  };
}

async function rejectEarly(
  base: { fileName: string; reportDir: string; conn: AnalyticsConn; stores: Stores; opts: IngestOptions },
  violations: Violation[],
  hash: string,
  institution: string | null = null,
  period: string | null = null,
  spec: FileSpec | null = null,
): Promise<IngestResult> {
  const byRule = [...new Set(violations.map((v) => v.rule_id))].map((id) => ({
    rule_id: id,
    severity: 'error',
    count: violations.filter((v) => v.rule_id === id).length,
  }));
  const summary = summaryOf(
    'rejected',
    base.fileName,
    institution,
    period,
    0,
    violations.length,
    0,
    byRule,
    null,
    null,
    spec,
  );
  const report = await writeReport(base.conn, base.reportDir, summary, null, violations);
  await log(base.stores, summary, hash, report.dir, base.opts.actor ?? null, null);
  return result(summary, report);
}

async function log(
  stores: Stores,
  s: ReportSummary,
  hash: string,
  reportDir: string,
  actor: string | null,
  analyticsId: string | null,
): Promise<void> {
  await stores.state.query(
    `INSERT INTO submission_log (institution_code, report_period, status, version, analytics_submission_id, content_hash,
       file_name, row_count, error_count, warning_count, report_dir, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      s.institution_code ?? '',
      s.report_period ?? '',
      s.status,
      s.version,
      analyticsId,
      hash,
      s.file_name,
      s.rows,
      s.error_count,
      s.warning_count,
      reportDir,
      actor,
    ],
  );
}
