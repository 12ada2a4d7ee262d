// Import of an official series file (DATA-SPEC §5: period, scope, series, value, source) from CSV (UTF-8 or
// GB18030) or XLSX by the statistics division: checked in DuckDB, all-or-nothing, each import a new version
// (the earlier ones kept; official_as_of picks the newest per key). Every rejected value is reported with its
// rule id, row, column and a zh + en message.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { stageUtf8Csv } from '../loans/ingest/stage-csv.ts';
import { sha256File } from '../shared/hash.ts';
import { sqlTimestamp } from '../shared/time.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';

export const OFFICIAL_COLUMNS = ['period', 'scope', 'series', 'value', 'source'] as const;

/** The series an official file may carry: 各项贷款 and the five areas (the judged series of the targets). */
export const OFFICIAL_SERIES = ['all_loans', 'tech', 'green', 'inclusive', 'pension', 'digital'] as const;
export type OfficialSeries = (typeof OFFICIAL_SERIES)[number];

export interface OfficialViolation {
  rule_id: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message_zh: string;
  message_en: string;
}

export interface OfficialImportResult {
  status: 'imported' | 'rejected' | 'duplicate';
  import_id: string | null;
  rows: number;
  periods: string[];
  violations: OfficialViolation[];
}

const SERIES_SQL = OFFICIAL_SERIES.map((s) => `'${s}'`).join(', ');

/** The row checks, each a SQL condition on the staged row s (all values as text, trimmed, '' → NULL). */
export const OFFICIAL_CHECKS: { id: string; column: string; when: string; zh: string; en: string }[] = [
  {
    id: 'OFF_E_BAD_PERIOD',
    column: 'period',
    when: `s.period IS NULL OR NOT regexp_full_match(s.period, '[0-9]{4}-(0[1-9]|1[0-2])')`,
    zh: '期间须为 YYYY-MM',
    en: 'Period must be YYYY-MM',
  },
  {
    id: 'OFF_E_BAD_SCOPE',
    column: 'scope',
    when: `s.scope IS NULL OR (s.scope <> 'city' AND s.scope NOT IN (SELECT code FROM institutions))`,
    zh: '范围须为 city 或已登记的报送机构代码',
    en: 'Scope must be city or a registered institution code',
  },
  {
    id: 'OFF_E_BAD_SERIES',
    column: 'series',
    when: `s.series IS NULL OR s.series NOT IN (${SERIES_SQL})`,
    zh: `指标须为 ${OFFICIAL_SERIES.join('、')} 之一`,
    en: `Series must be one of ${OFFICIAL_SERIES.join(', ')}`,
  },
  {
    id: 'OFF_E_BAD_VALUE',
    column: 'value',
    when: `s.value IS NULL OR NOT regexp_full_match(s.value, '[0-9]{1,16}([.][0-9]{1,2})?')`,
    zh: '数值须为非负金额（元，至多两位小数）',
    en: 'Value must be an amount ≥ 0 in CNY yuan with at most 2 decimals',
  },
  {
    id: 'OFF_E_SOURCE_REQUIRED',
    column: 'source',
    when: 's.source IS NULL',
    zh: '来源（发布稿或报表）为必填项',
    en: 'Source (the release or return) is required',
  },
  {
    id: 'OFF_E_DUPLICATE_KEY',
    column: 'series',
    when: `row_number() OVER (PARTITION BY s.period, s.scope, s.series ORDER BY s.row_no) > 1`,
    zh: '同一期间、范围和指标在文件中重复出现',
    en: 'The same period, scope and series appears twice in the file',
  },
];

const fileViolation = (rule_id: string, zh: string, en: string, extra: Partial<OfficialViolation> = {}) => ({
  rule_id,
  row: null,
  column: null,
  value: null,
  message_zh: zh,
  message_en: en,
  ...extra,
});

function reject(violations: OfficialViolation[]): OfficialImportResult {
  return { status: 'rejected', import_id: null, rows: 0, periods: [], violations };
}

