// The first stages of an ingest, before any row is loaded: detect the container and encoding, bring the file
// to UTF-8 CSV or JSON lines that DuckDB reads directly (streaming), check the header (file-level rules), and
// find the submitting institution and period.
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { getInstitution } from '../../institutions/store.ts';
import { sha256File } from '../../shared/hash.ts';
import { isPeriod } from '../../shared/period.ts';
import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';
import { KNOWN_HEADERS, resolveHeader } from '../header.ts';
import { LOAN_FILE_SPECS, SPEC_V1, type FileSpec } from '../spec.ts';
import { violation, type Violation } from '../validate/rules.ts';
import { detect, parseCsvHeader, readHead } from './detect.ts';
import { sourceSql, type SourceFormat } from './load.sql.ts';
import { gb18030ToUtf8 } from './transcode.ts';
import { writeIssues, type Issue } from './issues.ts';
import type { IngestContext } from './types.ts';
import { checkWorkbook, readLoanSheet, SheetLimit } from './xlsx.ts';

/** A file DuckDB can read: its format, path (the upload, or a converted copy in `work`) and header. */
export interface Source {
  format: SourceFormat;
  path: string;
  /** The file's columns in file order, as column names. */
  columns: string[];
  /** The header as written (column names or their Chinese labels), in file order. */
  keys: string[];
  /** The version of the loan file, told by its header. */
  spec: FileSpec;
  /** The upload's text encoding as reports name it (UTF-8, GB18030). */
  encoding: string;
  /** What reading the container found (XLSX: row numbers, cell issues, empty rows). */
  read: ReadNotes;
}

/** Notes of the reading stage for the load and the report. */
export interface ReadNotes {
  /** The source's first column `__row` holds each record's row number (XLSX). */
  numbered: boolean;
  /** Row-level issues found while reading (an issues file: see issues.ts), and their count. */
  issues: { path: string; count: number } | null;
  /** Rows without any value that the reader skipped. */
  emptyRows: number;
}

/** The opened upload: a source without its header yet, and the SHA-256 of the upload being computed. */
export interface Opened {
  format: SourceFormat;
  path: string;
  encoding: string;
  read: ReadNotes;
  hashing: Promise<string>;
}

/** A stage's verdict: go on with a value, or reject with file-level violations. */
export type Stage<T> =
  { ok: true; value: T } | { ok: false; violations: Violation[]; institution?: string; period?: string };

/**
 * Detects the file's container and encoding; converts XLSX and GB18030 into `work`. The content hash is
 * computed while the file is converted and loaded (node streams it on the main thread while the engine works on
 * its own threads); it is awaited only where it is needed.
 */
export async function openSource(ctx: IngestContext, work: string): Promise<Stage<Opened>> {
  const { opts } = ctx;
  const progress = opts.onProgress ?? (() => {});
  const size = (await stat(opts.path)).size;
  const head = await readHead(opts.path);
  const det = detect(head, head.length === size, opts.encoding);
  if (!det.ok)
    return {
      ok: false,
      violations: [
        det.reason === 'empty'
          ? violation('LOAN_E_EMPTY_FILE', {})
          : det.reason === 'xls'
            ? violation('LOAN_E_XLS_UNSUPPORTED', {})
            : violation('LOAN_E_UNSUPPORTED_ENCODING', {
                detail: det.reason === 'utf-16' ? 'UTF-16' : 'binary',
              }),
      ],
    };
  if (det.format === 'xlsx') {
    const refused = await checkWorkbook(opts.path);
    if (refused) return { ok: false, violations: [refused] };
  }
  const hashing = sha256File(opts.path);
  hashing.catch(() => undefined);
  const format: SourceFormat = det.format === 'jsonl' ? 'jsonl' : 'csv';
  let path = opts.path;
  let read: ReadNotes = { numbered: false, issues: null, emptyRows: 0 };
  if (det.format === 'xlsx') {
    progress('xlsx');
    path = join(work, 'sheet.csv');
    const issues = join(work, 'issues.csv');
    try {
      const sheet = await readLoanSheet(opts.path, path, issues);
      const count = [...sheet.issues.values()].reduce((a, n) => a + n, 0);
      read = {
        numbered: true,
        issues: count > 0 ? { path: issues, count } : null,
        emptyRows: sheet.emptyRows,
      };
    } catch (e) {
      hashing.catch(() => undefined);
      return {
        ok: false,
        violations: [
          e instanceof SheetLimit ? violation('LOAN_E_XLSX_TOO_LARGE', { detail: e.message }) : unreadable(e),
        ],
      };
    }
  } else if (format === 'jsonl') {
    if (det.bom) {
      // DuckDB's JSON reader does not skip a byte-order mark: read a copy without it.
      path = join(work, 'lines.jsonl');
      await pipeline(createReadStream(opts.path, { start: 3 }), createWriteStream(path));
    }
    const issues = join(work, 'issues.csv');
    const count = await unknownJsonKeys(ctx.conn, path, issues);
    read = { numbered: false, issues: count > 0 ? { path: issues, count } : null, emptyRows: 0 };
  } else if (det.encoding === 'gb18030') {
    progress('transcode');
    path = join(work, 'utf8.csv');
    const bad: { line: number; text: string }[] = [];
    // The text of the first 1000 lines is kept (the report shows at most 1000 per rule); every line is counted.
    await gb18030ToUtf8(opts.path, path, (line, text) =>
      bad.push({ line, text: bad.length < 1000 ? text : '' }),
    );
    if (bad.length > 0) {
      const issues = join(work, 'issues.csv');
      await writeIssues(issues, undecodable(bad, (await readHead(path)).toString('utf8')));
      read = { ...read, issues: { path: issues, count: bad.length } };
    }
  }
  return { ok: true, value: { format, path, hashing, read, encoding: det.encoding.toUpperCase() } };
}

