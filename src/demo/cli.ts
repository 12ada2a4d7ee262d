// CLI command of the demo generator: `fivefin demo generate` writes a seeded synthetic Chongqing loan book.
// Exit 0 ok, 1 failure, 2 usage.
import { join } from 'node:path';

import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand, CliContext } from '../cli/kernel/command.ts';
import { writeMessageSetsOf } from '../messages/export.ts';
import { DEFAULT_END_PERIOD, generateDemo, type DemoOptions } from './generate.ts';

const USAGE =
  'fivefin demo generate --loans N --months M --seed S --out DIR [--end-period YYYY-MM] [--institutions K] ' +
  '[--bad-rows B] [--single] [--pboc-messages] [--json]';

const usage = (ctx: CliContext, problem: string): number => usageError(ctx, USAGE, problem);

/** A whole number ≥ min from an option value, or null. */
function whole(v: string | undefined, min: number): number | null {
  if (v === undefined || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** Billions of yuan (亿元) of a decimal yuan text, for display only. */
function yi(yuan: string): string {
  const [int = '0'] = yuan.split('.');
  const negative = int.startsWith('-');
  const digits = negative ? int.slice(1) : int;
  const whole = digits.length > 8 ? digits.slice(0, -8) : '0';
  const frac = digits.padStart(9, '0').slice(-8, -7);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

const generateCommand: CliCommand = {
  path: ['demo', 'generate'],
  usage: USAGE,
  summary_zh: '生成可复现的重庆模拟数据：机构、企业名录和各机构各月贷款明细文件',
  summary_en:
    'Generate a reproducible synthetic Chongqing data set: institutions, registry and monthly loan files',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, USAGE, argv, {
      loans: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'end-period': { type: 'string' },
      institutions: { type: 'string' },
      'bad-rows': { type: 'string' },
      single: { type: 'boolean' },
      'pboc-messages': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (typeof a === 'number') return a;
    const v = a.values;
    const loans = whole(v.loans, 1);
    const months = whole(v.months ?? (v.single ? '1' : undefined), 1);
    const seed = whole(v.seed, 0);
    const institutions = v.institutions === undefined ? 40 : whole(v.institutions, 1);
    const badRows = v['bad-rows'] === undefined ? 0 : whole(v['bad-rows'], 0);
    const endPeriod = v['end-period'] ?? DEFAULT_END_PERIOD;
    if (loans === null) return usage(ctx, '--loans 须为正整数 / --loans must be a positive whole number');
    if (months === null || months > 120) return usage(ctx, '--months 须为 1–120 / --months must be 1–120');
    if (seed === null) return usage(ctx, '--seed 须为非负整数 / --seed must be a whole number ≥ 0');
    if (!v.out) return usage(ctx, '需要 --out DIR / --out DIR is required');
    if (institutions === null || institutions > 40)
      return usage(ctx, '--institutions 须为 1–40 / --institutions must be 1–40');
    if (badRows === null)
      return usage(ctx, '--bad-rows 须为非负整数 / --bad-rows must be a whole number ≥ 0');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(endPeriod))
      return usage(ctx, '--end-period 须为 YYYY-MM / --end-period must be YYYY-MM');
    if (v.single && months !== 1)
      return usage(ctx, '--single 只生成一个月 / --single writes one month (--months 1)');

    const bar = ctx.out.progress('生成 / generating', 8);
    const opts: DemoOptions = {
      loans,
      months,
      seed,
      outDir: v.out,
      endPeriod,
      institutions,
      badRows,
      single: v.single ?? false,
      onProgress: (_step, done) => bar.update(done),
    };
    let r;
    try {
      r = await generateDemo(opts);
    } catch (e) {
      bar.done();
      ctx.out.result({ ok: false, error: (e as Error).message });
      ctx.out.error(`生成失败 / generation failed: ${(e as Error).message}`);
      return 1;
    }
    bar.done();
    const sets = v['pboc-messages']
      ? await writeMessageSetsOf(
          r.files.filter((f) => f.startsWith('loans/')).map((f) => join(r.outDir, f)),
          join(r.outDir, 'pboc-messages'),
          ctx.now(),
        )
      : [];
    ctx.out.result({ ok: true, ...r, pboc_message_sets: sets });
    if (sets.length > 0)
      ctx.out.info(`另写入 ${sets.length} 个人民银行报文集 / also wrote ${sets.length} PBoC message sets`);
    ctx.out.info(
      `已写入 ${r.files.length} 个文件到 ${r.outDir}：${r.rows} 行贷款，${r.institutions} 家机构，` +
        `${r.enterprises} 家企业，${r.badRows.length} 行错误数据 / wrote ${r.files.length} files, ${r.rows} loan rows`,
    );
    if (!r.targets) return 0;
    ctx.out.info(
      `每笔模拟贷款约代表 ${Math.round(r.scale)} 笔真实贷款 / each demo loan stands for ≈${Math.round(r.scale)} real loans`,
    );
    ctx.out.rows(r.totals, {
      报告期: (t) => t.period,
      '各项贷款(亿元)': (t) => yi(t.total),
      '科技(亿元)': (t) => yi(t.tech),
      '绿色(亿元)': (t) => yi(t.green),
      '普惠小微(亿元)': (t) => yi(t.inclusive),
    });
    const end = r.totals[r.totals.length - 1];
    if (end && Number(end.inclusive) < 0.85 * r.targets.inclusive)
      ctx.out.info(
        `普惠小微余额低于目标：单户授信不超过1000万元，约需 30 万笔以上贷款 / inclusive below target: ` +
          `lines stay ≤ 10,000,000, so about 300,000 loans or more are needed`,
      );
    return 0;
  },
};

export const demoCommands: CliCommand[] = [generateCommand];
