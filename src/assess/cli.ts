// CLI commands of the assessment: `assess run` scores a quarter or year and stores the run; `assess show`
// prints one institution's score, rank, grade and per-indicator breakdown. Exit 0 ok, 1 failure, 2 usage.
import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand, CliContext } from '../cli/kernel/command.ts';
import { parsePeriod } from './engine/period.domain.ts';
import type { AssessError } from './errors.ts';
import { getSubjectResult } from './query.ts';
import { runAssessment } from './run.ts';
import { institutionsFromState } from './store.ts';

function fail(ctx: CliContext, errors: AssessError[]): number {
  ctx.out.result({ ok: false, errors });
  for (const e of errors) ctx.out.error(`${e.code}: ${e.message_zh} / ${e.message_en}`);
  return errors.some((e) => e.code.includes('NOT_FOUND')) ? 1 : 2;
}

const runCommand: CliCommand = {
  path: ['assess', 'run'],
  usage: 'fivefin assess run --period YYYY-Qn|YYYY [--json]',
  summary_zh: '按季度或年度计算银行机构与区县的考核评估得分、排名和等级并保存',
  summary_en: 'Score, rank and grade every bank and district for a quarter or year, and store the run',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, {
      period: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (typeof a === 'number') return a;
    const period = a.values.period;
    if (typeof period !== 'string' || !parsePeriod(period))
      return usageError(
        ctx,
        this.usage,
        '需要 --period YYYY-Qn 或 YYYY / --period YYYY-Qn or YYYY is required',
      );
    const stores = await ctx.stores();
    const institutions = await institutionsFromState(stores.state);
    const r = await runAssessment(stores, {
      period,
      institutions,
      actor: 'cli',
      now: ctx.now(),
      deadline: ctx.config.reportingDeadline,
    });
    if (!r.ok) return fail(ctx, r.errors);
    const { results, ...summary } = r.value;
    ctx.out.result({ ok: true, ...summary, results });
    ctx.out.info(
      `考核期 ${summary.period}：运行 #${summary.run_id}，指标体系 v${summary.config_version}，` +
        `数据批次 ${summary.submission_ids.length} 个 / run #${summary.run_id}`,
    );
    for (const kind of ['bank', 'district'] as const) {
      ctx.out.rows(results[kind], {
        代码: (s) => s.code,
        名称: (s) => s.name,
        组别: (s) => s.peer_group,
        得分: (s) => s.score,
        排名: (s) => `${s.rank}/${s.peer_count}`,
        等级: (s) => s.grade,
      });
    }
    return 0;
  },
};

const showCommand: CliCommand = {
  path: ['assess', 'show'],
  usage: 'fivefin assess show --institution CODE [--period YYYY-Qn|YYYY] [--json]',
  summary_zh: '查看某机构最近一次考核评估的得分、排名、等级和分项明细',
  summary_en: "Show an institution's latest score, rank, grade and per-indicator breakdown",
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, {
      institution: { type: 'string' },
      period: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (typeof a === 'number') return a;
    const code = a.values.institution;
    const period = a.values.period;
    if (typeof code !== 'string' || code === '')
      return usageError(ctx, this.usage, '需要 --institution / --institution is required');
    if (period !== undefined && (typeof period !== 'string' || !parsePeriod(period)))
      return usageError(ctx, this.usage, '--period 应为 YYYY-Qn 或 YYYY / --period must be YYYY-Qn or YYYY');
    const stores = await ctx.stores();
    const r = await getSubjectResult(
      stores.state,
      period as string | undefined,
      { kind: 'bank', code },
      { kind: 'all' },
    );
    if (!r.ok) return fail(ctx, r.errors);
    const { run, result } = r.value;
    ctx.out.result({ ok: true, run, result });
    ctx.out.info(
      `${result.name} (${result.code}) ${run.period}：得分 ${result.score}，组内排名 ${result.rank}/${result.peer_count}` +
        `（${result.peer_group}），等级 ${result.grade}`,
    );
    ctx.out.rows(result.breakdown, {
      指标: (b) => b.indicator_id,
      权重: (b) => b.weight,
      原始值: (b) => b.raw ?? '缺失 missing',
      标准化: (b) => b.normalised,
      贡献: (b) => b.contribution,
      同组最小: (b) => b.peer.min,
      同组中位: (b) => b.peer.median,
      同组最大: (b) => b.peer.max,
    });
    return 0;
  },
};

export const assessCommands: CliCommand[] = [runCommand, showCommand];
