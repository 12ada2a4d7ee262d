// Import of the enterprise registry (DATA-SPEC §2) from CSV (UTF-8/GB18030) or XLSX: checked in DuckDB,
// all-or-nothing, versioned by import. Facts of the newest import win; qualifications accumulate.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { stageUtf8Csv } from '../loans/ingest/stage-csv.ts';
import { usccValidSql } from '../loans/validate/checks.sql.ts';
import { sha256File } from '../shared/hash.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { derivedSizeSql } from './size.sql.ts';

export const REGISTRY_COLUMNS = [
  'credit_code',
  'enterprise_name',
  'qualification',
  'valid_from',
  'valid_to',
  'industry_code',
  'district_code',
  'employees',
  'revenue_wan',
  'total_assets_wan',
  'listing_status',
] as const;

export interface RegistryViolation {
  rule_id: string;
  row: number | null;
  column: string | null;
  value: string | null;
  message_zh: string;
  message_en: string;
}

export interface RegistryImportResult {
  status: 'imported' | 'rejected' | 'duplicate';
  import_id: string | null;
  rows: number;
  enterprises: number;
  qualifications: number;
  violations: RegistryViolation[];
}

const DATE = `'[0-9]{4}-[0-9]{2}-[0-9]{2}'`;
export const CHECKS: { id: string; column: string; when: string; zh: string; en: string }[] = [
  {
    id: 'REG_E_BAD_CREDIT_CODE',
    column: 'credit_code',
    when: `s.credit_code IS NULL OR NOT ${usccValidSql('upper(s.credit_code)')}`,
    zh: '统一社会信用代码格式或校验位错误',
    en: 'Malformed unified social credit code or wrong check digit',
  },
  {
    id: 'REG_E_NAME_REQUIRED',
    column: 'enterprise_name',
    when: 's.enterprise_name IS NULL',
    zh: '企业名称为必填项',
    en: 'Enterprise name is required',
  },
  {
    id: 'REG_E_BAD_QUALIFICATION',
    column: 'qualification',
    when: 's.qualification IS NOT NULL AND s.qualification NOT IN (SELECT scheme FROM list_schemes)',
    zh: '资质类型不是已登记的名单（list_schemes）',
    en: 'Qualification is not a registered list scheme',
  },
  {
    id: 'REG_E_BAD_DATE',
    column: 'valid_from',
    when: `(s.qualification IS NOT NULL AND s.valid_from IS NULL) OR (s.valid_from IS NOT NULL AND (NOT regexp_full_match(s.valid_from, ${DATE}) OR TRY_CAST(s.valid_from AS DATE) IS NULL))`,
    zh: '资质起始日期缺失或无效',
    en: 'Qualification start date missing or invalid',
  },
  {
    id: 'REG_E_BAD_DATE',
    column: 'valid_to',
    when: `s.valid_to IS NOT NULL AND (NOT regexp_full_match(s.valid_to, ${DATE}) OR TRY_CAST(s.valid_to AS DATE) IS NULL)`,
    zh: '资质截止日期无效',
    en: 'Qualification end date invalid',
  },
  {
    id: 'REG_E_FROM_AFTER_TO',
    column: 'valid_to',
    when: 'TRY_CAST(s.valid_from AS DATE) > TRY_CAST(s.valid_to AS DATE)',
    zh: '资质起始日期晚于截止日期',
    en: 'Qualification starts after it ends',
  },
  {
    id: 'REG_E_UNKNOWN_INDUSTRY',
    column: 'industry_code',
    when: "s.industry_code IS NOT NULL AND s.industry_code NOT IN (SELECT code FROM ref_industry WHERE level = 'class')",
    zh: '行业代码不是 GB/T 4754-2017 小类',
    en: 'Industry code is not a GB/T 4754-2017 class',
  },
  {
    id: 'REG_E_UNKNOWN_DISTRICT',
    column: 'district_code',
    when: 's.district_code IS NOT NULL AND s.district_code NOT IN (SELECT code FROM ref_district)',
    zh: '区县代码不是重庆市区县代码',
    en: 'Not a Chongqing district code',
  },
  {
    id: 'REG_E_BAD_NUMBER',
    column: 'employees',
    when: "s.employees IS NOT NULL AND NOT regexp_full_match(s.employees, '[0-9]{1,9}')",
    zh: '从业人员须为非负整数',
    en: 'Employees must be a whole number ≥ 0',
  },
  {
    id: 'REG_E_BAD_NUMBER',
    column: 'revenue_wan',
    when: "s.revenue_wan IS NOT NULL AND NOT regexp_full_match(s.revenue_wan, '[0-9]{1,14}([.][0-9]{1,2})?')",
    zh: '营业收入（万元）须为非负数',
    en: 'Revenue (10k CNY) must be a number ≥ 0',
  },
  {
    id: 'REG_E_BAD_NUMBER',
    column: 'total_assets_wan',
    when: "s.total_assets_wan IS NOT NULL AND NOT regexp_full_match(s.total_assets_wan, '[0-9]{1,14}([.][0-9]{1,2})?')",
    zh: '资产总额（万元）须为非负数',
    en: 'Total assets (10k CNY) must be a number ≥ 0',
  },
];

