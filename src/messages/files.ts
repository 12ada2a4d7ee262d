// The files of one message set: a directory, or a ZIP unpacked into a private folder; the base loan file, the
// .dat messages with their names parsed, and the file checks of FIELDS.md §D (F-1 … F-3): each .log's five
// lines against the bytes of its .dat (name, MD5, size, line count, creation-time format), UTF-8 without BOM,
// LF line ends.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

import { zipEntries } from '../loans/ingest/zip.ts';
import type { Violation } from '../loans/validate/rules.ts';
import { messageViolation } from './rules.ts';
import { parseDatName, type MessageSpec } from './spec.ts';

/** One .dat message of the set, its file checks passed or not. */
export interface DatFile {
  path: string;
  name: string;
  message: MessageSpec;
  institution: string;
  period: string;
}

export interface MessageSetFiles {
  base: string | null;
  dats: DatFile[];
  institution: string | null;
  period: string | null;
  violations: Violation[];
}

/** Whether `path` is a message set: a directory or a ZIP holding at least one .dat file (an XLSX holds none). */
export async function isMessageSet(path: string): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  if (!s) return false;
  if (s.isDirectory()) return (await readdir(path)).some((n) => n.endsWith('.dat'));
  const entries = await zipEntries(path).catch(() => null);
  return (entries ?? []).some((e) => e.name.endsWith('.dat'));
}

/** Unpacks the ZIP at `zip` into `dir` (flat: folders inside are ignored); a member may not inflate past its declared size. */
export async function unzipInto(zip: string, dir: string): Promise<void> {
  const entries = (await zipEntries(zip)) ?? [];
  const head = Buffer.alloc(30);
  const fh = await open(zip, 'r');
  try {
    for (const e of entries) {
      const name = basename(e.name);
      if (e.name.endsWith('/') || name.startsWith('.') || (e.method !== 0 && e.method !== 8)) continue;
      await fh.read(head, 0, 30, e.localOffset);
      const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
      const src = createReadStream(zip, { start, end: start + e.compressedSize - 1 });
      let n = 0;
      const out = createWriteStream(join(dir, name), { mode: 0o600 });
      const bound = async function* (chunks: AsyncIterable<Buffer>) {
        for await (const c of chunks) {
          n += c.length;
          if (n > e.size) throw new Error(`${name}: larger than declared`);
          yield c;
        }
      };
      if (e.method === 0) await pipeline(src, bound, out);
      else await pipeline(src, createInflateRaw(), bound, out);
    }
  } finally {
    await fh.close();
  }
}

const LOG_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The .log checks of one .dat (F-3) and its encoding and line ends (F-2). */
async function checkDat(dir: string, name: string): Promise<Violation[]> {
  const bytes = await readFile(join(dir, name));
  const logName = name.replace(/\.dat$/, '.log');
  const out: Violation[] = [];
  const at = { column: name };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    out.push(messageViolation('MSG_E_ENCODING', { ...at, detail: 'BOM' }));
  if (bytes.includes(0x0d)) out.push(messageViolation('MSG_E_ENCODING', { ...at, detail: 'CR' }));
  if (!isUtf8(bytes)) out.push(messageViolation('MSG_E_ENCODING', { ...at, detail: 'UTF-8' }));
  const log = await readFile(join(dir, logName), 'utf8').catch(() => null);
  if (log === null) return [...out, messageViolation('MSG_E_LOG_MISSING', { ...at, expected: logName })];
  const lines = log.replace(/\n$/, '').split('\n');
  const [logged = '', md5 = '', size = '', created = '', records = ''] = lines;
  if (lines.length !== 5 || !LOG_TIME.test(created) || !/^\d+$/.test(size) || !/^\d+$/.test(records))
    return [...out, messageViolation('MSG_E_LOG_FORMAT', { ...at, detail: logName })];
  if (logged !== name) out.push(messageViolation('MSG_E_LOG_NAME', { ...at, value: logged, expected: name }));
  const actual = createHash('md5').update(bytes).digest('hex');
  if (md5.toLowerCase() !== actual)
    out.push(messageViolation('MSG_E_LOG_MD5', { ...at, value: md5, expected: actual }));
  if (Number(size) !== bytes.length)
    out.push(messageViolation('MSG_E_LOG_BYTES', { ...at, value: size, expected: String(bytes.length) }));
  const count = lineCount(bytes);
  if (Number(records) !== count)
    out.push(messageViolation('MSG_E_LOG_LINES', { ...at, value: records, expected: String(count) }));
  return out;
}

/** Records of a .dat: its LF-terminated lines (a last line without LF counts too). */
export function lineCount(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? n + 1 : n;
}

/** Lists and checks the files of the set in `dir`. */
export async function readSetFiles(dir: string): Promise<MessageSetFiles> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const violations: Violation[] = [];
  const dats: DatFile[] = [];
  const bases = names.filter((n) => /\.(csv|txt)$/i.test(n));
  if (bases.length !== 1) violations.push(messageViolation('MSG_E_NO_BASE', { value: String(bases.length) }));
  for (const name of names.filter((n) => n.endsWith('.dat'))) {
    const parsed = parseDatName(name);
    if (!parsed) {
      violations.push(messageViolation('MSG_E_FILE_NAME', { column: name, value: name }));
      continue;
    }
    violations.push(...(await checkDat(dir, name)));
    dats.push({ path: join(dir, name), name, ...parsed });
  }
  const first = dats[0];
  for (const d of dats)
    if (first && (d.institution !== first.institution || d.period !== first.period))
      violations.push(
        messageViolation('MSG_E_SET_MISMATCH', {
          column: d.name,
          value: `${d.institution} ${d.period}`,
          expected: `${first.institution} ${first.period}`,
        }),
      );
  return {
    base: bases.length === 1 ? join(dir, bases[0] ?? '') : null,
    dats,
    institution: first?.institution ?? null,
    period: first?.period ?? null,
    violations,
  };
}
