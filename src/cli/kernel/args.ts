// Argument helpers shared by every capability's `cli.ts`: the usage error (exit code 2) and option parsing
// that reports an unknown flag, a missing value or a malformed --period as a usage error instead of throwing.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

import { isPeriod } from '../../shared/period.ts';
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
  let parsed: Parsed<O, P>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: (allowPositionals ?? false) as P });
  } catch (e) {
    return usageError(ctx, usage, (e as Error).message);
  }
  const values = parsed.values as Record<string, unknown>;
  for (const [name, check] of Object.entries(VALUE_CHECKS)) {
    const v = values[name];
    if (typeof v === 'string' && !check.valid(v))
      return usageError(ctx, usage, `--${name} ${v}: ${check.problem}`);
  }
  return parsed;
}

/**
 * Options whose value has one format everywhere, checked as they are parsed, so a wrong value is named as
 * wrong (not reported as missing by the command).
 */
const VALUE_CHECKS: Record<string, { valid: (v: string) => boolean; problem: string }> = {
  period: {
    valid: isPeriod,
    problem: '不是有效的报告期（YYYY-MM，月份 01–12）/ not a valid period (YYYY-MM, month 01–12)',
  },
};
