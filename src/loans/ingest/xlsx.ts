// Reads the first sheet of a loan workbook into a UTF-8 CSV that DuckDB loads, as Excel shows the cells:
// date cells (built-in and zh-CN date formats, 1900 and 1904 date systems) become YYYY-MM-DD, a percent cell
// its displayed value (0.0409 shown as 4.09 % → 4.09), numbers at Excel's 15 significant digits without
// exponent. What cannot be read right is a coded row error, written to an issues file (row, rule, column,
// value, detail) instead of a value: a formula without a calculated value or with an error value, and a number
// cell in a text or identifier column (Excel has already dropped leading zeros and digits past the 15th).
// Rows without any value are skipped and counted; each written record starts with its sheet row number
// (`__row`), so reports name the rows Excel shows. Streaming (exceljs) — memory holds the shared strings only;
// before that, the ZIP directory bounds the inflated size and every XML part is refused if it declares a DTD.
import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';

import ExcelJS from 'exceljs';

import { LOAN_COLUMNS } from '../spec.ts';
import { violation, type Violation } from '../validate/rules.ts';
import { csvField, ISSUE_COLUMNS } from './issues.ts';
import { zipEntries, zipHead } from './zip.ts';

/** Excel's own sheet bounds, and what a loan sheet may inflate to. */
export const XLSX_LIMITS = {
  rows: 1_048_576,
  columns: 16_384,
  /** Inflated bytes of the whole workbook. */
  bytes: 8 * 1024 ** 3,
  /** Inflated bytes per compressed byte (real sheets: 5–30). */
  ratio: 200,
  /** Inflated bytes of the shared strings (held in memory). */
  sharedStrings: 512 * 1024 ** 2,
};

// exceljs gives the zh-CN built-in number formats (ids 27–36, 50–58: yyyy"年"m"月" …) no format code, so it
// would read those date cells as plain numbers; give each its zh-CN code.
const builtIn = createRequire(import.meta.url)('exceljs/lib/xlsx/defaultnumformats.js') as Record<
  number,
  { f?: string; 'zh-cn'?: string }
>;
for (const fmt of Object.values(builtIn)) if (!fmt.f && fmt['zh-cn']) fmt.f = fmt['zh-cn'];

const TEXT_TYPES = new Set(['text', 'code', 'period']);
const TYPE = new Map(LOAN_COLUMNS.map((c) => [c.name, c.type]));
const excelNumber = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

export interface SheetRead {
  /** The header (row 1), as written. */
  header: string[];
  /** Data rows written (non-empty). */
  rows: number;
  /** Rows present in the sheet without any value. */
  emptyRows: number;
  /** Issues written to the issues file, by rule. */
  issues: Map<string, number>;
}

type Cell = { kind: 'value'; text: string } | { kind: 'issue'; rule: string; value: string; detail: string };

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const isPercent = (fmt: string | undefined) => !!fmt && /%/.test(fmt.replace(/"[^"]*"|\[[^\]]*]/g, ''));

/** One cell as text, or the issue that stops it being read. */
function readCell(value: unknown, numFmt: string | undefined, column: string): Cell | null {
  let v = value;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { formula?: string; sharedFormula?: string; result?: unknown; error?: string };
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (r === undefined || r === null || (typeof r === 'object' && !(r instanceof Date)))
        return {
          kind: 'issue',
          rule: 'LOAN_E_XLSX_NOT_CALCULATED',
          value: `=${o.formula ?? o.sharedFormula ?? ''}`.slice(0, 200),
          detail: (r as { error?: string } | undefined)?.error ?? '无计算结果 / no cached value',
        };
      v = r;
    } else if ('error' in o)
      return {
        kind: 'issue',
        rule: 'LOAN_E_XLSX_NOT_CALCULATED',
        value: String(o.error),
        detail: String(o.error),
      };
    else {
      const t = v as { richText?: { text: string }[]; text?: unknown };
      v = t.richText ? t.richText.map((x) => x.text).join('') : String(t.text ?? '');
    }
  }
  if (v instanceof Date) return { kind: 'value', text: isoDate(v) };
  if (typeof v === 'number') {
    if (TEXT_TYPES.has(TYPE.get(column) ?? 'text'))
      return { kind: 'issue', rule: 'LOAN_E_XLSX_NUMBER_IN_TEXT', value: excelNumber.format(v), detail: '' };
    return { kind: 'value', text: excelNumber.format(isPercent(numFmt) ? v * 100 : v) };
  }
  if (typeof v === 'boolean') return { kind: 'value', text: v ? 'true' : 'false' };
  const s = String(v);
  return s === '' ? null : { kind: 'value', text: s };
}

