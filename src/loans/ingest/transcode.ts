// Streams non-UTF-8 inputs into a UTF-8 CSV that DuckDB reads: GB18030/GBK text via iconv-lite, and the
// first sheet of an XLSX workbook via exceljs's streaming reader. Memory stays bounded by the stream buffers.
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Converts GB18030 text to UTF-8. Bytes that are not GB18030 become U+FFFD in the copy; each line holding one is
 * passed to `onBadLine` (line number from 1, its text), so that the caller reports it — never a silent
 * replacement.
 */
export async function gb18030ToUtf8(
  src: string,
  dest: string,
  onBadLine?: (line: number, text: string) => void,
): Promise<void> {
  let line = 1;
  let carry = '';
  const lines = new Transform({
    decodeStrings: false,
    transform(chunk: string, _enc, done) {
      // Line numbers are only needed for lines with a replacement character: count lines, split only then.
      if (onBadLine && (carry.includes('\ufffd') || chunk.includes('\ufffd'))) {
        const parts = (carry + chunk).split('\n');
        carry = parts.pop() ?? '';
        for (const text of parts) {
          if (text.includes('\ufffd')) onBadLine(line, text);
          line++;
        }
      } else if (onBadLine) {
        const lf = chunk.lastIndexOf('\n');
        if (lf < 0) carry += chunk;
        else {
          for (let i = chunk.indexOf('\n'); i >= 0 && i <= lf; i = chunk.indexOf('\n', i + 1)) line++;
          carry = chunk.slice(lf + 1);
        }
      }
      done(null, Buffer.from(chunk, 'utf8'));
    },
    flush(done) {
      if (onBadLine && carry.includes('\ufffd')) onBadLine(line, carry);
      done();
    },
  });
  await pipeline(createReadStream(src), iconv.decodeStream('gb18030'), lines, createWriteStream(dest));
}

function csvCell(v: unknown): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (o.richText) s = o.richText.map((r) => r.text).join('');
    else if (o.result !== undefined) return csvCell(o.result);
    else if (o.text !== undefined) s = String(o.text);
    else s = JSON.stringify(v);
  } else s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes the first worksheet of an XLSX file as CSV; returns the number of data rows written. */
export async function xlsxToCsv(src: string, dest: string, onRow?: (n: number) => void): Promise<number> {
  const out = createWriteStream(dest);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(src, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  let rows = 0;
  let width = 0;
  const write = (line: string) =>
    new Promise<void>((resolve) => {
      if (out.write(line)) resolve();
      else out.once('drain', resolve);
    });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1);
      if (rows === 0) width = values.length;
      const cells: string[] = [];
      for (let i = 0; i < Math.max(width, values.length); i++) cells.push(csvCell(values[i]));
      // Excel rows can be sparse: keep the row number so reported rows match the sheet.
      while (rows + 1 < row.number) {
        await write(','.repeat(Math.max(0, width - 1)) + '\n');
        rows++;
      }
      await write(cells.join(',') + '\n');
      rows++;
      if (onRow && rows % 10000 === 0) onRow(rows);
    }
    break; // first sheet only
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return Math.max(0, rows - 1);
}
