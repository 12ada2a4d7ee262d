// Writes the validation report of one upload: JSON for machines, CSV (UTF-8 with BOM, opens in Excel) and
// XLSX for bank officers. Text cells that a spreadsheet would run as a formula are neutralised.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import ExcelJS from 'exceljs';

import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';
import { RULES, type Violation } from '../validate/rules.ts';

export const JSON_VIOLATION_LIMIT = 100_000;
const XLSX_ROW_LIMIT = 1_000_000;

/** Prefixes text that spreadsheets would evaluate (= + - @, tab, CR) with a single quote. */
export function safeCell(v: string | null): string {
  if (v === null) return '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const sqlSafe = (x: string) =>
  `CASE WHEN regexp_matches(${x}, '^[=+\\-@\\t\\r]') THEN '''' || ${x} ELSE ${x} END`;

/** SQL over the violations temp table with messages rendered from the rule catalogue. */
function renderedSql(table: string): string {
  const rules = RULES.map(
    (r) =>
      `('${r.id}', '${r.severity}', '${r.message_zh.replaceAll("'", "''")}', '${r.message_en.replaceAll("'", "''")}')`,
  ).join(', ');
  const fill = (t: string) =>
    `replace(replace(replace(replace(${t}, '{column}', coalesce(v."column", '')), '{value}', coalesce(v.value, '')), '{expected}', coalesce(v.expected, '')), '{detail}', coalesce(v.detail, ''))`;
  return `SELECT v.rule_id, r.severity, v.row, v."column", v.value, v.expected, v.detail,
      ${fill('r.zh')} AS message_zh, ${fill('r.en')} AS message_en
    FROM ${table} v JOIN (VALUES ${rules}) r(id, severity, zh, en) ON r.id = v.rule_id
    ORDER BY v.row NULLS FIRST, v.rule_id, v."column"`;
}

export interface ReportSummary {
  status: 'accepted' | 'rejected' | 'duplicate';
  file_name: string;
  institution_code: string | null;
  report_period: string | null;
  rows: number;
  error_count: number;
  warning_count: number;
  by_rule: { rule_id: string; severity: string; count: number }[];
  version: number | null;
  submission_id: string | null;
  rule_version: string;
}

export interface WrittenReport {
  dir: string;
  json: string;
  csv: string;
  xlsx: string;
  /** The first violations (all of them up to JSON_VIOLATION_LIMIT). */
  violations: Violation[];
  truncated: boolean;
}

/** Writes the three report files; `table` is the violations temp table, `fileLevel` extra file-level items. */
export async function writeReport(
  db: AnalyticsConn,
  dir: string,
  summary: ReportSummary,
  table: string | null,
  fileLevel: Violation[],
): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const paths = {
    dir,
    json: join(dir, 'report.json'),
    csv: join(dir, 'report.csv'),
    xlsx: join(dir, 'report.xlsx'),
  };
  const fromTable: Violation[] = table
    ? await db.all<Violation>(`${renderedSql(table)} LIMIT ${JSON_VIOLATION_LIMIT}`)
    : [];
  const violations = [...fileLevel, ...fromTable].map((v) => ({
    ...v,
    row: v.row === null ? null : Number(v.row),
  }));
  const total = summary.error_count + summary.warning_count;
  const truncated = total > violations.length;
  await writeFile(paths.json, JSON.stringify({ ...summary, truncated, violations }, null, 2));

  // CSV: DuckDB writes the rows, we prepend a BOM so Excel reads the Chinese text as UTF-8.
  const header = ['rule_id', 'severity', 'row', 'column', 'value', 'expected', 'message_zh', 'message_en'];
  const tmp = join(dir, '.violations.csv');
  const fileRows = fileLevel.map(
    (v) => `SELECT '${v.rule_id}' AS rule_id, '${v.severity}' AS severity, NULL::BIGINT AS row,
      ${lit(v.column)} AS "column", ${lit(v.value)} AS value, ${lit(v.expected ?? null)} AS expected,
      ${lit(v.message_zh)} AS message_zh, ${lit(v.message_en)} AS message_en`,
  );
  const tableRows = table
    ? [
        `SELECT rule_id, severity, row, "column", value, expected, message_zh, message_en FROM (${renderedSql(table)})`,
      ]
    : [];
  const union = [...fileRows, ...tableRows];
  const select = union.length
    ? `SELECT rule_id, severity, row, ${sqlSafe('"column"')} AS "column", ${sqlSafe('value')} AS value,
         ${sqlSafe('expected')} AS expected, ${sqlSafe('message_zh')} AS message_zh, ${sqlSafe('message_en')} AS message_en
       FROM (${union.join(' UNION ALL ')})`
    : `SELECT ${header.map((h) => `NULL::VARCHAR AS "${h}"`).join(', ')} WHERE false`;
  await db.run(`COPY (${select}) TO '${tmp.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`);
  const out = createWriteStream(paths.csv);
  out.write('\ufeff');
  await pipeline(createReadStream(tmp), out);
  await rm(tmp);

  await writeXlsx(paths.xlsx, summary, violations, db, table);
  return { ...paths, violations, truncated };
}

