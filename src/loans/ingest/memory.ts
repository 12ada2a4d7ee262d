// DuckDB's memory limit while loads run: the load's buffers (CSV read, row groups written during the INSERT)
// otherwise grow to ~2 GB at 10M rows; under this limit the engine evicts earlier, at no measured cost in
// time. The setting is the engine's (all connections), so it is set by the first load of an engine and put back
// by the last one.
import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';

const LOAD_MEMORY_LIMIT = '1GB';
const limits = new WeakMap<object, { loads: number; saved: string }>();

export async function limitMemory(engine: object, conn: AnalyticsConn): Promise<void> {
  const l = limits.get(engine);
  if (l) {
    l.loads++;
    return;
  }
  const entry = { loads: 1, saved: '' };
  limits.set(engine, entry);
  const [row] = await conn.all<{ v: string }>("SELECT current_setting('memory_limit') AS v");
  entry.saved = row?.v ?? '';
  await conn.run(`SET memory_limit = '${LOAD_MEMORY_LIMIT}'`);
}

export async function restoreMemory(engine: object, conn: AnalyticsConn): Promise<void> {
  const l = limits.get(engine);
  if (!l || --l.loads > 0) return;
  limits.delete(engine);
  if (/^[0-9.]+ ?[KMGTPEi]*B$/.test(l.saved)) await conn.run(`SET memory_limit = '${l.saved}'`);
}
