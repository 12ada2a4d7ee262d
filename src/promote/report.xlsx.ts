// Renders the city's progress report as an XLSX workbook (exceljs): the period's figures first (areas, 2027
// targets, top districts and banks), a summary sheet per measure and a detail sheet per work item, Chinese headers.
import ExcelJS from 'exceljs';

import {
  AREA_HEADERS,
  DETAIL_HEADERS,
  HIGHLIGHT_HEADERS,
  highlightRow,
  SUMMARY_HEADERS,
  TARGET_HEADERS,
  targetRow,
  type ProgressReportData,
} from './domain/report-data.ts';
import { SECTION_KINDS, SECTION_ZH } from './domain/sections.ts';

export const FIGURES_SHEET = '主要指标';
export const SUMMARY_SHEET = '汇总';
export const DETAIL_SHEET = '任务明细';
export const SECTIONS_SHEET = '问题与建议';

/** Appends a titled block of rows under Chinese headers. */
function block<T>(ws: ExcelJS.Worksheet, title: string, headers: [keyof T, string][], rows: T[]): void {
  ws.addRow([title]).font = { bold: true };
  ws.addRow(headers.map(([, h]) => h)).font = { bold: true };
  for (const row of rows) ws.addRow(headers.map(([k]) => row[k] ?? ''));
  ws.addRow([]);
}

/** The figures sheet: areas, targets and highlights, or a note that none are stored for the period. */
function figuresSheet(wb: ExcelJS.Workbook, r: ProgressReportData): void {
  const ws = wb.addWorksheet(FIGURES_SHEET);
  ws.addRow([`${r.title}：主要指标（${r.period}）`]).font = { bold: true, size: 14 };
  const f = r.figures;
  if (!f) {
    ws.addRow([`${r.period} 暂无统计数据`]);
    return;
  }
  block(ws, '一、主要指标', AREA_HEADERS, f.areas);
  block(ws, '二、2027年目标进展', TARGET_HEADERS, f.targets.map(targetRow));
  block(ws, '三、重点区县和银行', HIGHLIGHT_HEADERS, f.highlights.map(highlightRow));
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 22));
}

/** The whole report as one workbook. */
export async function renderReportXlsx(r: ProgressReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fivefin';
  wb.created = new Date(r.generated_at);
  figuresSheet(wb, r);
  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.addRow([r.title]).font = { bold: true, size: 14 };
  summary.addRow([
    `生成时间：${r.generated_at}`,
    '',
    '',
    `重点任务 ${r.totals.items} 项`,
    `已完成 ${r.totals.done}`,
    '',
    `存在风险 ${r.totals.at_risk}`,
    `逾期 ${r.totals.overdue}`,
  ]);
  summary.addRow(SUMMARY_HEADERS.map(([, h]) => h)).font = { bold: true };
  for (const row of r.summary) summary.addRow(SUMMARY_HEADERS.map(([k]) => row[k]));
  summary.columns.forEach((c, i) => (c.width = i === 1 ? 46 : i === 2 ? 28 : 12));
  const detail = wb.addWorksheet(DETAIL_SHEET);
  detail.addRow(DETAIL_HEADERS.map(([, h]) => h)).font = { bold: true };
  for (const row of r.details) detail.addRow(DETAIL_HEADERS.map(([k]) => row[k]));
  detail.columns.forEach((c, i) => (c.width = [8, 36, 18, 24, 28, 16, 12, 10, 10, 48, 16][i] ?? 12));
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  const sections = wb.addWorksheet(SECTIONS_SHEET);
  sections.addRow(['类别', '单位', '内容']).font = { bold: true };
  for (const kind of SECTION_KINDS)
    for (const p of r.sections[kind]) sections.addRow([SECTION_ZH[kind], p.unit || '汇总', p.body]);
  sections.columns.forEach((c, i) => (c.width = [14, 24, 100][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
