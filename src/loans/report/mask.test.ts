// The masking of resident-ID-shaped values: examples, and the JavaScript and DuckDB versions agree on random
// text built from digits, separators and Chinese characters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import fc from 'fast-check';

import { openAnalytics, type Analytics } from '../../store/analytics/duckdb.ts';
import { hasClearId, maskIds, maskIdsSql, showInvisible } from './mask.ts';

let db: Analytics;
before(async () => {
  db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
});
after(() => db.close());

describe('maskIds', () => {
  it('keeps the first 6 and last 2 characters of every ID, wherever it stands', () => {
    assert.equal(maskIds('500110198408178607'), '500110**********07');
    assert.equal(
      maskIds('a,500110198408178607,50012019741128495X,"谢某某110101199003070011"'),
      'a,500110**********07,500120**********5X,"谢某某110101**********11"',
    );
    // Longer digit runs and codes are not IDs.
    assert.equal(maskIds('JJ202503150000000004'), 'JJ202503150000000004');
    assert.equal(maskIds('1500110198408178607'), '1500110198408178607');
    assert.ok(!hasClearId(maskIds('x 500110198408178607 500110198408178607')));
  });

  it('agrees with its SQL twin', async () => {
    const piece = fc.constantFrom(
      '500110198408178607',
      '11010119900307001X',
      '7',
      ',',
      ' ',
      '谢',
      'A',
      '20',
      '0',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (parts) => {
        const s = parts.join('');
        const [row] = await db.all<{ m: string }>(`SELECT ${maskIdsSql('?::VARCHAR')} AS m`, [s]);
        assert.equal(row?.m, maskIds(s), s);
      }),
      { numRuns: 200 },
    );
  });

  it('shows invisible characters', () => {
    assert.equal(showInvisible('L001\u200b\t'), 'L001⟨U+200B⟩⟨U+0009⟩');
  });
});
