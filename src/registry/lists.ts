// Import of one list file of a list scheme (DATA-SPEC §4): 统一社会信用代码, 企业名称, validity dates — checked in
// DuckDB like the registry file, all-or-nothing, a new version of the scheme. A batch adds to the scheme's entries
// (高新技术企业 are certified in yearly batches); `replace` makes the file the whole list, and the entries it
// supersedes are kept in enterprise_qualifications_history.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { detect, parseCsvHeader, readHead } from '../loans/ingest/detect.ts';
import { gb18030ToUtf8, xlsxToCsv } from '../loans/ingest/transcode.ts';
import { sha256File } from '../shared/hash.ts';
import type { Analytics, AnalyticsConn } from '../store/analytics/duckdb.ts';
import { CHECKS, type RegistryViolation } from './import.ts';

/** Columns of a list file, each with the Chinese header labels accepted for it. */
export const LIST_COLUMNS: Record<'credit_code' | 'enterprise_name' | 'valid_from' | 'valid_to', string[]> = {
  credit_code: ['统一社会信用代码', '信用代码'],
  enterprise_name: ['企业名称', '名称'],
  valid_from: ['有效期起', '认定日期', '入库日期'],
  valid_to: ['有效期止', '有效期至'],
};
const COLUMN_NAMES = Object.keys(LIST_COLUMNS) as (keyof typeof LIST_COLUMNS)[];

export interface ListImportResult {
  status: 'imported' | 'rejected' | 'duplicate';
  import_id: string | null;
  scheme: string;
  list_version: string;
  rows: number;
  superseded: number;
  violations: RegistryViolation[];
}

export interface ListSchemeRow {
  scheme: string;
  name_zh: string;
  name_en: string;
  caliber: string;
  parent: string | null;
  origin: string;
  versions: string;
  current_version: string | null;
  entries: string;
}

/** The list schemes with their number of versions, newest version label and current entries. */
export async function listSchemes(db: AnalyticsConn): Promise<ListSchemeRow[]> {
  return db.all<ListSchemeRow>(
    `SELECT s.scheme, s.name_zh, s.name_en, s.caliber, s.parent, s.origin,
       (SELECT count(*) FROM list_imports i WHERE i.scheme = s.scheme)::VARCHAR AS versions,
       (SELECT arg_max(list_version, import_id) FROM list_imports i WHERE i.scheme = s.scheme) AS current_version,
       (SELECT count(*) FROM enterprise_qualifications q WHERE q.qualification = s.scheme)::VARCHAR AS entries
     FROM list_schemes s ORDER BY s.caliber, s.scheme`,
  );
}

const violation = (rule_id: string, column: string | null, zh: string, en: string): RegistryViolation => ({
  rule_id,
  row: column === null ? null : 1,
  column,
  value: null,
  message_zh: zh,
  message_en: en,
});

