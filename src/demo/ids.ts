// Check digits of Chinese identifiers, pure functions shared by the demo generator, its tests and the validator:
// 统一社会信用代码 (GB 32100-2015) and the resident identity number (GB 11643-1999).
// The SQL twins (used to build millions of identifiers inside DuckDB) are in ids.sql.ts.

/** The 31 characters of a 统一社会信用代码 (no I, O, S, V, Z), in value order. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character of a resident ID by (weighted sum mod 11). */
export const RESIDENT_ID_CHECK = '10X98765432';

/** The 18th character of a 统一社会信用代码 from its first 17; null when they are not 17 valid characters. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(c);
}

export function isValidUscc(s: string): boolean {
  if (s.length !== 18) return false;
  return usccCheckChar(s.slice(0, 17)) === s.charAt(17);
}

/** The 18th character of a resident ID number from its first 17 digits; null when they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK.charAt(sum % 11);
}

/** A valid 18-character resident ID: 17 digits, a real birth date (YYYYMMDD at 7–14) and the right check character. */
export function isValidResidentId(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return false;
  return residentIdCheckChar(s.slice(0, 17)) === s.charAt(17);
}
