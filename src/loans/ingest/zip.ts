// The directory of a ZIP container (an XLSX workbook), read from its end without inflating anything, and the
// first bytes of one member: enough to bound a decompression bomb by the sizes the directory declares, and to
// refuse XML parts that declare a DTD (entity expansion) before any XML parser sees them.
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of the ZIP file at `path` (null when it has no readable central directory). */
export async function zipEntries(path: string): Promise<ZipEntry[] | null> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tail = Buffer.alloc(Math.min(size, 65_557));
    await fh.read(tail, 0, tail.length, size - tail.length);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size || dirSize > 64 << 20) return null;
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const out: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count && p + 46 <= dir.length; i++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLength = dir.readUInt16LE(p + 28);
      const extra = dir.readUInt16LE(p + 30);
      const comment = dir.readUInt16LE(p + 32);
      out.push({
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localOffset: dir.readUInt32LE(p + 42),
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      });
      p += 46 + nameLength + extra + comment;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** The first `bytes` bytes of a member, inflated (stored or deflated members). */
export async function zipHead(path: string, e: ZipEntry, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, e.localOffset);
    const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const raw = Buffer.alloc(Math.min(e.compressedSize, bytes + 1024));
    await fh.read(raw, 0, raw.length, start);
    if (e.method === 0) return raw.subarray(0, bytes);
    return await new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      let n = 0;
      const z = createInflateRaw();
      const done = () => resolve(Buffer.concat(parts).subarray(0, bytes));
      z.on('data', (d: Buffer) => {
        parts.push(d);
        n += d.length;
        if (n >= bytes) z.destroy();
      });
      z.on('close', done);
      z.on('error', done);
      z.end(raw);
    });
  } finally {
    await fh.close();
  }
}