/** Imports a list file as a new version of `scheme`. */
export async function importListFile(
  db: Analytics,
  opts: { scheme: string; path: string; listVersion: string; replace: boolean },
  now: () => Date,
): Promise<ListImportResult> {
  const base = { scheme: opts.scheme, list_version: opts.listVersion };
  const reject = (violations: RegistryViolation[]): ListImportResult => ({
    ...base,
    status: 'rejected',
    import_id: null,
    rows: 0,
    superseded: 0,
    violations,
  });
  const [known] = await db.all<{ n: string }>(
    'SELECT count(*)::VARCHAR AS n FROM list_schemes WHERE scheme = ?',
    [opts.scheme],
  );
  if (known?.n !== '1')
    return reject([
      violation(
        'LIST_E_UNKNOWN_SCHEME',
        null,
        `名单类型 ${opts.scheme} 未登记`,
        `Unknown list scheme ${opts.scheme}`,
      ),
    ]);
  const work = await mkdtemp(join(tmpdir(), 'fivefin-list-'));
  try {
    const det = detect(await readHead(opts.path), false);
    if (!det.ok)
      return reject([
        violation(
          'REG_E_UNREADABLE',
          null,
          `无法读取文件（${det.reason}）`,
          `File cannot be read (${det.reason})`,
        ),
      ]);
    let csv = opts.path;
    if (det.format === 'xlsx') await xlsxToCsv(opts.path, (csv = join(work, 'sheet.csv')));
    else if (det.encoding === 'gb18030') await gb18030ToUtf8(opts.path, (csv = join(work, 'utf8.csv')));
    const header = parseCsvHeader((await readHead(csv)).toString('utf8'));
    const canonical = header.map(
      (h) => COLUMN_NAMES.find((c) => c === h || LIST_COLUMNS[c].includes(h)) ?? null,
    );
    const missing = COLUMN_NAMES.filter((c) => c !== 'valid_to' && !canonical.includes(c));
    const unknown = header.filter((_, i) => canonical[i] === null);
    if (missing.length || unknown.length)
      return reject([
        ...missing.map((c) =>
          violation(
            'REG_E_HEADER_MISSING',
            c,
            `表头缺少列 ${c}（${LIST_COLUMNS[c][0]}）`,
            `Header lacks column ${c}`,
          ),
        ),
        ...unknown.map((c) =>
          violation('REG_E_HEADER_UNKNOWN', c, `表头含有未定义的列 ${c}`, `Unknown column ${c}`),
        ),
      ]);
    const hash = await sha256File(opts.path);
    const [dup] = await db.all<{ import_id: string }>(
      'SELECT import_id::VARCHAR AS import_id FROM registry_imports WHERE content_hash = ?',
      [`${opts.scheme}:${hash}`],
    );
    if (dup)
      return {
        ...base,
        status: 'duplicate',
        import_id: dup.import_id,
        rows: 0,
        superseded: 0,
        violations: [],
      };

    const conn = await db.connect();
    try {
      const cols = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
      const pick = (c: string): string => {
        const i = canonical.indexOf(c as keyof typeof LIST_COLUMNS);
        return i < 0 ? 'NULL' : `nullif(trim(c${i}), '')`;
      };
      await conn.run(
        `CREATE TEMP TABLE list_stage AS SELECT (row_number() OVER () + 1)::BIGINT AS row_no,
           ${COLUMN_NAMES.map((c) => `${pick(c)} AS ${c}`).join(', ')}, ?::VARCHAR AS qualification
         FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
           columns = {${cols}}, strict_mode = true)`,
        [opts.scheme, csv],
      );
      const checks = CHECKS.filter((c) => (COLUMN_NAMES as string[]).includes(c.column));
      const viol = await conn.all<RegistryViolation>(
        checks
          .map(
            (
              c,
            ) => `SELECT '${c.id}' AS rule_id, row_no AS row, '${c.column}' AS "column", s.${c.column} AS value,
              '${c.zh}' AS message_zh, '${c.en}' AS message_en FROM list_stage s WHERE ${c.when}`,
          )
          .join(' UNION ALL ') + ' ORDER BY row, rule_id LIMIT 100000',
      );
      const [{ n } = { n: '0' }] = await conn.all<{ n: string }>(
        'SELECT count(*)::VARCHAR AS n FROM list_stage',
      );
      if (viol.length > 0 || n === '0') {
        await conn.run('DROP TABLE list_stage');
        return reject(
          n === '0'
            ? [violation('REG_E_NO_ROWS', null, '文件没有数据行', 'No data rows')]
            : viol.map((v) => ({ ...v, row: Number(v.row) })),
        );
      }
      const out = await conn.transaction(async (tx) => {
        const [{ id } = { id: '0' }] = await tx.all<{ id: string }>(
          "SELECT nextval('registry_import_seq')::VARCHAR AS id",
        );
        const at = now().toISOString();
        await tx.run('INSERT INTO registry_imports VALUES (?, ?, ?, ?, ?::TIMESTAMP)', [
          id,
          basename(opts.path),
          `${opts.scheme}:${hash}`,
          n,
          at,
        ]);
        await tx.run('INSERT INTO list_imports VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP)', [
          id,
          opts.scheme,
          opts.listVersion,
          opts.replace ? 'replace' : 'batch',
          n,
          at,
        ]);
        let superseded = 0;
        if (opts.replace) {
          const [c] = await tx.all<{ n: string }>(
            'SELECT count(*)::VARCHAR AS n FROM enterprise_qualifications WHERE qualification = ?',
            [opts.scheme],
          );
          superseded = Number(c?.n ?? 0);
          await tx.run(
            `INSERT INTO enterprise_qualifications_history
             SELECT *, ?::BIGINT FROM enterprise_qualifications WHERE qualification = ?`,
            [id, opts.scheme],
          );
          await tx.run('DELETE FROM enterprise_qualifications WHERE qualification = ?', [opts.scheme]);
        }
        await tx.run(
          `INSERT OR REPLACE INTO enterprise_qualifications
           SELECT DISTINCT upper(credit_code), qualification, valid_from::DATE, valid_to::DATE, ?::BIGINT FROM list_stage`,
          [id],
        );
        return { id, superseded };
      });
      await conn.run('DROP TABLE list_stage');
      return {
        ...base,
        status: 'imported',
        import_id: out.id,
        rows: Number(n),
        superseded: out.superseded,
        violations: [],
      };
    } finally {
      conn.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