function lit(v: string | null | undefined): string {
  return v === null || v === undefined ? 'NULL::VARCHAR' : `'${v.replaceAll("'", "''")}'`;
}

async function writeXlsx(
  path: string,
  summary: ReportSummary,
  first: Violation[],
  db: AnalyticsConn,
  table: string | null,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const s = wb.addWorksheet('概要 Summary');
  s.columns = [
    { header: '项目 Item', key: 'k', width: 28 },
    { header: '值 Value', key: 'v', width: 40 },
  ];
  const status = {
    accepted: '已接收 accepted',
    rejected: '已拒收 rejected',
    duplicate: '重复上传 duplicate',
  }[summary.status];
  for (const [k, v] of [
    ['文件 File', summary.file_name],
    ['状态 Status', status],
    ['机构 Institution', summary.institution_code ?? ''],
    ['报告期 Period', summary.report_period ?? ''],
    ['数据行 Rows', summary.rows],
    ['错误 Errors', summary.error_count],
    ['警告 Warnings', summary.warning_count],
    ['版本 Version', summary.version ?? ''],
    ['规则版本 Rule version', summary.rule_version],
  ] as [string, string | number][])
    s.addRow({ k, v: typeof v === 'string' ? safeCell(v) : v }).commit();
  s.addRow({}).commit();
  s.addRow({ k: '规则 Rule', v: '次数 Count' }).commit();
  for (const r of summary.by_rule) s.addRow({ k: `${r.rule_id} (${r.severity})`, v: r.count }).commit();
  s.commit();

  const d = wb.addWorksheet('明细 Violations');
  d.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 20 },
    { header: '规则 Rule', key: 'rule_id', width: 28 },
    { header: '级别 Severity', key: 'severity', width: 10 },
    { header: '值 Value', key: 'value', width: 24 },
    { header: '说明 Message', key: 'message_zh', width: 50 },
    { header: 'Message', key: 'message_en', width: 60 },
  ];
  d.getRow(1).font = { bold: true };
  const add = (v: Violation) =>
    d
      .addRow({
        row: v.row,
        column: safeCell(v.column),
        rule_id: v.rule_id,
        severity: v.severity,
        value: safeCell(v.value),
        message_zh: safeCell(v.message_zh),
        message_en: safeCell(v.message_en),
      })
      .commit();
  first.forEach(add);
  // Beyond the JSON limit, page through the rest straight from DuckDB.
  if (table && first.length >= JSON_VIOLATION_LIMIT) {
    for (let offset = JSON_VIOLATION_LIMIT; offset < XLSX_ROW_LIMIT; offset += 50_000) {
      const page = await db.all<Violation>(`${renderedSql(table)} LIMIT 50000 OFFSET ${offset}`);
      page.forEach(add);
      if (page.length < 50_000) break;
    }
  }
  d.commit();
  await wb.commit();
}
