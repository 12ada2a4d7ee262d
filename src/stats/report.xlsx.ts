// XLSX rendering of the monthly report with exceljs: one sheet per view, Chinese headers, number formats,
// and text cells guarded against formula injection.
import ExcelJS from 'exceljs';

import { releaseNotes, safeText, type CellKind, type ReportData, reportViews } from './report.ts';

const FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  money: '#,##0.00',
  count: '#,##0',
  ratio: '0.00%',
  rate: '0.0000',
  yi: '#,##0.00',
  pct1: '0.0',
};

/** Renders the report to an XLSX buffer. Decimal strings become numeric cells only here, at the edge. */
export async function reportToXlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fivefin';
  for (const view of reportViews(r)) {
    const ws = wb.addWorksheet(view.title_zh);
    ws.columns = view.columns.map((c) => ({
      header: c.header_zh,
      key: c.key,
      width: Math.max(12, c.header_zh.length * 2 + 2),
      style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of view.rows) {
      const values: Record<string, string | number | null> = {};
      for (const c of view.columns) {
        const v = row[c.key] ?? null;
        if (v === null) values[c.key] = null;
        else if (c.kind === 'text') values[c.key] = safeText(String(v));
        else values[c.key] = typeof v === 'number' ? v : Number(v);
      }
      ws.addRow(values);
    }
  }
  const release = wb.getWorksheet('月度发布');
  if (release) {
    release.addRow([]);
    release.addRow(['说明']).font = { bold: true };
    for (const line of releaseNotes(r)) release.addRow([safeText(line)]);
  }
  const note = wb.addWorksheet('说明');
  note.addRow(['报告期', r.report_period]);
  note.addRow(['数据时点', r.as_of ?? '当前入库数据']);
  note.addRow(['分类规则版本', safeText(r.rule_versions.join(', '))]);
  note.addRow(['目标配置版本', r.targets_version]);
  for (const p of r.provisional)
    note.addRow(['临时口径', safeText(`${p.basis}: ${p.loan_count} 笔, 余额 ${p.balance} 元`)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
