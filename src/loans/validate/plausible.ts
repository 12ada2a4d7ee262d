// Characters that do not occur in Chinese loan data but do in text decoded with the wrong encoding (GBK bytes
// read as UTF-8 give Cyrillic, Greek and Latin letters: 谢小平 → лСƽ; a lost byte gives U+FFFD). One list of
// ranges, used by the encoding decision on the file's head (JavaScript) and by the row check that warns about
// implausible names (SQL). U+00B7 (the middle dot of 阿卜杜·热合曼) and × ÷ are not in the list.

/** The ranges [from, to] of implausible code points. */
const RANGES: readonly (readonly [number, number])[] = [
  [0x0080, 0x009f], // C1 controls
  [0x00c0, 0x00d6], // Latin-1 letters (without ×)
  [0x00d8, 0x00f6],
  [0x00f8, 0x024f], // Latin-1 letters (without ÷), Latin Extended-A and -B
  [0x0370, 0x04ff], // Greek, Cyrillic
  [0x2500, 0x257f], // box drawing
  [0xfffd, 0xfffd], // replacement character
];

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** A JavaScript regular expression matching one implausible character (global). */
export const IMPLAUSIBLE_JS = new RegExp(
  `[${RANGES.map(([a, b]) => `\\u${hex(a)}-\\u${hex(b)}`).join('')}]`,
  'gu',
);

/** The same class for DuckDB's RE2 regular expressions. */
export const IMPLAUSIBLE_RE2 = `[${RANGES.map(([a, b]) => `\\x{${hex(a)}}-\\x{${hex(b)}}`).join('')}]`;

/** Han characters (for the encoding decision: GBK read as UTF-8 has almost none). */
const HAN = /\p{Script=Han}/gu;

/** How many implausible and how many Han characters `text` has. */
export function letterCounts(text: string): { implausible: number; han: number } {
  return { implausible: text.match(IMPLAUSIBLE_JS)?.length ?? 0, han: text.match(HAN)?.length ?? 0 };
}
