// The shape of a CLI command. Each capability exports its commands from its own `cli.ts`; src/cli/main.ts
// only assembles them. Exit codes: 0 ok, 1 failure, 2 usage error or rejected input.
import type { Config } from '../../config/config.ts';
import type { Stores } from '../../store/stores.ts';
import type { Output } from './output.ts';

export interface CliContext {
  /** Parsed configuration (demo mode when --demo is given). */
  config: Config;
  /** Opens the stores of the configured data directory (lazily; commands that need no store never open it). */
  stores(): Promise<Stores>;
  out: Output;
  /** The clock, injected. */
  now(): Date;
}

export interface CliCommand {
  /** Words that select the command, e.g. ['demo', 'generate'] or ['ingest']. */
  path: string[];
  usage: string;
  summary_zh: string;
  summary_en: string;
  /** Parses its own argv (the words after `path`); returns the exit code. */
  run(argv: string[], ctx: CliContext): Promise<number>;
}
