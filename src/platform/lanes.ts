// Bounded, keyed serialisation of submissions (issue 13 item 1). Uploads for the same key (the institution)
// run one after another — two versions of one bank's month can never race for the same version number — and
// uploads for different keys run side by side, at most `parallel` at once. At most `capacity` submissions are
// admitted at once (running or waiting); one more is refused at once with the coded "busy, retry" error
// instead of queueing without bound.
import { AppError } from '../http/errors.ts';
import { UPLOAD_ERRORS } from '../loans/routes.upload.ts';

export interface Lanes {
  /** Runs fn after every earlier task of the same key; throws upload.busy when `capacity` tasks are admitted. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Tasks admitted (running or waiting). */
  readonly admitted: number;
}

/**
 * Lanes admitting at most `capacity` tasks, of which at most `parallel` run at once (the others wait in order):
 * each submission's load and recompute keep a DuckDB connection and a libuv worker thread busy for their whole
 * length, and running more of them side by side than the engine has threads gains nothing but would leave no
 * worker for the requests meanwhile.
 */
export function createLanes(capacity: number, parallel = Number.POSITIVE_INFINITY): Lanes {
  const tails = new Map<string, Promise<unknown>>();
  let admitted = 0;
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = () =>
    new Promise<void>((start) => {
      if (running < parallel) {
        running++;
        start();
      } else
        waiting.push(() => {
          running++;
          start();
        });
    });
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const inSlot = async <T>(fn: () => Promise<T>): Promise<T> => {
    await slot();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  return {
    get admitted() {
      return admitted;
    },
    async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      if (admitted >= capacity) throw busyError({ reason: 'queue_full', capacity });
      admitted++;
      const before = tails.get(key) ?? Promise.resolve();
      const task = () => inSlot(fn);
      const mine = before.then(task, task);
      const tail = mine.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await mine;
      } finally {
        admitted--;
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

/** The coded 503 "busy, retry" answer of an upload. */
export function busyError(details: Record<string, unknown>): AppError {
  return new AppError('upload.busy', UPLOAD_ERRORS['upload.busy'], details);
}

/**
 * A DuckDB write-write conflict between two transactions (two writers raced for the same row or key): the
 * loser's work was rolled back whole, so the client may simply retry.
 */
export function isWriteConflict(e: unknown): boolean {
  const m = e instanceof Error ? e.message : '';
  return /Transaction conflict|Failed to commit: PRIMARY KEY or UNIQUE constraint violation|Conflict on tuple deletion/i.test(
    m,
  );
}
