// Argument helpers shared by every capability's `cli.ts`: the usage error (exit code 2) and option parsing
// that reports an unknown flag or a missing value as a usage error instead of throwing.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

import type { CliContext } from './command.ts';

/** Prints the problem (when given) and the command's usage line; returns exit code 2. */
export function usageError(ctx: CliContext, usage: string, problem?: string): number {
  ctx.out.error(`${problem ? problem + '\n' : ''}用法 / usage: ${usage}`);
  return 2;
}

type Parsed<O extends ParseArgsOptionsConfig, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: P }>
>;

/**
 * Parses `argv` with node:util `parseArgs`; on a parse failure prints it with the usage line and returns
 * exit code 2 (check with `typeof r === 'number'`).
 */
export function parseCommandArgs<O extends ParseArgsOptionsConfig, P extends boolean = false>(
  ctx: CliContext,
  usage: string,
  argv: string[],
  options: O,
  allowPositionals?: P,
): Parsed<O, P> | number {
  try {
    return parseArgs({ args: argv, options, allowPositionals: (allowPositionals ?? false) as P });
  } catch (e) {
    return usageError(ctx, usage, (e as Error).message);
  }
}
