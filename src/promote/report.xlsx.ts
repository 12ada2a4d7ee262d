// Renders the city's progress report as an XLSX workbook (exceljs): a summary sheet per measure and a
// detail sheet per work item, Chinese headers.
import ExcelJS from 'exceljs';

import { DETAIL_HEADERS, SUMMARY_HEADERS, type ProgressReportData } from './domain/report-data.ts';

export const SUMMARY_SHEET = '汇总';
export const DETAIL_SHEET = '任务明细';

export async function renderReportXlsx(r: ProgressReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fivefin';
  wb.created = new Date(r.generated_at);
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
