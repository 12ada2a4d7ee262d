// Check digits of 统一社会信用代码 and resident ID numbers: published examples and properties.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { isValidResidentId, isValidUscc, residentIdCheckChar, USCC_CHARSET, usccCheckChar } from './ids.ts';

test('published examples are valid', () => {
  assert.equal(isValidResidentId('11010519491231002X'), true); // the example of GB 11643-1999
  assert.equal(residentIdCheckChar('11010519491231002'), 'X');
  assert.equal(isValidUscc('91350100M000100Y43'), true);
  assert.equal(usccCheckChar('91350100M000100Y4'), '3');
});

test('wrong characters, lengths and dates are rejected', () => {
  assert.equal(isValidUscc('91350100M000100Y44'), false);
  assert.equal(isValidUscc('91350100M000100Y4'), false);
  assert.equal(usccCheckChar('91350100M000100I4'), null); // I is not in the charset
  assert.equal(isValidResidentId('110105194912310021'), false);
  assert.equal(isValidResidentId('500103' + '20230230' + '001' + '0'), false); // 30 February
});

const usccBody = fc
  .array(fc.integer({ min: 0, max: USCC_CHARSET.length - 1 }), { minLength: 17, maxLength: 17 })
  .map((xs) => xs.map((i) => USCC_CHARSET.charAt(i)).join(''));

test('a USCC body with its check character is valid; changing one character makes it invalid', () => {
  fc.assert(
    fc.property(
      usccBody,
      fc.integer({ min: 0, max: 16 }),
      fc.integer({ min: 1, max: 30 }),
      (body, pos, shift) => {
        const full = body + (usccCheckChar(body) ?? '');
        assert.equal(isValidUscc(full), true);
        const v = USCC_CHARSET.indexOf(body.charAt(pos));
        const changed = body.slice(0, pos) + USCC_CHARSET.charAt((v + shift) % 31) + body.slice(pos + 1);
        assert.equal(isValidUscc(changed + full.charAt(17)), false);
      },
    ),
  );
});

test('a resident ID with a real birth date and its check character is valid', () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date('1930-01-01T00:00:00Z'),
        max: new Date('2010-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.integer({ min: 0, max: 999 }),
      (d, seq) => {
        const birth = d.toISOString().slice(0, 10).replaceAll('-', '');
        const body = '500112' + birth + String(seq).padStart(3, '0');
        assert.equal(isValidResidentId(body + (residentIdCheckChar(body) ?? '')), true);
      },
    ),
  );
});
