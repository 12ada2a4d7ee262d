// Masking of personal ID numbers in anything written or answered: every value shaped like an 18-character
// resident ID number (a region code, a birth date 18xx–20xx, three digits and a check character) keeps its
// first 6 and last 2 characters, wherever it stands and whatever the row claims to be. The same regular
// expression runs in JavaScript (`maskIds`) and in DuckDB SQL (`maskIdsSql`); a test checks they agree.
// RE2 (DuckDB) has no look-around, so the characters around an ID are matched and put back, and the
// replacement runs twice (two IDs separated by one character share that character).

const ID_PATTERN =
  '(^|[^0-9A-Za-z])([1-9][0-9]{5})((?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{2})([0-9][0-9Xx])([^0-9A-Za-z]|$)';
const ID_RE = new RegExp(ID_PATTERN, 'g');
const MASK = '**********';

/** The value with every resident-ID-shaped run masked to its first 6 and last 2 characters. */
export function maskIds(v: string): string {
  const once = (s: string) => s.replaceAll(ID_RE, (_m, a, b, _c, d, e) => `${a}${b}${MASK}${d}${e}`);
  return once(once(v));
}

/** SQL: the same masking of the VARCHAR expression `x` (NULL stays NULL). */
export function maskIdsSql(x: string): string {
  const once = (s: string) => `regexp_replace(${s}, '${ID_PATTERN}', '\\1\\2${MASK}\\4\\5', 'g')`;
  return once(once(x));
}

/** Does the text hold a resident-ID-shaped value in clear? (For tests and scans.) */
export function hasClearId(v: string): boolean {
  return new RegExp(ID_PATTERN).test(v);
}

/**
 * Invisible and control characters shown as ⟨U+XXXX⟩, so that an officer sees what a value really holds
 * (a zero-width space at the end of a loan id, a tab, a BOM).
 */
export function showInvisible(v: string): string {
  return v.replaceAll(/[\p{Cc}\p{Cf}\u00a0\u2028\u2029\u3000]/gu, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

/** What every report cell and answer goes through: IDs masked, invisible characters shown. */
export function reportText(v: string): string;
export function reportText(v: string | null): string | null;
export function reportText(v: string | null): string | null {
  return v === null ? null : showInvisible(maskIds(v));
}