/** Imports an official series file as a new version; `actor` is recorded with it. */
export async function importOfficialSeries(
  db: Analytics,
  path: string,
  opts: { actor: string; fileName?: string; now: () => Date },
): Promise<OfficialImportResult> {
  const work = await mkdtemp(join(tmpdir(), 'fivefin-official-'));
  try {
    const staged = await stageUtf8Csv(path, work);
    if (!staged.ok)
      return reject([
        fileViolation(
          'OFF_E_UNREADABLE',
          `无法读取文件（${staged.reason}）`,
          `File cannot be read (${staged.reason})`,
          { value: staged.reason },
        ),
      ]);
    const known: readonly string[] = OFFICIAL_COLUMNS;
    const header = staged.header;
    const headerViolations = [
      ...OFFICIAL_COLUMNS.filter((c) => !header.includes(c)).map((c) =>
        fileViolation('OFF_E_HEADER_MISSING', `表头缺少列 ${c}`, `Header lacks column ${c}`, {
          row: 1,
          column: c,
        }),
      ),
      ...header
        .filter((c) => !known.includes(c))
        .map((c) =>
          fileViolation('OFF_E_HEADER_UNKNOWN', `表头含有未定义的列 ${c}`, `Unknown column ${c}`, {
            row: 1,
            column: c,
          }),
        ),
    ];
    if (headerViolations.length > 0) return reject(headerViolations);
    const hash = await sha256File(path);
    const [dup] = await db.all<{ import_id: string }>(
      'SELECT import_id::VARCHAR AS import_id FROM official_imports WHERE content_hash = ?',
      [hash],
    );
    if (dup) return { status: 'duplicate', import_id: dup.import_id, rows: 0, periods: [], violations: [] };

    const conn = await db.connect();
    try {
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE official_stage AS SELECT (row_number() OVER () + 1)::BIGINT AS row_no,
           ${OFFICIAL_COLUMNS.map((c) => `nullif(trim(${c}), '') AS ${c}`).join(', ')}
         FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
           columns = {${header.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, strict_mode = true)`,
        [staged.csv],
      );
      const viol = await conn.all<OfficialViolation>(
        OFFICIAL_CHECKS.map(
          (c) => `SELECT * FROM (SELECT '${c.id}' AS rule_id, s.row_no AS row, '${c.column}' AS "column",
                    s.${c.column} AS value, '${c.zh}' AS message_zh, '${c.en}' AS message_en,
                    (${c.when}) AS bad FROM official_stage s) WHERE bad`,
        ).join(' UNION ALL ') + ' ORDER BY row, rule_id, "column" LIMIT 100000',
      );
      const [{ n } = { n: '0' }] = await conn.all<{ n: string }>('SELECT count(*) AS n FROM official_stage');
      if (n === '0') return reject([fileViolation('OFF_E_NO_ROWS', '文件没有数据行', 'No data rows')]);
      if (viol.length > 0)
        return reject(
          viol.map(({ rule_id, row, column, value, message_zh, message_en }) => ({
            rule_id,
            row: Number(row),
            column,
            value,
            message_zh,
            message_en,
          })),
        );
      const id = await conn.transaction(async (tx) => {
        const [{ id } = { id: '0' }] = await tx.all<{ id: string }>(
          "SELECT nextval('official_import_seq')::VARCHAR AS id",
        );
        await tx.run('INSERT INTO official_imports VALUES (?::BIGINT, ?, ?, ?::BIGINT, ?, ?::TIMESTAMP)', [
          id,
          opts.fileName ?? basename(path),
          hash,
          n,
          opts.actor,
          sqlTimestamp(opts.now()),
        ]);
        await tx.run(
          `INSERT INTO official_values
           SELECT ?::BIGINT, period, scope, series, value::DECIMAL(18,2), source FROM official_stage`,
          [id],
        );
        return id;
      });
      const periods = await conn.all<{ p: string }>(
        'SELECT DISTINCT period AS p FROM official_stage ORDER BY 1',
      );
      return {
        status: 'imported',
        import_id: id,
        rows: Number(n),
        periods: periods.map((p) => p.p),
        violations: [],
      };
    } finally {
      await conn.run('DROP TABLE IF EXISTS official_stage');
      conn.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface OfficialImportInfo {
  import_id: string;
  file_name: string;
  row_count: string;
  imported_by: string;
  imported_at: string;
  periods: string[];
}

/** Every import (version), newest first, with the periods it carries. */
export async function listOfficialImports(db: Analytics): Promise<OfficialImportInfo[]> {
  return db.all<OfficialImportInfo>(
    `SELECT i.import_id::VARCHAR AS import_id, i.file_name, i.row_count::VARCHAR AS row_count, i.imported_by,
       strftime(i.imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at,
       coalesce((SELECT list(DISTINCT v.period ORDER BY v.period) FROM official_values v
                 WHERE v.import_id = i.import_id), []::VARCHAR[]) AS periods
     FROM official_imports i ORDER BY i.import_id DESC`,
  );
}
