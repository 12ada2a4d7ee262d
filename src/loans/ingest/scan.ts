// The record structure of a CSV file, read byte by byte: which records have more or fewer fields than the
// header, a stray quote, or bytes that are not UTF-8. DuckDB's strict reader lets some of these through as a
// shifted row (a record with an extra empty last field is read as if the field were not there), so the ingest
// runs this scan when a CSV file has errors, reports each such record as LOAN_E_MALFORMED_ROW or
// LOAN_E_BAD_ENCODING and nothing else about it. Files without errors are never scanned (no second pass).
// Records are numbered as DuckDB numbers them: the header is 1, a quoted line break stays inside its record,
// a blank line is a record of its own.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export interface RecordProblem {
  /** Record number (header = 1). */
  row: number;
  kind: 'fields' | 'quote' | 'encoding';
  fields: number;
  /** The record as text (at most 300 characters, undecodable bytes as U+FFFD). */
  line: string;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Bytes of one record kept across chunks (a longer record is malformed anyway; its rest is not needed). */
const KEEP = 1 << 20;

/** Scans `path` (UTF-8 CSV, header of `expected` fields); returns at most `limit` problems, in file order. */
export async function scanCsv(path: string, expected: number, limit: number): Promise<RecordProblem[]> {
  const problems: RecordProblem[] = [];
  let row = 1;
  let fields = 1;
  let quoted = false;
  let quoteError = false;
  /** The current record's bytes from earlier chunks. */
  let pending: Buffer | null = null;
  const end = (rec: Buffer, checkBytes: boolean) => {
    const bytes = pending ? Buffer.concat([pending, rec]) : rec;
    pending = null;
    const problem = (kind: RecordProblem['kind']) =>
      problems.push({
        row,
        kind,
        fields,
        line: bytes
          .toString('utf8')
          .replace(/\r$/, '')
          .replace(/^\ufeff/, '')
          .slice(0, 300),
      });
    if (bytes.length > 0 && row > 1 && problems.length < limit) {
      if ((checkBytes || bytes !== rec) && !isUtf8(bytes)) problem('encoding');
      else if (quoteError) problem('quote');
      else if (fields !== expected) problem('fields');
    }
    row++;
    fields = 1;
    quoteError = false;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const valid = isUtf8(chunk);
    const n = chunk.length;
    let start = 0; // where the current record begins in this chunk
    let i = 0;
    while (i < n) {
      if (quoted) {
        const j = chunk.indexOf(QUOTE, i);
        if (j < 0) break;
        if (chunk[j + 1] === QUOTE) {
          i = j + 2;
          continue;
        }
        quoted = false;
        i = j + 1;
        const next = chunk[i];
        if (next !== undefined && next !== COMMA && next !== LF && next !== CR) quoteError = true;
        continue;
      }
      const b = chunk[i] as number;
      if (b > COMMA) {
        i++;
        continue;
      }
      if (b === COMMA) fields++;
      else if (b === QUOTE) {
        const prev =
          i > start ? chunk[i - 1] : pending && pending.length > 0 ? pending[pending.length - 1] : COMMA;
        if (prev === COMMA) quoted = true;
        else quoteError = true;
      } else if (b === LF) {
        end(chunk.subarray(start, i), !valid);
        start = i + 1;
      }
      i++;
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0 && (pending?.length ?? 0) < KEEP)
      pending = pending ? Buffer.concat([pending, rest]) : Buffer.from(rest);
  }
  if (pending) end(Buffer.alloc(0), true);
  return problems;
}
