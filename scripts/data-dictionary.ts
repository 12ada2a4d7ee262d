// Writes docs/data-dictionary.md from the spec and rule catalogue (`--check` exits 1 when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderDataDictionary } from '../src/loans/dictionary.ts';

const path = join(import.meta.dirname, '../docs/data-dictionary.md');
const text = renderDataDictionary();
if (process.argv.includes('--check')) {
  const current = readFileSync(path, 'utf8');
  if (current !== text) {
    console.error('docs/data-dictionary.md is stale: run node --import tsx scripts/data-dictionary.ts');
    process.exit(1);
  }
} else writeFileSync(path, text);
