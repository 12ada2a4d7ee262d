// Looks at the first bytes of an uploaded file: its format (CSV, XLSX, JSON lines), its text encoding and
// its header. Reads at most 64 KiB; the bulk of the file is never loaded into JavaScript.
import { open } from 'node:fs/promises';

export type FileFormat = 'csv' | 'xlsx' | 'jsonl';
export type TextEncoding = 'utf-8' | 'gb18030';
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

function validUtf8(buf: Buffer, complete: boolean): boolean {
  // A sample may end inside a multi-byte character: drop up to 3 trailing bytes before checking.
  for (let cut = 0; cut <= (complete ? 0 : 3); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, buf.length - cut));
      return true;
    } catch {
      continue;
    }
  }
  return false;
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
  const encoding: TextEncoding = forced ?? (bom || validUtf8(body, complete) ? 'utf-8' : 'gb18030');
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
