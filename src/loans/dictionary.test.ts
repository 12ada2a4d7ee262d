// The generated data dictionary in docs/ matches the spec and rule catalogue (regenerate when this fails).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { renderDataDictionary } from './dictionary.ts';
import { LOAN_COLUMNS } from './spec.ts';
import { RULES } from './validate/rules.ts';

it('docs/data-dictionary.md is up to date and lists every column and rule', () => {
  const text = renderDataDictionary();
  const file = readFileSync(join(import.meta.dirname, '../../docs/data-dictionary.md'), 'utf8');
  assert.equal(file, text, 'run: node --import tsx scripts/data-dictionary.ts');
  for (const c of LOAN_COLUMNS) assert.ok(text.includes(`| \`${c.name}\` |`), c.name);
  for (const r of RULES) assert.ok(text.includes(`| \`${r.id}\` |`), r.id);
});