/** Refuses a workbook the directory shows too large, or with an XML part that declares a DTD. */
export async function checkWorkbook(path: string): Promise<Violation | null> {
  const entries = await zipEntries(path);
  if (!entries) return violation('LOAN_E_UNREADABLE', { detail: 'not a readable XLSX (ZIP) container' });
  const size = (await stat(path)).size;
  const total = entries.reduce((a, e) => a + e.size, 0);
  const strings = entries.find((e) => /sharedStrings\.xml$/i.test(e.name))?.size ?? 0;
  const tooLarge = (detail: string) => violation('LOAN_E_XLSX_TOO_LARGE', { detail });
  if (total > XLSX_LIMITS.bytes || total > XLSX_LIMITS.ratio * Math.max(size, 1 << 20))
    return tooLarge(`解压后 ${total} 字节 / ${total} bytes inflated`);
  if (strings > XLSX_LIMITS.sharedStrings)
    return tooLarge(`共享字符串 ${strings} 字节 / shared strings ${strings} bytes`);
  for (const e of entries.filter((x) => /\.(xml|rels)$/i.test(x.name))) {
    const head = (await zipHead(path, e, 64 * 1024)).toString('utf8');
    if (/<!DOCTYPE|<!ENTITY/i.test(head)) return violation('LOAN_E_XLSX_DTD', { detail: e.name });
  }
  return null;
}

/** Streams the first sheet of `src` to `dest` (CSV, `__row` first) and its issues to `issuesPath`. */
export async function readLoanSheet(src: string, dest: string, issuesPath: string): Promise<SheetRead> {
  const out = createWriteStream(dest);
  const issuesOut = createWriteStream(issuesPath);
  const write = (s: WriteStream, line: string) =>
    new Promise<void>((resolve) => (s.write(line) ? resolve() : s.once('drain', resolve)));
  await write(issuesOut, `${ISSUE_COLUMNS.join(',')}\n`);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(src, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  const res: SheetRead = { header: [], rows: 0, emptyRows: 0, issues: new Map() };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number > XLSX_LIMITS.rows) throw new SheetLimit(`行号 ${row.number} / row ${row.number}`);
        if (row.cellCount > XLSX_LIMITS.columns)
          throw new SheetLimit(`${row.cellCount} 列 / ${row.cellCount} columns`);
        if (res.header.length === 0) {
          if (row.number !== 1) throw new SheetLimit('第 1 行须为表头 / row 1 must be the header');
          const values = (row.values as unknown[]).slice(1);
          res.header = values.map((v) => String(v ?? '').trim());
          await write(out, ['__row', ...res.header].map(csvField).join(',') + '\n');
          continue;
        }
        const fields: string[] = [String(row.number)];
        let any = false;
        for (let i = 0; i < res.header.length; i++) {
          const column = res.header[i] ?? '';
          const c = row.getCell(i + 1);
          const read = readCell(c.value, c.numFmt, column);
          if (read === null) fields.push('');
          else if (read.kind === 'value') {
            any = true;
            fields.push(csvField(read.text));
          } else {
            any = true;
            fields.push('');
            res.issues.set(read.rule, (res.issues.get(read.rule) ?? 0) + 1);
            await write(
              issuesOut,
              [String(row.number), read.rule, column, read.value, '', read.detail].map(csvField).join(',') +
                '\n',
            );
          }
        }
        if (!any) {
          res.emptyRows++;
          continue;
        }
        await write(out, fields.join(',') + '\n');
        res.rows++;
      }
      break; // first sheet only
    }
  } finally {
    await Promise.all(
      [out, issuesOut].map(
        (s) =>
          new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve()))),
      ),
    );
  }
  return res;
}

/** A sheet past Excel's bounds (or without its header on row 1). */
export class SheetLimit extends Error {}