/** Issues of the lines of a GB18030 file with bytes that are not GB18030: the line, its first such field. */
function undecodable(bad: readonly { line: number; text: string }[], head: string): Issue[] {
  const { columns } = resolveHeader(parseCsvHeader(head));
  return bad.map(({ line, text }) => {
    const fields = parseCsvHeader(text);
    const at = fields.findIndex((f) => f.includes('\ufffd'));
    return {
      row: String(line),
      rule_id: 'LOAN_E_BAD_ENCODING',
      column: columns[at] ?? '',
      value: (fields[at] ?? text).slice(0, 300).replaceAll('\ufffd', '⟨?⟩'),
      expected: 'GB18030',
      detail: '',
    };
  });
}

/** The longest header line read (bytes) and the most columns a header may have (the spec has about 50). */
const HEADER_BYTES = 64 * 1024;
const MAX_COLUMNS = 256;
const fail = (v: Violation): { ok: false; violations: Violation[] } => ({ ok: false, violations: [v] });

/** Reads and checks the header: every spec column once, none unknown (JSON lines may omit the optional one). */
export async function readHeader(
  ctx: IngestContext,
  src: Pick<Source, 'format' | 'path' | 'read'>,
): Promise<Stage<Pick<Source, 'columns' | 'keys' | 'spec'>>> {
  // Header names or their Chinese labels; the version of the file is told by its header.
  const head = src.format === 'csv' ? await readHead(src.path, HEADER_BYTES) : null;
  if (head && head.length === HEADER_BYTES && !head.includes(0x0a))
    return fail(violation('LOAN_E_LINE_TOO_LONG', { row: 1, expected: String(HEADER_BYTES) }));
  const keys = (head ? parseCsvHeader(head.toString('utf8')) : await jsonKeys(ctx.conn, src.path)).filter(
    (c, i) => !(src.read.numbered && i === 0 && c === '__row'),
  );
  if (keys.length > MAX_COLUMNS)
    return fail(
      violation('LOAN_E_TOO_MANY_COLUMNS', {
        row: 1,
        value: String(keys.length),
        expected: String(MAX_COLUMNS),
      }),
    );
  const { spec, columns } = resolveHeader(keys);
  const specColumns = LOAN_FILE_SPECS[spec];
  const errors: Violation[] = [];
  const seen = new Set<string>();
  for (const [i, c] of columns.entries()) {
    if (seen.has(c)) errors.push(violation('LOAN_E_HEADER_DUPLICATE', { column: keys[i] ?? c, row: 1 }));
    seen.add(c);
    if (!specColumns.some((x) => x.name === c))
      errors.push(violation('LOAN_E_HEADER_UNKNOWN', { column: keys[i] ?? c, row: 1 }));
  }
  // JSON lines may leave out optional keys (v1: carbon_reduction_t only, as before).
  const mayOmit = (c: (typeof specColumns)[number]) =>
    src.format !== 'csv' && (spec === SPEC_V1 ? c.name === 'carbon_reduction_t' : !c.required);
  for (const c of specColumns)
    if (!seen.has(c.name) && !mayOmit(c))
      errors.push(violation('LOAN_E_HEADER_MISSING', { column: c.name, row: 1 }));
  const until = ctx.opts.v1AcceptedUntil ?? null;
  if (spec === SPEC_V1 && until !== null && ctx.opts.now().toISOString().slice(0, 10) > until)
    errors.push(violation('LOAN_E_V1_EXPIRED', { row: 1, expected: until }));
  return errors.length > 0 ? { ok: false, violations: errors } : { ok: true, value: { columns, keys, spec } };
}

