// Looks at the first bytes of an uploaded file: its format (CSV, XLSX, JSON lines), its text encoding and
// its header. Reads at most 64 KiB; the bulk of the file is never loaded into JavaScript.
import { isAscii, isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

import { letterCounts } from '../validate/plausible.ts';

export type FileFormat = 'csv' | 'xlsx' | 'jsonl';
/** The text encodings a CSV file may be read in (the CLI's --encoding, the upload's `encoding`). */
export const TEXT_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export type Detected =
  | { ok: true; format: FileFormat; encoding: TextEncoding; bom: boolean }
  | { ok: false; reason: 'empty' | 'utf-16' | 'binary' | 'xls' };

const SAMPLE = 64 * 1024;

export async function readHead(path: string, bytes = SAMPLE): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * The encoding of a text whose head is `body` (without a BOM), decided by its lines, not by the head as a
 * whole: a line that is not valid UTF-8 votes GB18030, a valid line with non-ASCII characters votes UTF-8. A
 * UTF-8 file with a few lines pasted from a GBK system stays UTF-8 (those lines are row errors); a GBK file is
 * GB18030. A head that is valid UTF-8 but decodes to letters no Chinese file holds (Cyrillic, Latin-extended …)
 * and no Han character, while GB18030 decodes it to Han characters, is GB18030 ("Bush hid the facts": short GBK text that happens to
 * be valid UTF-8). The rest of the file is checked by the load, which reports each line that is not valid in
 * the encoding decided here.
 */
function decideEncoding(body: Buffer, complete: boolean): TextEncoding {
  let lines = 0;
  let invalid = 0;
  let utf8 = 0;
  // The head may end inside a line (and inside a character): that line is not judged.
  const end = complete ? body.length : body.lastIndexOf(0x0a) + 1;
  for (let start = 0; start < end;) {
    const lf = body.indexOf(0x0a, start);
    const stop = lf < 0 || lf >= end ? end : lf + 1;
    const line = body.subarray(start, stop);
    lines++;
    if (!isUtf8(line)) invalid++;
    else if (!isAscii(line)) utf8++;
    start = stop;
  }
  if (lines === 0 || invalid > 0) return invalid > utf8 ? 'gb18030' : 'utf-8';
  const asUtf8 = letterCounts(body.subarray(0, end).toString('utf8'));
  if (asUtf8.implausible === 0 || asUtf8.han > 0) return 'utf-8';
  const asGb = letterCounts(new TextDecoder('gb18030').decode(body.subarray(0, end)));
  return asGb.implausible === 0 && asGb.han >= asUtf8.implausible ? 'gb18030' : 'utf-8';
}

/** Detects format and encoding from the head of a file. `complete` = the head is the whole file. */
export function detect(head: Buffer, complete: boolean, forced?: TextEncoding): Detected {
  if (head.length === 0) return { ok: false, reason: 'empty' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return { ok: true, format: 'xlsx', encoding: 'utf-8', bom: false };
  // OLE2 compound file: Excel 97–2003 (.xls) or WPS.
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return { ok: false, reason: 'xls' };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return { ok: false, reason: 'utf-16' };
  const nuls = head.subarray(0, 4096).filter((b) => b === 0).length;
  if (nuls > 0) return { ok: false, reason: nuls > 8 ? 'utf-16' : 'binary' };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const body = bom ? head.subarray(3) : head;
  const firstChar = body.toString('latin1').trimStart()[0];
  const format: FileFormat = firstChar === '{' ? 'jsonl' : 'csv';
  const encoding: TextEncoding = forced ?? (bom ? 'utf-8' : decideEncoding(body, complete));
  return { ok: true, format, encoding, bom };
}

/** Parses the first CSV record of a UTF-8 text (the header): handles quotes, strips a BOM. */
export function parseCsvHeader(text: string): string[] {
  const s = text.startsWith('\ufeff') ? text.slice(1) : text;
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else if (ch === '\n' || ch === '\r') break;
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}
