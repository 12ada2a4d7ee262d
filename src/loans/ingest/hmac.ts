// HMAC-SHA256 key pads, so the keyed hash of personal identifiers runs inside DuckDB's SQL
// (sha256(opad || sha256(ipad || message))) — identical to node:crypto's createHmac('sha256', key).
import { createHash } from 'node:crypto';

export function hmacPads(key: Buffer): { ipad: string; opad: string } {
  const k = key.length > 64 ? createHash('sha256').update(key).digest() : key;
  const block = Buffer.alloc(64);
  k.copy(block);
  const ipad = Buffer.from(block.map((b) => b ^ 0x36));
  const opad = Buffer.from(block.map((b) => b ^ 0x5c));
  return { ipad: ipad.toString('hex'), opad: opad.toString('hex') };
}
