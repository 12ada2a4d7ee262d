// Rows of an accepted load are committed before their submission record (see load.ts). This module tracks the
// loads of this process that are between the two commits, and removes the rows a dead process left there.
import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';

/** Submission ids whose rows this process has committed but not yet recorded (between the two commits). */
export const unrecorded = new Set<string>();

/**
 * Deletes loan rows without a submission record that no ingest of this process is still recording: the rows of
 * a load that was committed but whose recording transaction never committed (the process died in between).
 * A DuckDB file is open in one process at a time, so the in-process set covers every ingest in flight.
 */
export async function dropUnrecordedLoads(conn: AnalyticsConn): Promise<void> {
  const orphans = await conn.all<{ sid: string }>(
    `SELECT DISTINCT l.submission_id AS sid FROM loans l
     WHERE l.submission_id NOT IN (SELECT submission_id FROM submissions)`,
  );
  for (const { sid } of orphans)
    if (!unrecorded.has(sid)) await conn.run('DELETE FROM loans WHERE submission_id = ?', [sid]);
}