/**
 * Writes every key of every JSON line that is not a spec column to `issuesPath` (row = line number) and returns
 * their count: a misspelt or extra key on any line is a row error, never silently dropped.
 */
async function unknownJsonKeys(conn: AnalyticsConn, path: string, issuesPath: string): Promise<number> {
  const spec = KNOWN_HEADERS.map((c) => `'${c.replaceAll("'", "''")}'`).join(', ');
  const [row] = await conn.all<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT unnest(json_keys(json)) AS k
       FROM read_json_objects(?, format = 'newline_delimited', ignore_errors = true)) WHERE k NOT IN (${spec})`,
    [path],
  );
  const n = Number(row?.n ?? 0);
  if (n > 0)
    await conn.run(
      `COPY (SELECT line AS row, 'LOAN_E_JSON_UNKNOWN_KEY' AS rule_id, k AS "column", k AS value, NULL AS expected,
                    NULL AS detail
             FROM (SELECT row_number() OVER () AS line, unnest(json_keys(json)) AS k
                   FROM read_json_objects(?, format = 'newline_delimited', ignore_errors = true))
             WHERE k NOT IN (${spec}) ORDER BY line)
       TO '${issuesPath.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`,
      [path],
    );
  return n;
}

async function jsonKeys(conn: AnalyticsConn, path: string): Promise<string[]> {
  // Only the first line is parsed here; a malformed later line is reported by the load.
  const [row] = await conn.all<{ k: string[] }>(
    "SELECT json_keys(json) AS k FROM read_json_objects(?, format = 'newline_delimited', ignore_errors = true) LIMIT 1",
    [path],
  );
  return row?.k ?? [];
}

/** The submitting institution and period: given, or from the first data row; the institution registered. */
export async function resolveTarget(
  ctx: IngestContext,
  src: Source,
  rejects: string,
): Promise<Stage<{ institution: string; period: string }>> {
  let first: { report_period: string | null; institution_code: string | null } | undefined;
  const rows = `(${sourceSql(src.format, src.columns, `${rejects}_probe`, src.keys, src.read.numbered)})`;
  try {
    [first] = await ctx.conn.all<{ report_period: string | null; institution_code: string | null }>(
      `SELECT report_period, institution_code FROM ${rows} LIMIT 1`,
      [src.path],
    );
  } catch (e) {
    return { ok: false, violations: [unreadable(e)] };
  }
  if (!first) return { ok: false, violations: [violation('LOAN_E_NO_ROWS', {})] };
  let period = ctx.opts.period ?? first.report_period?.trim() ?? '';
  if (ctx.opts.period === undefined && !isPeriod(period)) {
    // The first row's period is bad: take the file's most frequent valid period, so that the load reports that
    // row's error together with every other row error in one pass (a second read only on this error path).
    const [most] = await ctx.conn.all<{ p: string }>(
      `SELECT trim(report_period) AS p FROM ${rows}
       WHERE regexp_full_match(trim(report_period), '[0-9]{4}-(0[1-9]|1[0-2])')
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [src.path],
    );
    if (most) period = most.p;
  }
  const institution = ctx.opts.institution ?? first.institution_code?.trim() ?? '';
  if (!isPeriod(period))
    return {
      ok: false,
      violations: [violation('LOAN_E_BAD_PERIOD', { row: 2, column: 'report_period', value: period })],
      institution,
    };
  if (!(await getInstitution(ctx.stores.state, institution)))
    return {
      ok: false,
      violations: [violation('LOAN_E_UNKNOWN_INSTITUTION', { value: institution })],
      institution,
      period,
    };
  return { ok: true, value: { institution, period } };
}

/** The engine could not read the file at all (e.g. a JSON line that is not JSON): a file-level rejection. */
export function unreadable(e: unknown): Violation {
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 300) ?? '';
  return violation('LOAN_E_UNREADABLE', { detail });
}
