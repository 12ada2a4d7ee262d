// Writes the validation report of one upload: JSON for machines, CSV (UTF-8 with BOM, opens in Excel) and
// XLSX for bank officers. Every format holds the same rows: the first REPORT_LIMIT_PER_RULE violations of each
// rule (by row), with the exact count of every rule in the summary — so a file with an error on each of its
// millions of rows gives a report of bounded size, written with bounded memory. Every text cell goes through
// one function (`cell`): personal ID numbers masked wherever they stand, invisible characters shown as
// ⟨U+XXXX⟩, and text a spreadsheet would run as a formula neutralised. Columns are named in Chinese and
// English; each row carries the loan id of the row it is about.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import ExcelJS from 'exceljs';

import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';
import { LOAN_COLUMNS } from '../spec.ts';
import { RULES, type Violation } from '../validate/rules.ts';
import { maskIdsSql, reportText } from './mask.ts';

/** How many violations of each rule a report lists (the summary counts them all). */
export const REPORT_LIMIT_PER_RULE = 1000;

/** Prefixes text that spreadsheets would evaluate (= + - @, tab, CR) with a single quote. */
export function safeCell(v: string | null): string {
  if (v === null) return '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A report cell: IDs masked, invisible characters visible, formulas neutralised. */
function cell(v: string | null | undefined): string {
  return safeCell(reportText(v ?? null));
}

const LABEL_ZH = new Map(LOAN_COLUMNS.map((c) => [c.name, c.label_zh]));

/** A column named in Chinese and English, e.g. "借据编号 loan_id". */
export function columnLabel(column: string | null): string | null {
  if (column === null) return null;
  const zh = LABEL_ZH.get(column);
  return zh ? `${zh} ${column}` : column;
}

/**
 * SQL over the violations temp table: the first REPORT_LIMIT_PER_RULE rows of each rule, values masked before
 * the messages are rendered from the rule catalogue.
 */
function renderedSql(table: string): string {
  const rules = RULES.map(
    (r) =>
      `('${r.id}', '${r.severity}', '${r.message_zh.replaceAll("'", "''")}', '${r.message_en.replaceAll("'", "''")}')`,
  ).join(', ');
  const fill = (t: string) =>
    `replace(replace(replace(replace(${t}, '{column}', coalesce(v."column", '')), '{value}', coalesce(v.value, '')), '{expected}', coalesce(v.expected, '')), '{detail}', coalesce(v.detail, ''))`;
  return `SELECT v.rule_id, r.severity, v.row, v."column", v.loan_id, v.value, v.expected, v.detail,
      ${fill('r.zh')} AS message_zh, ${fill('r.en')} AS message_en
    FROM (SELECT rule_id, row, "column", ${maskIdsSql('loan_id')} AS loan_id, ${maskIdsSql('value')} AS value,
            ${maskIdsSql('expected')} AS expected, ${maskIdsSql('detail')} AS detail
          FROM ${table}
          QUALIFY row_number() OVER (PARTITION BY rule_id ORDER BY row NULLS FIRST, "column") <= ${REPORT_LIMIT_PER_RULE}) v
    JOIN (VALUES ${rules}) r(id, severity, zh, en) ON r.id = v.rule_id
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
  /** Exact counts of every rule (severity error, warning or notice). */
  by_rule: { rule_id: string; severity: string; count: number }[];
  version: number | null;
  submission_id: string | null;
  rule_version: string;
}

/** One listed violation as reports and answers carry it. */
export type ReportedViolation = Violation & { loan_id: string | null; column_label: string | null };

export interface WrittenReport {
  dir: string;
  json: string;
  csv: string;
  xlsx: string;
  /** The listed violations (the first REPORT_LIMIT_PER_RULE of each rule), masked. */
  violations: ReportedViolation[];
  /** Some violations are counted but not listed. */
  truncated: boolean;
}

/** Masks and renders one violation for a report or an answer. */
function reported(v: Violation & { loan_id?: string | null }): ReportedViolation {
  return {
    ...v,
    row: v.row === null ? null : Number(v.row),
    column_label: columnLabel(v.column),
    loan_id: reportText(v.loan_id ?? null),
    value: reportText(v.value),
    expected: reportText(v.expected ?? null),
    detail: reportText(v.detail ?? null),
    message_zh: reportText(v.message_zh),
    message_en: reportText(v.message_en),
  };
}

/** Writes the three report files; `table` is the violations temp table, `fileLevel` extra file-level items. */
export async function writeReport(
  db: AnalyticsConn,
  dir: string,
  summary0: ReportSummary,
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
  const summary = { ...summary0, file_name: reportText(summary0.file_name) };
  const fromTable = table ? await db.all<Violation & { loan_id: string | null }>(renderedSql(table)) : [];
  const violations = [...fileLevel, ...fromTable].map(reported);
  const total = summary.by_rule.reduce((a, r) => a + r.count, 0);
  const truncated = total > violations.length;
  await writeFile(paths.json, JSON.stringify({ ...summary, truncated, violations }, null, 2));
  await writeCsv(paths.csv, violations);
  await writeXlsx(paths.xlsx, summary, violations, truncated);
  return { ...paths, violations, truncated };
}

const COLUMNS: [keyof ReportedViolation, string, number][] = [
  ['row', '行号 Row', 10],
  ['loan_id', '借据编号 Loan ID', 24],
  ['column_label', '列 Column', 28],
  ['rule_id', '规则 Rule', 28],
  ['severity', '级别 Severity', 10],
  ['value', '值 Value', 24],
  ['expected', '应为 Expected', 20],
  ['message_zh', '说明', 50],
  ['message_en', 'Message', 60],
];

const csvQuote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

async function writeCsv(path: string, violations: ReportedViolation[]): Promise<void> {
  const out = createWriteStream(path);
  const write = (line: string) =>
    new Promise<void>((resolve) => (out.write(line) ? resolve() : out.once('drain', resolve)));
  // A BOM so that Excel reads the Chinese text as UTF-8.
  await write('\ufeff' + COLUMNS.map(([, h]) => csvQuote(h)).join(',') + '\r\n');
  for (const v of violations)
    await write(
      COLUMNS.map(([k]) => {
        const x = v[k];
        return typeof x === 'number' ? String(x) : csvQuote(cell(x ?? null));
      }).join(',') + '\r\n',
    );
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function writeXlsx(
  path: string,
  summary: ReportSummary,
  violations: ReportedViolation[],
  truncated: boolean,
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
    [
      '明细 Listed',
      truncated
        ? `每条规则前 ${REPORT_LIMIT_PER_RULE} 条 first ${REPORT_LIMIT_PER_RULE} of each rule`
        : '全部 all',
    ],
  ] as [string, string | number][])
    s.addRow({ k, v: typeof v === 'string' ? cell(v) : v }).commit();
  s.addRow({}).commit();
  s.addRow({ k: '规则 Rule', v: '次数 Count' }).commit();
  for (const r of summary.by_rule) s.addRow({ k: `${r.rule_id} (${r.severity})`, v: r.count }).commit();
  s.commit();

  const d = wb.addWorksheet('明细 Violations');
  d.columns = COLUMNS.map(([key, header, width]) => ({ key, header, width }));
  d.getRow(1).font = { bold: true };
  for (const v of violations)
    d.addRow(
      Object.fromEntries(
        COLUMNS.map(([k]) => {
          const x = v[k];
          return [k, typeof x === 'number' ? x : cell(x ?? null)];
        }),
      ),
    ).commit();
  d.commit();
  await wb.commit();
}
