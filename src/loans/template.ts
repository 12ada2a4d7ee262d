// The loan-file template (XLSX) a bank fills in: the header of the current loan file in Chinese (the labels the
// ingest accepts) with each column's English name, rule and codes in a note; identifier, code and period
// columns formatted as text (Excel keeps only 15 digits of a number, and turns 2025-03 into a date); dates as
// yyyy-mm-dd; a drop-down on every column with a code list, the lists (code and Chinese label) on a sheet of
// their own; a guide sheet listing every column. Built from the spec (src/loans/spec.v2.ts), never by hand.
import ExcelJS from 'exceljs';

import { LOAN_COLUMNS, type LoanColumn } from './spec.ts';

/** The data sheet's name (the ingest reads the first sheet). */
export const TEMPLATE_SHEET = '贷款数据 loans';
/** The sheet of code lists the drop-downs read. */
export const CODES_SHEET = 'codes';
/** Rows the formats and drop-downs cover below the header. */
export const TEMPLATE_ROWS = 200_000;

/** Excel number formats by column type: text for everything that is a code or an identifier. */
const FORMAT: Record<LoanColumn['type'], string> = {
  period: '@',
  text: '@',
  enum: '@',
  list: '@',
  code: '@',
  date: 'yyyy-mm-dd',
  money: '0.00',
  decimal: 'General',
  int: '0',
  bool: '@',
};

const BOOLS = ['true', 'false'];

/** The note of a header cell: English name, column name, required or not, the rule. */
function note(c: LoanColumn): string {
  return [`${c.label_en} (${c.name})`, c.required ? '必填 required' : '选填 optional', c.rule].join('\n');
}

/** Column letters of a 1-based column number. */
function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * A sheet's data validations by range (exceljs has them, its type declarations do not): one entry per column
 * range instead of one per cell.
 */
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;

/** The template workbook of the current loan file; formats and drop-downs cover `rows` rows below the header. */
export function templateWorkbook(rows = TEMPLATE_ROWS): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fivefin';
  const data = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const codes = wb.addWorksheet(CODES_SHEET);
  const guide = wb.addWorksheet('说明 guide');
  guide.addRow(['列名 column', '中文名', 'English', '必填 required', '规则 rule', '代码 codes']);
  let codeCol = 0;
  LOAN_COLUMNS.forEach((c, i) => {
    const col = data.getColumn(i + 1);
    col.width = Math.max(12, c.label_zh.length * 2 + 4);
    col.numFmt = FORMAT[c.type];
    const head = data.getCell(1, i + 1);
    head.value = c.label_zh;
    head.numFmt = '@';
    head.font = { bold: true };
    head.note = note(c);
    const values = c.type === 'bool' ? BOOLS : c.values;
    guide.addRow([c.name, c.label_zh, c.label_en, c.required ? '是' : '否', c.rule, values?.join(' ') ?? '']);
    if (!values) return;
    // The list on the codes sheet: the column name, then each code with its Chinese label beside it.
    codeCol += 2;
    const at = letters(codeCol - 1);
    codes.getCell(1, codeCol - 1).value = c.name;
    codes.getCell(1, codeCol).value = c.label_zh;
    values.forEach((v, k) => {
      codes.getCell(k + 2, codeCol - 1).value = v;
      codes.getCell(k + 2, codeCol).value = c.value_labels?.[v] ?? '';
    });
    const ref = letters(i + 1);
    validations(data).add(`${ref}2:${ref}${rows + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`${CODES_SHEET}!$${at}$2:$${at}$${values.length + 1}`],
      // A list column holds several codes separated by ';': the drop-down then only informs.
      showErrorMessage: true,
      errorStyle: c.type === 'list' ? 'information' : 'stop',
      errorTitle: '代码 code',
      error: `请从列表中选择 / choose a code of the list (${c.name})`,
    });
  });
  return wb;
}

/** Writes the template to the file `path`. */
export async function writeTemplate(path: string): Promise<void> {
  await templateWorkbook().xlsx.writeFile(path);
}
