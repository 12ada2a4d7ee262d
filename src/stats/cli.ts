// CLI commands of the statistics: stats, targets, explain loan, report. Printing goes through ctx.out
// (tables for people, JSON with --json); exit 0 ok, 1 failure, 2 usage.
import { writeFile } from 'node:fs/promises';
import type { ParseArgsOptionsConfig } from 'node:util';

import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand, CliContext } from '../cli/kernel/command.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { releaseAnswer } from './release.answer.ts';
import type { ReleaseDim } from './release.sql.ts';
import { AREA_LABELS, type Dim, type StatArea } from './dims.ts';
import { defaultPeriod, storedReleasePeriods } from './completeness.ts';
import { explainLoan } from './explain.ts';
import { isPeriod } from '../shared/period.ts';
import { areaStats } from './queries.ts';
import { buildReport, reportViews, viewToCsv } from './report.ts';
import { reportToXlsx } from './report.xlsx.ts';
import { evaluateTargets, type TargetEvaluation } from './targets.ts';
import { asOfDate, isAsOfTime } from './asof.ts';
import { computeLineFigures } from './lines.sql.ts';
import { listRestatements, restatePeriods, RestatementError } from './restate.ts';

/** --by values answered with the release figures (release.answer.ts). */
const RELEASE_BY: Record<string, ReleaseDim> = {
  city: 'city',
  district: 'district',
  branch: 'branch_district',
  institution: 'institution',
};
/** --by values answered with the stored aggregates of the other dimensions (queries.ts). */
const AREA_BY: Record<string, Dim> = {
  industry: 'industry_section',
  division: 'industry_division',
  size: 'size',
  guarantee: 'guarantee',
};

const OPTIONS = {
  period: { type: 'string' },
  by: { type: 'string' },
  key: { type: 'string' },
  out: { type: 'string' },
  'as-of': { type: 'string' },
  json: { type: 'boolean' },
} satisfies ParseArgsOptionsConfig;

const pct = (v: number | null): string => (v === null ? '' : `${(v * 100).toFixed(2)}%`);
const pctText = (v: string | null): string => (v === null ? '' : `${v}%`);

const statsCommand: CliCommand = {
  path: ['stats'],
  usage:
    'fivefin stats [--period YYYY-MM] [--by city|district|branch|institution|industry|division|size|guarantee] [--key AREA|LINE] [--json]',
  summary_zh:
    '某期发布口径统计（余额、比年初增加、同比、同比多增、累计发放、户数、首贷户、利率、可比增速；默认最近一个报送完整的期）',
  summary_en:
    'Release figures of a period (balance, YTD increase, YoY, issuance, borrowers, first loans, rates, comparable growth; default: the latest complete period)',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const period = a.values.period;
    if (period !== undefined && (typeof period !== 'string' || !isPeriod(period)))
      return usageError(ctx, this.usage, '--period 须为 YYYY-MM / --period must be YYYY-MM');
    const by = typeof a.values.by === 'string' ? a.values.by : 'city';
    const key = typeof a.values.key === 'string' ? a.values.key : undefined;
    const stores = await ctx.stores();
    const areaDim = AREA_BY[by];
    if (areaDim) {
      if (typeof period !== 'string')
        return usageError(ctx, this.usage, `--by ${by} 需要 --period / --by ${by} needs --period`);
      return printAreaStats(ctx, stores.analytics, period, areaDim);
    }
    const dim = RELEASE_BY[by];
    if (!dim) return usageError(ctx, this.usage, `未知维度 / unknown --by ${by}`);
    const r = await releaseAnswer(
      stores.analytics,
      { period, dim, key },
      ctx.now(),
      ctx.config.reportingDeadline,
    );
    if (!r) {
      ctx.out.error('无统计数据 / no figures stored');
      return 1;
    }
    ctx.out.info(
      `${r.period}: ${r.institutions_reported} / ${r.institutions_expected} 家机构已报送` +
        `${r.complete ? '' : '（未完整 / incomplete）'}; 数据截至 figures as of ${r.computed_at ?? '—'}` +
        `${r.recomputing ? '，重新计算中 / recomputing' : ''}`,
    );
    ctx.out.list(r, r.figures, {
      项目: (f) => f.key_label,
      ...(dim === 'city' ? {} : { 维度: (f) => f.dim_label }),
      余额: (f) => f.balance,
      比年初增加: (f) => f.ytd_increase,
      同比: (f) => pctText(f.yoy),
      同比多增: (f) => f.yoy_extra_increase,
      当年累计发放: (f) => f.ytd_issued,
      有余额户数: (f) => f.borrowers_with_balance,
      当年新增首贷户: (f) => f.first_loan_borrowers_ytd,
      新发放利率: (f) => f.new_loan_rate,
      票据利率: (f) => f.bill_rate,
      可比同比: (f) => pctText(f.yoy_comparable),
      不良率: (f) => pctText(f.npl_ratio),
    });
    return 0;
  },
};

