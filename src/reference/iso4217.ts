// ISO 4217 currency codes (list one: current currencies and funds), the reference the loan file's currency is
// checked against. Data in data/iso4217.csv, provenance in data/PROVENANCE.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ISO4217_VERSION = 'ISO 4217 list one, 2025-01-01';

export const ISO4217_CODES: readonly string[] = readFileSync(
  join(import.meta.dirname, 'data/iso4217.csv'),
  'utf8',
)
  .split('\n')
  .slice(1)
  .map((l) => l.trim())
  .filter((l) => /^[A-Z]{3}$/.test(l));
