// Ingest of one bank loan file: detect → read and check inside DuckDB in one pass → accept (new version, in one
// transaction with its record) or reject (rolled back, nothing visible) → report → log in the state store.
// A CSV read as UTF-8 by the decision on its head whose records are mostly not UTF-8 is read again as GB18030.
// The stages: source.ts (container, encoding, header, institution and period), load.ts (load, decide, record),
// outcome.ts (summary, report, log).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import type { Stores } from '../../store/stores.ts';
import { loadAndDecide } from './load.ts';
import { rejectEarly } from './outcome.ts';
import { openSource, readHeader, resolveTarget } from './source.ts';
import type { IngestContext, IngestOptions, IngestResult } from './types.ts';

export type { IngestOptions, IngestResult } from './types.ts';

export async function ingestLoanFile(stores: Stores, opts: IngestOptions): Promise<IngestResult> {
  const fileName = opts.fileName ?? basename(opts.path);
  // A report folder per upload, named by a random id (never by time or the client's file name: issue 13 item 1).
  const reportId = opts.reportId ?? randomUUID();
  const reportDir = join(opts.reportRoot, reportId);
  const workRoot = opts.workRoot ?? tmpdir();
  await mkdir(workRoot, { recursive: true, mode: 0o700 });
  const work = await mkdtemp(join(workRoot, 'fivefin-ingest-')); // mode 700
  const conn = await stores.analytics.connect();
  try {
    const ctx: IngestContext = { fileName, reportDir, conn, stores, opts };
    const opened = await openSource(ctx, work);
    if (!opened.ok) return await rejectEarly(ctx, opened.violations, '');
    const { hashing, ...file } = opened.value;
    const header = await readHeader(ctx, file);
    if (!header.ok) return await rejectEarly(ctx, header.violations, await hashing);
    ctx.spec = header.value.spec;
    const rejects = `rej_${Math.floor(Math.random() * 1e9)}`;
    const src = { ...file, ...header.value, rejects };
    const target = await resolveTarget(ctx, src, rejects);
    if (!target.ok)
      return await rejectEarly(
        ctx,
        target.violations,
        await hashing,
        target.institution ?? null,
        target.period ?? null,
      );
    const decided = await loadAndDecide(ctx, src, target.value, hashing);
    if (decided !== 'misread') return decided;
  } finally {
    conn.close();
    await rm(work, { recursive: true, force: true });
  }
  // Most records of the file are not UTF-8 (its head was ASCII or UTF-8): read the whole file as GB18030.
  return ingestLoanFile(stores, { ...opts, reportId, encoding: 'gb18030' });
}
