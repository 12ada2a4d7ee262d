// The record structure of a CSV file, read byte by byte: which records have more or fewer fields than the
// header, a stray quote, or bytes that are not UTF-8. DuckDB's strict reader lets some of these through as a
// shifted row (a record with an extra empty last field is read as if the field were not there), so the ingest
// runs this scan when a CSV file has errors, reports each such record as LOAN_E_MALFORMED_ROW,
// LOAN_E_BAD_ENCODING or LOAN_E_LINE_TOO_LONG and nothing else about it; and when a file with warnings has blank
// lines (their numbers keep the reported rows at the file's line numbers). Other files are never scanned.
// Records are numbered as DuckDB numbers them: the header is 1, a quoted line break stays inside its record,
// a blank line is a record of its own.
import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export interface RecordProblem {
  /** Record number (header = 1). */
  row: number;
  kind: 'fields' | 'quote' | 'encoding' | 'length';
  fields: number;
  /** The record as text (at most 300 characters, undecodable bytes as U+FFFD). */
  line: string;
  /**
   * Encoding problems: the first field (0-based) with undecodable bytes, shown with those bytes as ⟨XX⟩, and
   * the same bytes read as GB18030 (a hint: rows pasted from a GBK system).
   */
  field?: { index: number; shown: string; gb18030: string };
}

/** Shows `bytes` as UTF-8 text with every byte that is not part of a valid character as ⟨XX⟩ (hex). */
export function showBytes(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    const ch = len > 0 ? bytes.subarray(i, i + len) : null;
    if (ch && ch.length === len && isUtf8(ch)) {
      out += ch.toString('utf8');
      i += len;
    } else {
      out += `⟨${b.toString(16).toUpperCase().padStart(2, '0')}⟩`;
      i++;
    }
  }
  return out;
}

/** The first field of a CSV record that is not valid UTF-8 (fields split at commas outside quotes). */
function badField(rec: Buffer): RecordProblem['field'] {
  let quoted = false;
  let start = 0;
  let index = 0;
  for (let i = 0; i <= rec.length; i++) {
    const b = rec[i];
    if (b === QUOTE) quoted = !quoted;
    else if (i === rec.length || (b === COMMA && !quoted)) {
      const field = rec.subarray(start, i);
      if (!isUtf8(field))
        return {
          index,
          shown: showBytes(field.subarray(0, 300)),
          gb18030: new TextDecoder('gb18030').decode(field.subarray(0, 300)),
        };
      start = i + 1;
      index++;
    }
  }
  return undefined;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/**
 * The longest record read (bytes): DuckDB's max_line_size, and the bytes of one record the scan keeps across
 * chunks. A longer record is LOAN_E_LINE_TOO_LONG; its rest is never held in memory.
 */
export const MAX_RECORD_BYTES = 1 << 20;

/** What a scan found: at most `limit` problems in file order, and the records' votes on the encoding. */
export interface Scan {
  problems: RecordProblem[];
  /** Records that are not valid UTF-8, and valid records with non-ASCII text (every record is counted). */
  votes: { undecodable: number; text: number };
  /** Record numbers of the blank lines (DuckDB skips them; the rows after them keep the file's numbers). */
  blank: number[];
}

/** Whether the file has a blank line (LF LF or LF CR LF): a search at memchr speed, no parsing. */
export async function hasBlankLines(path: string): Promise<boolean> {
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const b = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
    if (b.includes('\n\n') || b.includes('\n\r\n')) return true;
    tail = Buffer.from(b.subarray(Math.max(0, b.length - 2)));
  }
  return false;
}

/** Scans `path` (UTF-8 CSV, header of `expected` fields). */
export async function scanCsv(path: string, expected: number, limit: number): Promise<Scan> {
  const problems: RecordProblem[] = [];
  const votes = { undecodable: 0, text: 0 };
  const blank: number[] = [];
  let ascii = true;
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
        ...(kind === 'encoding' ? { field: badField(bytes) } : {}),
        line: bytes
          .toString('utf8')
          .replace(/\r$/, '')
          .replace(/^\ufeff/, '')
          .slice(0, 300),
      });
    const undecodable = (checkBytes || bytes !== rec) && !isUtf8(bytes);
    if (undecodable) votes.undecodable++;
    else if (!ascii && !isAscii(bytes)) votes.text++;
    const empty = bytes.length === 0 || (bytes.length === 1 && bytes[0] === CR);
    if (empty && row > 1) blank.push(row);
    if (!empty && row > 1 && problems.length < limit) {
      if (bytes.length >= MAX_RECORD_BYTES) problem('length');
      else if (undecodable) problem('encoding');
      else if (quoteError) problem('quote');
      else if (fields !== expected) problem('fields');
    }
    row++;
    fields = 1;
    quoteError = false;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const valid = isUtf8(chunk);
    ascii = isAscii(chunk) && (pending === null || isAscii(pending));
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
    if (rest.length > 0 && (pending?.length ?? 0) < MAX_RECORD_BYTES)
      pending = pending ? Buffer.concat([pending, rest]) : Buffer.from(rest);
  }
  if (pending) end(Buffer.alloc(0), true);
  return { problems, votes, blank };
}
