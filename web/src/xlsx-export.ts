// Client-side XLSX export of what a table shows (every user, within the rows the API gave them): numbers stay
// numbers with a format, text that Excel would read as a formula is prefixed with an apostrophe, headers follow
// the page language. ExcelJS is loaded on first use only, so it does not weigh on the first page load.

export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
  /** Excel number format for numeric cells, e.g. '#,##0.00' or '0.00%'. */
  numFmt?: string;
}

/** Text Excel would evaluate (= + - @, tab, CR) is made literal. */
export function formulaSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The workbook's bytes: one sheet with a bold header row and one row per table row. */
export async function xlsxBytes<T>(
  sheet: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRow(columns.map((c) => c.title)).font = { bold: true };
  for (const r of rows)
    ws.addRow(
      columns.map((c) => {
        const v = c.value(r);
        return typeof v === 'string' ? formulaSafe(v) : (v ?? null);
      }),
    );
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(10, Math.min(40, c.title.length * 2 + 4));
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Builds the workbook and starts the browser download as `fileName`. */
export async function downloadXlsx<T>(
  fileName: string,
  sheet: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<void> {
  const bytes = await xlsxBytes(sheet, columns, rows);
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