export async function importRegistry(
  db: Analytics,
  path: string,
  now: () => Date,
): Promise<RegistryImportResult> {
  const work = await mkdtemp(join(tmpdir(), 'fivefin-registry-'));
  try {
    const staged = await stageUtf8Csv(path, work);
    if (!staged.ok)
      return reject([
        {
          rule_id: 'REG_E_UNREADABLE',
          row: null,
          column: null,
          value: staged.reason,
          message_zh: `无法读取文件（${staged.reason}）`,
          message_en: `File cannot be read (${staged.reason})`,
        },
      ]);
    const { csv, header } = staged;
    const missing = REGISTRY_COLUMNS.filter((c) => !header.includes(c));
    const unknown = header.filter((c) => !(REGISTRY_COLUMNS as readonly string[]).includes(c));
    if (missing.length || unknown.length)
      return reject([
        ...missing.map((c) => ({
          rule_id: 'REG_E_HEADER_MISSING',
          row: 1,
          column: c,
          value: null,
          message_zh: `表头缺少列 ${c}`,
          message_en: `Header lacks column ${c}`,
        })),
        ...unknown.map((c) => ({
          rule_id: 'REG_E_HEADER_UNKNOWN',
          row: 1,
          column: c,
          value: null,
          message_zh: `表头含有未定义的列 ${c}`,
          message_en: `Unknown column ${c}`,
        })),
      ]);
    const hash = await sha256File(path);
    const [dup] = await db.all<{ import_id: string }>(
      'SELECT import_id FROM registry_imports WHERE content_hash = ?',
      [hash],
    );
    if (dup)
      return {
        status: 'duplicate',
        import_id: dup.import_id,
        rows: 0,
        enterprises: 0,
        qualifications: 0,
        violations: [],
      };

    const cols = header.map((c) => `'${c}': 'VARCHAR'`).join(', ');
    const conn = await db.connect();
    try {
      await conn.run(
        `CREATE TEMP TABLE reg_stage AS SELECT (row_number() OVER () + 1)::BIGINT AS row_no,
           ${REGISTRY_COLUMNS.map((c) => `nullif(trim(${c}), '') AS ${c}`).join(', ')}
         FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}}, strict_mode = true)`,
        [csv],
      );
      const viol = await conn.all<RegistryViolation>(
        CHECKS.map(
          (
            c,
          ) => `SELECT '${c.id}' AS rule_id, row_no AS row, '${c.column}' AS "column", s.${c.column} AS value,
                   '${c.zh}' AS message_zh, '${c.en}' AS message_en FROM reg_stage s WHERE ${c.when}`,
        ).join(' UNION ALL ') + ' ORDER BY row, rule_id LIMIT 100000',
      );
      const [{ n } = { n: '0' }] = await conn.all<{ n: string }>('SELECT count(*) AS n FROM reg_stage');
      if (viol.length > 0 || n === '0') {
        await conn.run('DROP TABLE reg_stage');
        return reject(
          n === '0'
            ? [
                {
                  rule_id: 'REG_E_NO_ROWS',
                  row: null,
                  column: null,
                  value: null,
                  message_zh: '文件没有数据行',
                  message_en: 'No data rows',
                },
              ]
            : viol.map((v) => ({ ...v, row: Number(v.row) })),
        );
      }
      const out = await conn.transaction(async (tx) => {
        const [{ id } = { id: '0' }] = await tx.all<{ id: string }>(
          "SELECT nextval('registry_import_seq') AS id",
        );
        await tx.run('INSERT INTO registry_imports VALUES (?, ?, ?, ?, ?::TIMESTAMP)', [
          id,
          basename(path),
          hash,
          n,
          now().toISOString(),
        ]);
        await tx.run(
          `INSERT OR REPLACE INTO enterprises
           SELECT credit_code, enterprise_name, industry_code, district_code, employees, revenue_wan, total_assets_wan,
                  listing_status, ${derivedSizeSql('f')}, ?::BIGINT
           FROM (SELECT upper(credit_code) AS credit_code, any_value(enterprise_name) AS enterprise_name,
                        any_value(industry_code) AS industry_code, any_value(district_code) AS district_code,
                        max(employees::INTEGER) AS employees, max(revenue_wan::DECIMAL(18,2)) AS revenue_wan,
                        max(total_assets_wan::DECIMAL(18,2)) AS total_assets_wan, any_value(listing_status) AS listing_status
                 FROM reg_stage GROUP BY upper(credit_code)) f`,
          [id],
        );
        await tx.run(
          `INSERT OR REPLACE INTO enterprise_qualifications
           SELECT DISTINCT upper(credit_code), qualification, valid_from::DATE, valid_to::DATE, ?::BIGINT
           FROM reg_stage WHERE qualification IS NOT NULL`,
          [id],
        );
        const [c] = await tx.all<{ e: string; q: string }>(
          `SELECT count(DISTINCT upper(credit_code)) AS e, count(*) FILTER (WHERE qualification IS NOT NULL) AS q FROM reg_stage`,
        );
        return { id, e: Number(c?.e ?? 0), q: Number(c?.q ?? 0) };
      });
      await conn.run('DROP TABLE reg_stage');
      return {
        status: 'imported',
        import_id: out.id,
        rows: Number(n),
        enterprises: out.e,
        qualifications: out.q,
        violations: [],
      };
    } finally {
      conn.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function reject(violations: RegistryViolation[]): RegistryImportResult {
  return { status: 'rejected', import_id: null, rows: 0, enterprises: 0, qualifications: 0, violations };
}
