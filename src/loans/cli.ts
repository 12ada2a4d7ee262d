// CLI commands of the loans capability: `fivefin ingest FILE`, `fivefin submissions list` and the review
// (`fivefin submissions explain|review`, see review.ts).
// Exit codes: 0 accepted (or an identical re-upload), 2 rejected or usage error, 1 failure.
import { existsSync } from 'node:fs';

import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand } from '../cli/kernel/command.ts';
import type { Columns } from '../cli/kernel/output.ts';
import { appendAudit } from '../audit/store.ts';
import { exitsCommand } from './exits/cli.ts';
import { afterReviewAction } from './review.mirror.ts';
import { applyReviewAction, ReviewError, type ReviewAction } from './review.ts';
import type { SubmitLoanFile } from './submit.ts';

/** How the command line shows a rule violation of a file (ingest, registry import). */
export const VIOLATION_COLUMNS: Columns<{
  row: number | null;
  column: string | null;
  rule_id: string;
  message_zh: string;
}> = {
  行号: (v) => v.row,
  列: (v) => v.column,
  规则: (v) => v.rule_id,
  说明: (v) => v.message_zh,
};

const STAGES: Record<string, [string, number]> = {
  hash: ['计算文件指纹 hashing', 10],
  xlsx: ['读取 XLSX reading', 20],
  transcode: ['转换编码 transcoding', 20],
  load: ['读取并校验 loading + checking', 30],
  check: ['汇总校验结果 collecting checks', 70],
  report: ['生成报告 writing report', 85],
  aggregate: ['重算统计 aggregating', 90],
};

