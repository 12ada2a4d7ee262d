// All CLI printing goes through here: tables and progress for people on a TTY, JSON for machines.
import { stderr, stdout } from 'node:process';

export interface Output {
  readonly json: boolean;
  readonly tty: boolean;
  /** A line for people (suppressed in --json mode). */
  info(line: string): void;
  /** A warning or error for people, on stderr (always shown). */
  error(line: string): void;
  /** The machine-readable result (printed only in --json mode). */
  result(value: unknown): void;
  table(rows: Record<string, unknown>[], columns?: string[]): void;
  /** A progress reporter; on a TTY it redraws one line, elsewhere it prints nothing. */
  progress(label: string, total: number): Progress;
}

export interface Progress {
  update(done: number): void;
  done(): void;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Terminal columns a string takes (East Asian characters take two). */
function displayWidth(s: string): number {
  return [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function createOutput(opts: { json: boolean; tty?: boolean }): Output {
  const tty = opts.tty ?? Boolean(stdout.isTTY);
  return {
    json: opts.json,
    tty,
    info(line) {
      if (!opts.json) stdout.write(line + '\n');
    },
    error(line) {
      stderr.write(line + '\n');
    },
    result(value) {
      if (opts.json) stdout.write(JSON.stringify(value, null, 2) + '\n');
    },
    table(rows, columns) {
      if (opts.json) return;
      const cols = columns ?? Object.keys(rows[0] ?? {});
      const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
      const widths = cols.map((c, i) =>
        Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i] ?? ''))),
      );
      stdout.write(cols.map((c, i) => pad(c, widths[i] ?? 0)).join('  ') + '\n');
      stdout.write(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
      for (const row of cells) stdout.write(row.map((v, i) => pad(v, widths[i] ?? 0)).join('  ') + '\n');
    },
    progress(label, total) {
      const start = Date.now();
      let last = 0;
      const draw = (done: number) => {
        if (!tty || opts.json) return;
        const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
        const bar = '█'.repeat(Math.floor(pct / 4)).padEnd(25, '░');
        const secs = ((Date.now() - start) / 1000).toFixed(1);
        stderr.write(`\r${label} ${bar} ${pct}% (${secs}s)`);
      };
      return {
        update(done) {
          if (Date.now() - last < 100) return;
          last = Date.now();
          draw(done);
        },
        done() {
          draw(total);
          if (tty && !opts.json) stderr.write('\n');
        },
      };
    },
  };
}
