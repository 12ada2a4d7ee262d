// Recognises the version of a loan file from its header and maps Chinese header labels to column names.
// The aliases come from one table, the data dictionary's (spec: label_zh and aliases_zh of each column). Pure.
import { LOAN_FILE_SPECS, SPEC_V1, SPEC_V2, type FileSpec, type LoanColumn } from './spec.ts';

/** Columns only a loan-file-v1 file has: a header with one of them (and no v2-only column) is v1. */
const V1_ONLY = new Set(['declared_areas', 'green_category']);
const V2_ONLY = new Set(
  LOAN_FILE_SPECS[SPEC_V2].map((c) => c.name).filter(
    (n) => !LOAN_FILE_SPECS[SPEC_V1].some((c) => c.name === n),
  ),
);

/** Header name (column name, its Chinese label or a further alias) → column name, over both versions. */
const ALIASES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const add = (k: string, name: string) => {
    const prev = m.get(k);
    if (prev !== undefined && prev !== name) throw new Error(`header alias ${k} names ${prev} and ${name}`);
    m.set(k, name);
  };
  for (const spec of [SPEC_V2, SPEC_V1] as const)
    for (const c of LOAN_FILE_SPECS[spec]) {
      add(c.name, c.name);
      for (const a of [c.label_zh, ...(c.aliases_zh ?? [])]) if (!m.has(a)) add(a, c.name);
    }
  return m;
})();

export interface ResolvedHeader {
  spec: FileSpec;
  /** The file's columns in file order, as column names (an unknown header name is kept as written). */
  columns: string[];
  /** Whether each header name is a known column or alias. */
  known: boolean[];
}

/** Maps a header to column names and tells its version: v1 by its v1-only columns, v2 otherwise. */
export function resolveHeader(raw: readonly string[]): ResolvedHeader {
  const names = raw.map((h) => ALIASES.get(h.trim()));
  const columns = names.map((n, i) => n ?? raw[i] ?? '');
  const v1 = columns.some((c) => V1_ONLY.has(c)) && !columns.some((c) => V2_ONLY.has(c));
  return { spec: v1 ? SPEC_V1 : SPEC_V2, columns, known: names.map((n) => n !== undefined) };
}

/** Every known header name: column names of both versions, their Chinese labels and aliases. */
export const KNOWN_HEADERS: readonly string[] = [...ALIASES.keys()];

/** A header name may be used in SQL only if it is a known column name or alias (never raw file text). */
export function isKnownHeader(h: string): boolean {
  return ALIASES.has(h);
}

/**
 * SQL mapping the Chinese code labels of a coded column to its codes (the value kept when it is no label), for
 * a column `c` of `spec`; null when the column has no labels. `x` is the raw text.
 */
export function codeLabelSql(c: LoanColumn, x: string): string | null {
  const labels = Object.entries(c.value_labels ?? {});
  if (labels.length === 0) return null;
  const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const whens = labels.map(([code, label]) => `WHEN ${q(label)} THEN ${q(code)}`).join(' ');
  if (c.type === 'list')
    return `array_to_string(list_transform(string_split(${x}, ';'), a -> CASE trim(a) ${whens} ELSE a END), ';')`;
  return `CASE ${x} ${whens} ELSE ${x} END`;
}