/** `fivefin ingest FILE`, submitting through the platform's pipeline. */
const ingestCommand = (submitLoanFile: SubmitLoanFile): CliCommand => ({
  path: ['ingest'],
  usage: 'fivefin ingest FILE [--institution CODE] [--period YYYY-MM] [--encoding utf-8|gb18030] [--json]',
  summary_zh: '报送一个贷款明细文件（CSV/XLSX/JSON lines）',
  summary_en: 'Submit one loan file (CSV/XLSX/JSON lines)',
  async run(argv, ctx) {
    const parsed = parseCommandArgs(
      ctx,
      this.usage,
      argv,
      {
        institution: { type: 'string' },
        period: { type: 'string' },
        encoding: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const file = positionals[0];
    if (!file || positionals.length > 1) return usageError(ctx, this.usage);
    if (!existsSync(file)) return usageError(ctx, this.usage, `文件不存在 / no such file: ${file}`);
    if (values.encoding && values.encoding !== 'utf-8' && values.encoding !== 'gb18030')
      return usageError(ctx, this.usage, `--encoding: ${values.encoding}`);
    const stores = await ctx.stores();
    const bar = ctx.out.progress('报送 ingest', 100);
    // The command returns with the figures recomputed (no background run outlives the process).
    const res = await submitLoanFile(
      stores,
      { ...ctx.config, recomputeDelayMs: 0 },
      {
        path: file,
        institution: values.institution,
        period: values.period,
        encoding: values.encoding as 'utf-8' | 'gb18030' | undefined,
        actor: 'cli',
        now: ctx.now,
        onProgress: (stage) => bar.update(STAGES[stage]?.[1] ?? 0),
      },
    );
    bar.done();
    const { violations, ...paths } = res.report;
    ctx.out.result({ ...res, report: { ...paths, violations: violations.slice(0, 1000) } });
    const label = {
      accepted: '已接收 ACCEPTED',
      rejected: '已拒收 REJECTED',
      duplicate: '重复文件，未生成新版本 DUPLICATE (no new version)',
    }[res.status];
    ctx.out.info(
      `${label}: ${res.institution_code ?? '?'} ${res.report_period ?? '?'}${res.version ? ` v${res.version}` : ''}`,
    );
    ctx.out.info(`行数 rows ${res.rows}  错误 errors ${res.error_count}  警告 warnings ${res.warning_count}`);
    if (violations.length > 0) {
      const byRule = new Map<string, number>();
      for (const v of violations) byRule.set(v.rule_id, (byRule.get(v.rule_id) ?? 0) + 1);
      ctx.out.rows(violations.slice(0, 20), VIOLATION_COLUMNS);
      if (violations.length > 20)
        ctx.out.info(`… ${violations.length - 20} more / 另有 ${violations.length - 20} 条`);
    }
    ctx.out.info(`报告 report: ${res.report.json}\n          ${res.report.xlsx}`);
    return res.status === 'rejected' ? 2 : 0;
  },
});

/** A line of the upload history as the command lists it. */
interface SubmissionRow {
  id: string;
  institution_code: string;
  report_period: string | null;
  status: string;
  version: number | null;
  row_count: number | null;
  error_count: number;
  warning_count: number;
  file_name: string | null;
  review_status: string | null;
  created_at: string;
}

const list: CliCommand = {
  path: ['submissions', 'list'],
  usage: 'fivefin submissions list [--institution CODE] [--period YYYY-MM] [--json]',
  summary_zh: '列出报送记录（含被拒收与重复上传）',
  summary_en: 'List submissions (including rejected and duplicate uploads)',
  async run(argv, ctx) {
    const parsed = parseCommandArgs(ctx, this.usage, argv, {
      institution: { type: 'string' },
      period: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const stores = await ctx.stores();
    const rows = await stores.state.query<SubmissionRow>(
      `SELECT id, institution_code, report_period, status, version, row_count, error_count, warning_count, file_name,
              review_status, to_char(created_at, 'YYYY-MM-DD HH24:MI:SS') AS created_at
       FROM submission_log
       WHERE ($1::text IS NULL OR institution_code = $1) AND ($2::text IS NULL OR report_period = $2)
       ORDER BY id`,
      [values.institution ?? null, values.period ?? null],
    );
    ctx.out.list(rows, rows, {
      编号: (r) => r.id,
      机构: (r) => r.institution_code,
      报告期: (r) => r.report_period,
      状态: (r) => r.status,
      版本: (r) => r.version,
      行数: (r) => r.row_count,
      错误: (r) => r.error_count,
      警告: (r) => r.warning_count,
      审核: (r) => r.review_status,
      上传时间: (r) => r.created_at,
    });
    ctx.out.info(`共 ${rows.length} 条 / ${rows.length} submissions`);
    return 0;
  },
};

/** A review action from the command line (actor `cli`, audited like the web's). */
const reviewCommand = (kind: 'explain' | 'review'): CliCommand => ({
  path: ['submissions', kind],
  usage:
    kind === 'explain'
      ? 'fivefin submissions explain ID --text 校验说明 [--json]'
      : 'fivefin submissions review ID (--approve | --return --reason TEXT) [--json]',
  summary_zh: kind === 'explain' ? '填写报送警告的校验说明，提交审核' : '审核报送：通过，或退回并说明原因',
  summary_en:
    kind === 'explain'
      ? "Write the explanation (校验说明) of a submission's warnings and send it to review"
      : 'Review a submission: approve it, or return it with a reason',
  async run(argv, ctx) {
    const parsed = parseCommandArgs(
      ctx,
      this.usage,
      argv,
      {
        text: { type: 'string' },
        approve: { type: 'boolean' },
        return: { type: 'boolean' },
        reason: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const id = positionals[0];
    if (!id || !/^\d+$/.test(id) || positionals.length > 1) return usageError(ctx, this.usage);
    let action: ReviewAction;
    if (kind === 'explain') action = { kind: 'explain', text: values.text ?? '' };
    else if (values.approve && !values.return) action = { kind: 'approve' };
    else if (values.return && !values.approve) action = { kind: 'return', reason: values.reason ?? '' };
    else return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    try {
      const out = await applyReviewAction(stores.state, id, null, action, 'cli', ctx.now());
      await afterReviewAction(stores, out.id, action, { delayMs: 0, now: ctx.now });
      await appendAudit(
        stores.state,
        {
          actor: 'cli',
          action: `loans.review.${action.kind}`,
          object_type: 'submission',
          object_id: out.id,
          detail: {
            institution_code: out.institution_code,
            report_period: out.report_period,
            to: out.review_status,
          },
        },
        ctx.now(),
      );
      ctx.out.result(out);
      ctx.out.info(
        `${out.institution_code} ${out.report_period}: 审核状态 review status ${out.review_status}`,
      );
      return 0;
    } catch (e) {
      if (!(e instanceof ReviewError)) throw e;
      return usageError(ctx, this.usage, `${e.code}${e.status ? ` (${e.status})` : ''}`);
    }
  },
});

/** The loans commands; `submitLoanFile` is the platform's submit pipeline. */
export function createLoansCommands(submitLoanFile: SubmitLoanFile): CliCommand[] {
  return [
    ingestCommand(submitLoanFile),
    exitsCommand,
    list,
    reviewCommand('explain'),
    reviewCommand('review'),
  ];
}
