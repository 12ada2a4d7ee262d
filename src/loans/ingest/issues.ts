// The issues file of the reading stage: row-level problems found before DuckDB reads the rows (an XLSX cell that
// cannot be read, a JSON key that is not a column, a line with bytes that are not GB18030). One CSV format,
// written by each reader and read into the violations by the load.
import { writeFile } from 'node:fs/promises';

/** The columns of an issues file, in order. */
export const ISSUE_COLUMNS = ['row', 'rule_id', 'column', 'value', 'expected', 'detail'] as const;

/** One issue: the row (record number, header = 1) and what the report says about it. */
export type Issue = Record<(typeof ISSUE_COLUMNS)[number], string>;

/** A CSV field, quoted when it must be. */
export const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** DuckDB relation over an issues file (bind: its path). */
export const ISSUES_SQL = `read_csv(?, header = true, auto_detect = false, quote = '"', escape = '"',
  columns = {${ISSUE_COLUMNS.map((c) => `'${c}': '${c === 'row' ? 'BIGINT' : 'VARCHAR'}'`).join(', ')}})`;

/** Writes `issues` as an issues file (small lists only: the caller keeps them in memory). */
export async function writeIssues(path: string, issues: readonly Issue[]): Promise<void> {
  const lines = [
    ISSUE_COLUMNS.join(','),
    ...issues.map((i) => ISSUE_COLUMNS.map((c) => csvField(i[c])).join(',')),
  ];
  await writeFile(path, lines.join('\n') + '\n');
}