/** The stored aggregates of a period by one of the other dimensions (industry, size, guarantee). */
async function printAreaStats(ctx: CliContext, db: AnalyticsConn, period: string, dim: Dim): Promise<number> {
  const s = await areaStats(db, period, { dim });
  if (s.figures.length === 0) ctx.out.info(`${period}: 无统计数据 / no aggregates stored`);
  ctx.out.list(s, s.figures, {
    领域: (f) => AREA_LABELS[f.area as StatArea]?.[0] ?? f.area,
    维度: (f) => f.dim_label,
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
}

const targetsCommand: CliCommand = {
  path: ['targets'],
  usage: 'fivefin targets [--period YYYY-MM] [--json]',
  summary_zh: '2027年目标进度评估（官方数据优先，所需年均增速、情景测算）',
  summary_en: '2027 targets: assessment on the official series where imported, growth needed, scenarios',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const period = a.values.period;
    if (period !== undefined && (typeof period !== 'string' || !isPeriod(period)))
      return usageError(ctx, this.usage, '--period YYYY-MM');
    const stores = await ctx.stores();
    const t = await evaluateTargets(stores.analytics, {
      period:
        period ??
        defaultPeriod(
          await storedReleasePeriods(stores.analytics, ctx.now(), ctx.config.reportingDeadline),
        ) ??
        undefined,
      asOf: ctx.now(),
    });
    const scenario = (e: TargetEvaluation, name: string) =>
      (e.official ?? e.fivefin)?.scenarios.find((s) => s.name === name)?.value_at_deadline ?? '';
    ctx.out.list(t, t.evaluations, {
      目标: (e) => `${t.strive.label_zh}${e.label_zh}（${e.reading.label_zh}）`,
      评估期: (e) => e.latest_period,
      数据: (e) => (e.judged_on === 'official' ? '官方' : '本平台'),
      余额: (e) => e.latest_value,
      同比: (e) => pct(e.latest_yoy),
      近3年平均同比: (e) => pct((e.official ?? e.fivefin)?.avg_yoy ?? null),
      所需年均增速: (e) => pct(e.required_annual_growth),
      按当前同比: (e) => scenario(e, 'current_yoy'),
      按3年平均: (e) => scenario(e, 'avg_yoy'),
      进度评估: (e) => e.status_zh,
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
  usage: 'fivefin report --period YYYY-MM [--as-of "YYYY-MM-DD[ HH:MM]"] --out FILE.xlsx|FILE.json|FILE.csv',
  summary_zh: '导出某期月度统计报告（含月度发布表与目标评估；--as-of 重现某一时点的发布）',
  summary_en:
    'Export the monthly report of a period (release sheet, targets); --as-of reproduces a past publication',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, OPTIONS, true);
    if (typeof a === 'number') return a;
    const { period, out } = a.values;
    const asOf = a.values['as-of'];
    if (typeof period !== 'string' || !isPeriod(period))
      return usageError(ctx, this.usage, '需要 --period YYYY-MM');
    if (typeof out !== 'string' || !/\.(xlsx|json|csv)$/i.test(out))
      return usageError(ctx, this.usage, '需要 --out FILE.xlsx');
    if (asOf !== undefined && (typeof asOf !== 'string' || !isAsOfTime(asOf)))
      return usageError(ctx, this.usage, '--as-of YYYY-MM-DD 或 "YYYY-MM-DD HH:MM"（UTC）');
    const stores = await ctx.stores();
    const r = await buildReport(stores.analytics, period, {
      asOf: typeof asOf === 'string' ? asOfDate(asOf) : undefined,
    });
    if (/\.xlsx$/i.test(out)) await writeFile(out, await reportToXlsx(r));
    else if (/\.json$/i.test(out)) await writeFile(out, JSON.stringify(r, null, 2) + '\n');
    else {
      const base = out.replace(/\.csv$/i, '');
      for (const v of reportViews(r)) await writeFile(`${base}.${v.name}.csv`, viewToCsv(v));
    }
    ctx.out.result({ written: out, period, as_of: r.as_of });
    ctx.out.info(`已写出 / written: ${out}`);
    return 0;
  },
};

const restateCommand: CliCommand = {
  path: ['stats', 'restate'],
  usage:
    'fivefin stats restate --from YYYY-MM --to YYYY-MM --rules VERSION --reason TEXT [--json]   (VERSION e.g. classify-v2;s70=on)',
  summary_zh: '可比口径：按新的规则或名单版本重述一段期间的标签和汇总（旧版本保留可查）',
  summary_en:
    'Restate (可比口径) a range of periods under a rule or list version (the old version kept readable)',
  async run(argv, ctx) {
    const a = parseCommandArgs(
      ctx,
      this.usage,
      argv,
      {
        from: { type: 'string' },
        to: { type: 'string' },
        rules: { type: 'string' },
        reason: { type: 'string' },
        json: { type: 'boolean' },
      },
      false,
    );
    if (typeof a === 'number') return a;
    const { from, to, rules, reason } = a.values;
    if (
      typeof from !== 'string' ||
      typeof to !== 'string' ||
      typeof rules !== 'string' ||
      typeof reason !== 'string'
    )
      return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    try {
      const r = await restatePeriods(
        stores.analytics,
        { from, to, ruleVersion: rules, reason, requestedBy: 'cli' },
        ctx.now,
      );
      ctx.out.result(r);
      ctx.out.info(
        `已重述 restated #${r.restatement_id}: ${r.period_from}..${r.period_to} → ${r.rule_version}, ` +
          `报送 submissions ${r.submissions}, 名单 lists ${r.list_versions}`,
      );
      return 0;
    } catch (e) {
      if (e instanceof RestatementError) return usageError(ctx, this.usage, e.message);
      throw e;
    }
  },
};

const restatementsCommand: CliCommand = {
  path: ['stats', 'restatements'],
  usage: 'fivefin stats restatements [--json]',
  summary_zh: '列出已做的可比口径重述',
  summary_en: 'List the restatements done',
  async run(_argv, ctx) {
    const stores = await ctx.stores();
    const rows = await listRestatements(stores.analytics);
    ctx.out.result(rows);
    ctx.out.table(rows.map((r) => ({ ...r })));
    return 0;
  },
};

const linesCommand: CliCommand = {
  path: ['stats', 'lines'],
  usage: 'fivefin stats lines --period YYYY-MM [--json]',
  summary_zh: 'classify-v2 发布行（科技13行、绿色、普惠、养老、数字）× 含/不含票据融资',
  summary_en:
    'The classify-v2 published lines (13 tech lines, green, inclusive, pension, digital) with/without bills',
  async run(argv, ctx) {
    const a = parseCommandArgs(
      ctx,
      this.usage,
      argv,
      { period: { type: 'string' }, json: { type: 'boolean' } },
      false,
    );
    if (typeof a === 'number') return a;
    const period = a.values.period;
    if (typeof period !== 'string' || !isPeriod(period))
      return usageError(ctx, this.usage, '需要 --period YYYY-MM / --period YYYY-MM is required');
    const stores = await ctx.stores();
    const rows = await computeLineFigures(stores.analytics, period);
    ctx.out.result(rows);
    ctx.out.table(rows.map((r) => ({ ...r })));
    return 0;
  },
};

export const statsCommands: CliCommand[] = [
  statsCommand,
  targetsCommand,
  explainCommand,
  reportCommand,
  restateCommand,
  restatementsCommand,
  linesCommand,
];
