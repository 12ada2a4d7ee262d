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
  /**
   * Prints `value` as the machine-readable result (--json) or, for people, `rows` as a table with one column
   * per entry of `columns` (header → the cell of a row; null and undefined print empty).
   */
  list<T>(value: unknown, rows: readonly T[], columns: Columns<T>): void;
  /** For people: `rows` as a table with one column per entry of `columns` (nothing in --json mode). */
  rows<T>(rows: readonly T[], columns: Columns<T>): void;
  /** A progress reporter; on a TTY it redraws one line, elsewhere it prints a line per tenth of the work. */
  progress(label: string, total: number): Progress;
}

/** Table columns: header → how a row's cell is shown. */
export type Columns<T> = Record<string, (row: T) => string | number | null | undefined>;

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

/** Where output goes: the process's streams, or (tests) any pair of writers. */
export interface OutputSink {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_SINK: OutputSink = {
  stdout: (text) => void stdout.write(text),
  stderr: (text) => void stderr.write(text),
};

export function createOutput(opts: { json: boolean; tty?: boolean; sink?: OutputSink }): Output {
  const tty = opts.tty ?? Boolean(stdout.isTTY);
  const sink = opts.sink ?? PROCESS_SINK;
  return {
    json: opts.json,
    tty,
    info(line) {
      if (!opts.json) sink.stdout(line + '\n');
    },
    error(line) {
      sink.stderr(line + '\n');
    },
    result(value) {
      if (opts.json) sink.stdout(JSON.stringify(value, null, 2) + '\n');
    },
    table(rows, columns) {
      if (opts.json) return;
      const cols = columns ?? Object.keys(rows[0] ?? {});
      const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
      const widths = cols.map((c, i) =>
        Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i] ?? ''))),
      );
      sink.stdout(cols.map((c, i) => pad(c, widths[i] ?? 0)).join('  ') + '\n');
      sink.stdout(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
      for (const row of cells) sink.stdout(row.map((v, i) => pad(v, widths[i] ?? 0)).join('  ') + '\n');
    },
    list(value, rows, columns) {
      this.result(value);
      this.rows(rows, columns);
    },
    rows(rows, columns) {
      const headers = Object.keys(columns);
      this.table(
        rows.map((r) => Object.fromEntries(headers.map((h) => [h, columns[h]?.(r) ?? '']))),
        headers,
      );
    },
    progress(label, total) {
      const start = Date.now();
      let last = 0;
      let lastStep = -1;
      const pctOf = (done: number) => (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0);
      const secs = () => ((Date.now() - start) / 1000).toFixed(1);
      const draw = (done: number) => {
        if (opts.json) return;
        const pct = pctOf(done);
        if (!tty) {
          // Logs and CI: one line per tenth, so a long first start shows it is moving without a redraw.
          const step = Math.floor(pct / 10);
          const count = Number.isInteger(done) ? `${done}/${total}, ` : '';
          if (step > lastStep) sink.stderr(`${label} ${pct}% (${count}${secs()}s)\n`);
          lastStep = Math.max(lastStep, step);
          return;
        }
        const bar = '█'.repeat(Math.floor(pct / 4)).padEnd(25, '░');
        sink.stderr(`\r${label} ${bar} ${pct}% (${secs()}s)`);
      };
      return {
        update(done) {
          if (Date.now() - last < 100 && tty) return;
          last = Date.now();
          draw(done);
        },
        done() {
          draw(total);
          if (tty && !opts.json) sink.stderr('\n');
        },
      };
    },
  };
}
