// CLI commands of the statistics: stats, targets, explain loan, report. Printing goes through ctx.out
// (tables for people, JSON with --json); exit 0 ok, 1 failure, 2 usage.
import { writeFile } from 'node:fs/promises';
import type { ParseArgsOptionsConfig } from 'node:util';

import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand } from '../cli/kernel/command.ts';
import { AREA_LABELS, type Dim, type StatArea } from './dims.ts';
import { explainLoan } from './explain.ts';
import { isPeriod } from '../shared/period.ts';
import { areaStats } from './queries.ts';
import { buildReport, reportViews, viewToCsv } from './report.ts';
import { reportToXlsx } from './report.xlsx.ts';
import { evaluateTargets } from './targets.ts';

const BY: Record<string, Dim> = {
  city: 'city',
  district: 'district',
  institution: 'institution',
  industry: 'industry_section',
  division: 'industry_division',
  size: 'size',
  guarantee: 'guarantee',
};

const OPTIONS = {
  period: { type: 'string' },
  by: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} satisfies ParseArgsOptionsConfig;

const pct = (v: number | null): string => (v === null ? '' : `${(v * 100).toFixed(2)}%`);

const statsCommand: CliCommand = {
  path: ['stats'],
  usage: 'fivefin stats --period YYYY-MM [--by district|institution|industry|size|guarantee] [--json]',
  summary_zh: '某期五篇大文章统计（余额、户数、发放、利率、增速等）',
  summary_en: 'Five-area statistics of a period (balance, borrowers, issuance, rate, growth …)',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const period = a.values.period;
    if (typeof period !== 'string' || !isPeriod(period))
      return usageError(ctx, this.usage, '需要 --period YYYY-MM / --period YYYY-MM is required');
    const dim = BY[typeof a.values.by === 'string' ? a.values.by : 'city'];
    if (!dim) return usageError(ctx, this.usage, `未知维度 / unknown --by ${String(a.values.by)}`);
    const stores = await ctx.stores();
    const s = await areaStats(stores.analytics, period, { dim });
    if (s.figures.length === 0) ctx.out.info(`${period}: 无统计数据 / no aggregates stored`);
    ctx.out.list(s, s.figures, {
      领域: (f) => AREA_LABELS[f.area as StatArea]?.[0] ?? f.area,
      ...(dim === 'city' ? {} : { 维度: (f) => f.dim_label }),
      余额: (f) => f.balance,
      笔数: (f) => f.loan_count,
      户数: (f) => f.borrower_count,
      发放额: (f) => f.issued_amount,
      利率: (f) => f.avg_issued_rate,
      环比: (f) => pct(f.mom),
      同比: (f) => pct(f.yoy),
      不良率: (f) => pct(f.npl_ratio),
    });
    for (const p of s.provisional)
      ctx.out.info(`临时口径 / provisional: ${p.basis} — ${p.loan_count} 笔, ${p.balance} 元`);
    return 0;
  },
};

const targetsCommand: CliCommand = {
  path: ['targets'],
  usage: 'fivefin targets [--json]',
  summary_zh: '2027年目标进度、预测与状态',
  summary_en: '2027 targets: progress, projection and status',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const stores = await ctx.stores();
    const t = await evaluateTargets(stores.analytics);
    ctx.out.list(t, t.evaluations, {
      目标: (e) => e.label_zh,
      最新期: (e) => e.latest_period,
      最新值: (e) => e.latest_value,
      进度: (e) => pct(e.progress),
      所需月增速: (e) => pct(e.required_monthly_growth),
      趋势月增速: (e) => pct(e.trend_monthly_growth),
      预测: (e) =>
        e.projection ? `${e.projection.central} [${e.projection.lower}, ${e.projection.upper}]` : '',
      状态: (e) => e.status,
    });
    return 0;
  },
};

const explainCommand: CliCommand = {
  path: ['explain', 'loan'],
  usage: 'fivefin explain loan INSTITUTION LOAN_ID [--period YYYY-MM] [--json]',
  summary_zh: '说明一笔贷款为何计入某领域（依据、规则版本、名录记录）',
  summary_en: 'Why a loan counts: bases, rule version, registry entry',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const [inst, loanId] = a.positionals;
    if (!inst || !loanId)
      return usageError(ctx, this.usage, '需要机构代码和借据编号 / INSTITUTION and LOAN_ID are required');
    const period = typeof a.values.period === 'string' ? a.values.period : undefined;
    const stores = await ctx.stores();
    const x = await explainLoan(stores.analytics, inst, loanId, period);
    if (!x) {
      ctx.out.error(`未找到贷款 / loan not found: ${inst} ${loanId}`);
      return 1;
    }
    ctx.out.info(`${x.institution_code} ${x.loan_id} (${x.report_period}, submission ${x.submission_id})`);
    ctx.out.info(`银行申报 / declared: ${x.declared_areas.join(', ') || '—'}`);
    ctx.out.list(x, x.evaluated, {
      领域: (l) => l.area,
      依据: (l) => l.basis,
      说明: (l) => l.label_zh,
      规则版本: (l) => l.rule_version,
      证据: ({ evidence: { qualification: q, greenCatalogue: g } }) =>
        q
          ? `${q.qualification} ${q.valid_from}~${q.valid_to ?? ''} (import ${q.import_id})`
          : g
            ? `绿色目录 ${g.edition} 版 ${g.code}`
            : '',
    });
    if (x.changed_since_classification)
      ctx.out.info(
        '注意：当前重新评估结果与入库时分类不同 / note: re-evaluation differs from the stored labels',
      );
    return 0;
  },
};

const reportCommand: CliCommand = {
  path: ['report'],
  usage: 'fivefin report --period YYYY-MM --out FILE.xlsx|FILE.json|FILE.csv',
  summary_zh: '导出月度统计报告（XLSX、JSON 或 CSV）',
  summary_en: 'Export the monthly statistical report (XLSX, JSON or CSV)',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const { period, out } = a.values;
    if (typeof period !== 'string' || !isPeriod(period))
      return usageError(ctx, this.usage, '需要 --period YYYY-MM');
    if (typeof out !== 'string' || !/\.(xlsx|json|csv)$/i.test(out))
      return usageError(ctx, this.usage, '需要 --out FILE.xlsx');
    const stores = await ctx.stores();
    const r = await buildReport(stores.analytics, period);
    if (/\.xlsx$/i.test(out)) await writeFile(out, await reportToXlsx(r));
    else if (/\.json$/i.test(out)) await writeFile(out, JSON.stringify(r, null, 2) + '\n');
    else {
      const base = out.replace(/\.csv$/i, '');
      for (const v of reportViews(r)) await writeFile(`${base}.${v.name}.csv`, viewToCsv(v));
    }
    ctx.out.result({ written: out, period });
    ctx.out.info(`已写出 / written: ${out}`);
    return 0;
  },
};

export const statsCommands: CliCommand[] = [statsCommand, targetsCommand, explainCommand, reportCommand];
