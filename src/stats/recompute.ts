// Coalesced recomputation of the figures (issue 14 item 7): accepting a file, approving a submission or storing
// an exit file asks for its period to be recomputed; with a delay configured, the request only wakes one
// background run per analytics store, which waits until the uploads pause (`delayMs` after the last request, at
// most `maxDelayMs` after the first) and then recomputes every stale period (stalePeriods: the same repair as at
// start-up, each period atomic). Figures stay readable throughout — a recompute commits in one transaction —
// and answers say "recomputing" meanwhile. With no delay (0) the period is recomputed before returning.
import type { Analytics } from '../store/analytics/duckdb.ts';
import { recomputeAggregates, repairAggregates } from './aggregates.sql.ts';

export interface RecomputePolicy {
  /** Quiet time after the last request before the background run (0: recompute at once, synchronously). */
  delayMs: number;
  now(): Date;
}

interface Recomputer {
  timer: ReturnType<typeof setTimeout> | null;
  first: number;
  running: Promise<void> | null;
  again: boolean;
}

const recomputers = new WeakMap<object, Recomputer>();

/** The longest a burst can postpone the run, as a multiple of the delay. */
const MAX_DELAY_FACTOR = 10;

function run(db: Analytics, r: Recomputer, policy: RecomputePolicy): void {
  r.timer = null;
  r.first = 0;
  r.running = (async () => {
    do {
      r.again = false;
      await repairAggregates(db, policy.now());
    } while (r.again);
  })()
    .catch((e: unknown) => {
      // The stale periods stay stale: the next request or the next start-up repairs them.
      process.stderr.write(
        `fivefin: background recompute failed: ${e instanceof Error ? e.message : String(e)}\n`,
      );
    })
    .finally(() => {
      r.running = null;
    });
}

/** Asks for `period`'s figures to be recomputed under `policy` (see the header). */
export async function requestRecompute(
  db: Analytics,
  period: string,
  policy: RecomputePolicy,
): Promise<void> {
  if (policy.delayMs <= 0) return recomputeAggregates(db, period, policy.now());
  let r = recomputers.get(db);
  if (!r) {
    r = { timer: null, first: 0, running: null, again: false };
    recomputers.set(db, r);
  }
  if (r.running) {
    r.again = true;
    return;
  }
  const t = Date.now();
  if (r.first === 0) r.first = t;
  if (r.timer) clearTimeout(r.timer);
  const wait = Math.max(0, Math.min(policy.delayMs, r.first + policy.delayMs * MAX_DELAY_FACTOR - t));
  const rr = r;
  r.timer = setTimeout(() => run(db, rr, policy), wait);
  r.timer.unref();
}

/** Whether a background recompute over this store is waiting or running. */
export function recomputePending(db: object): boolean {
  const r = recomputers.get(db);
  return r !== undefined && (r.timer !== null || r.running !== null);
}

/** Resolves once no background recompute over this store is waiting or running (tests, shutdown). */
export async function recomputeSettled(db: Analytics): Promise<void> {
  for (;;) {
    const r = recomputers.get(db);
    if (!r || (r.timer === null && r.running === null)) return;
    if (r.running) await r.running;
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
