// Writing the ten messages and their .log check files of one institution-period (§2.3), from the stored loans in
// force or from a loan-file-v2 CSV: the .dat files in SQL (export.sql.ts), each .log from the bytes written.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { openAnalytics, type AnalyticsConn } from '../store/analytics/duckdb.ts';
import { CSV_BOOK_SQL, exportRowsSql, exportTable, STORED_BOOK_SQL, writeMessageSql } from './export.sql.ts';
import { lineCount } from './files.ts';
import { datName, MESSAGES } from './spec.ts';

/** Beijing time (the PBoC's), `YYYY-MM-DD HH:MM:SS`. */
function beijingTime(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The .log check file of a .dat: name, MD5, bytes, creation time, records (FIELDS.md §D). */
export function logText(name: string, bytes: Buffer, now: Date): string {
  const md5 = createHash('md5').update(bytes).digest('hex');
  return `${name}\n${md5}\n${bytes.length}\n${beijingTime(now)}\n${lineCount(bytes)}\n`;
}

/** Where the loans come from: the stored submission in force, or a loan-file-v2 CSV. */
export type BookSource = { kind: 'stored' } | { kind: 'csv'; path: string };

/** Writes the ten messages with their .log files into `outDir`; returns the .dat names written. */
export async function writeMessageSet(
  conn: AnalyticsConn,
  source: BookSource,
  institution: string,
  period: string,
  outDir: string,
  now: Date,
): Promise<string[]> {
  if (source.kind === 'stored') await conn.run(STORED_BOOK_SQL, [institution, period]);
  else await conn.run(CSV_BOOK_SQL, [source.path]);
  await mkdir(outDir, { recursive: true });
  const names: string[] = [];
  for (const m of MESSAGES) {
    const name = datName(institution, m.code, period);
    const path = join(outDir, name);
    await conn.run(exportRowsSql(m));
    await conn.run(writeMessageSql(m), [path]);
    await conn.run(`DROP TABLE ${exportTable(m)}`);
    await writeFile(join(outDir, name.replace(/\.dat$/, '.log')), logText(name, await readFile(path), now));
    names.push(name);
  }
  await conn.run('DROP TABLE msg_book');
  return names;
}

/**
 * Writes each loan-file-v2 CSV (named `<institution>_<YYYY-MM>.csv`, as the demo writes them) also as a message
 * set: `<outDir>/<institution>_<YYYY-MM>/` with the ten messages, their .log files and a copy of the CSV as the base
 * loan file. Returns the set folders.
 */
export async function writeMessageSetsOf(csvPaths: string[], outDir: string, now: Date): Promise<string[]> {
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  const dirs: string[] = [];
  try {
    for (const path of csvPaths) {
      const m = /^(.+)_(\d{4}-\d{2})\.csv$/.exec(basename(path));
      if (!m) continue;
      const [, institution = '', period = ''] = m;
      const dir = join(outDir, `${institution}_${period}`);
      await writeMessageSet(db, { kind: 'csv', path }, institution, period, dir, now);
      await copyFile(path, join(dir, basename(path)));
      dirs.push(dir);
    }
  } finally {
    db.close();
  }
  return dirs;
}
