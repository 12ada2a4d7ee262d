// The resident-ID check in SQL against a plain implementation of GB 11643 (check digit and a real birth date),
// on edge cases of the birth date (leap years, month lengths) and of the check letter; the credit-code check's
// integer path for all-digit codes against its per-character path.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { openAnalytics } from '../../store/analytics/duckdb.ts';
import { residentIdValidSql, usccValidSql } from './checks.sql.ts';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid ID for region 500103, the given birth date (YYYYMMDD, not checked) and sequence number. */
function withCheck(birth: string, seq = '123'): string {
  const body = `500103${birth}${seq}`;
  const sum = W.reduce((a, w, i) => a + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}
function reference(id: string): boolean {
  if (!/^[0-9]{17}[0-9Xx]$/.test(id) || withCheck(id.slice(6, 14), id.slice(14, 17)) !== id.toUpperCase())
    return false;
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return m >= 1 && m <= 12 && d >= 1 && d <= days;
}

it('accepts exactly the resident ID numbers with a right check digit and a real birth date', async () => {
  const births = ['19800101', '20000229', '19000229', '20240229', '20230229', '19990431', '19990430'];
  births.push('19991231', '19991301', '19990100', '19990001', '00000101', '99991231');
  const ids = births.map((b) => withCheck(b));
  // Sequence numbers whose check character is X.
  for (let seq = 100; seq < 200; seq++) ids.push(withCheck('19800101', String(seq)));
  ids.push(ids[0]?.slice(0, 17) + '0', '50010319800101123', 'A00103198001011234', '5001031980010112３4');
  ids.push(...ids.filter((id) => id.endsWith('X')).map((id) => id.toLowerCase()));
  assert.ok(ids.some((id) => id.endsWith('x')));
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  try {
    const rows = await db.all<{ id: string; ok: boolean | null }>(
      `SELECT id, ${residentIdValidSql('id', 'TRY_CAST(left(id, 17) AS BIGINT)')} AS ok
       FROM unnest(?::VARCHAR[]) t(id)`,
      [`[${ids.map((id) => `"${id}"`).join(',')}]`],
    );
    assert.equal(rows.length, ids.length);
    for (const r of rows) assert.equal(r.ok === true, reference(r.id), r.id);
  } finally {
    db.close();
  }
});

it('checks an all-digit credit code by integer arithmetic exactly as by its characters', async () => {
  const codes = ['91500103MA5U00001G', '92500102165809932W', '92500102165809932X', '915001031658099320'];
  for (let i = 0; i < 40; i++) codes.push(`9150010316580993${String(i).padStart(2, '0')}`);
  codes.push('9150010316580993A', '91500103165809932w', '9150010316580993201', 'I15001031658099320');
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  try {
    const rows = await db.all<{ fast: boolean | null; chars: boolean | null }>(
      `SELECT ${usccValidSql('x', 'TRY_CAST(left(x, 17) AS BIGINT)')} AS fast, ${usccValidSql('x')} AS chars
       FROM unnest(?::VARCHAR[]) t(x)`,
      [`[${codes.map((c) => `"${c}"`).join(',')}]`],
    );
    assert.equal(rows.length, codes.length);
    assert.ok(rows.some((r) => r.chars === true) && rows.some((r) => r.chars === false));
    for (const [i, r] of rows.entries()) assert.equal(r.fast, r.chars, codes[i] ?? String(i));
  } finally {
    db.close();
  }
});
