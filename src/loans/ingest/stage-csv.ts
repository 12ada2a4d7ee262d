// A small tabular file (registry, official series) as a UTF-8 CSV that DuckDB reads: XLSX (first sheet) and
// GB18030 text are transcoded into the caller's work folder, UTF-8 CSV is read in place; the header is parsed.
import { join } from 'node:path';

import { detect, parseCsvHeader, readHead } from './detect.ts';
import { gb18030ToUtf8, xlsxToCsv } from './transcode.ts';

export type StagedCsv = { ok: true; csv: string; header: string[] } | { ok: false; reason: string };

/** Detects the file's format and encoding and returns the path of a UTF-8 CSV of it (in `work` if converted). */
export async function stageUtf8Csv(path: string, work: string): Promise<StagedCsv> {
  const det = detect(await readHead(path), false);
  if (!det.ok) return { ok: false, reason: det.reason };
  if (det.format === 'jsonl') return { ok: false, reason: 'jsonl' };
  let csv = path;
  if (det.format === 'xlsx') await xlsxToCsv(path, (csv = join(work, 'sheet.csv')));
  else if (det.encoding === 'gb18030') await gb18030ToUtf8(path, (csv = join(work, 'utf8.csv')));
  return { ok: true, csv, header: parseCsvHeader((await readHead(csv)).toString('utf8')) };
}
