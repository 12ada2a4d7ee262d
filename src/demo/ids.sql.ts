// SQL twins of ids.ts: DuckDB expressions that append check characters to identifiers built inside the engine.
// The expressions are assembled from the constant tables of ids.ts only (no values are interpolated).
import { RESIDENT_ID_CHECK, RESIDENT_ID_WEIGHTS, USCC_CHARSET, USCC_WEIGHTS } from './ids.ts';

/** GB 11714 organisation-code check: weights of the 8 body characters (digits only here). */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** SQL: `body8` (8 digits) followed by its GB 11714 check character (11 → '0', 10 → 'X'). */
export function orgCodeSql(body8: string): string {
  const sum = ORG_WEIGHTS.map((w, i) => `${w} * CAST(substr(${body8}, ${i + 1}, 1) AS INTEGER)`).join(' + ');
  return `(${body8} || substr('0123456789X0', ((11 - ((${sum}) % 11)) % 11) + 1, 1))`;
}

/** SQL: the 17-character `first17` followed by its GB 32100 check character. */
export function usccSql(first17: string): string {
  const sum = USCC_WEIGHTS.map(
    (w, i) => `${w} * (instr('${USCC_CHARSET}', substr(${first17}, ${i + 1}, 1)) - 1)`,
  ).join(' + ');
  return `(${first17} || substr('${USCC_CHARSET}', ((31 - ((${sum}) % 31)) % 31) + 1, 1))`;
}

/** SQL: the 17-digit `first17` followed by its GB 11643 check character. */
export function residentIdSql(first17: string): string {
  const sum = RESIDENT_ID_WEIGHTS.map(
    (w, i) => `${w} * CAST(substr(${first17}, ${i + 1}, 1) AS INTEGER)`,
  ).join(' + ');
  return `(${first17} || substr('${RESIDENT_ID_CHECK}', ((${sum}) % 11) + 1, 1))`;
}
