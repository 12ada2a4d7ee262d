// Loads the plan's text kept with the code (a copy of 渝府办发〔2025〕45号) and parses it once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { parsePlan, type ParseResult } from './domain/plan.ts';

export const PLAN_FILE = fileURLToPath(new URL('./data/plan_yfbf_2025_45.txt', import.meta.url));

let cached: ParseResult | null = null;

/** The parsed plan; throws (a programmer error: the shipped file is broken) when it has problems. */
export function loadPlan(): ParseResult {
  if (cached) return cached;
  const parsed = parsePlan(readFileSync(PLAN_FILE, 'utf8'));
  if (parsed.problems.length > 0 || parsed.measures.length !== 17)
    throw new Error(
      `plan file ${PLAN_FILE}: ${parsed.problems.join('; ') || `${parsed.measures.length} measures`}`,
    );
  cached = parsed;
  return parsed;
}
