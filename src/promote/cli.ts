// CLI commands of the joint promotion mechanism: list the measures, print the matrix, write the city's
// progress report (XLSX or HTML) and send due-soon/overdue reminders.
import { writeFile } from 'node:fs/promises';

import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand, CliContext } from '../cli/kernel/command.ts';
import type { Stores } from '../store/stores.ts';
import type { CityFiguresSource } from './domain/city-figures.ts';
import { isQuarter } from './domain/model.ts';
import { quarterOf } from './domain/schedule.ts';
import { mailNotices, refreshNotices } from './notices.ts';
import { loadPlan } from './plan.load.ts';
import { getMatrix, getProgressReport } from './queries.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import { seedPlanAndUnits } from './service.ts';

const JSON_FLAG = { json: { type: 'boolean' } } as const;

/** A whole number given as a flag's value, the default when absent, or null when not a number. */
function intFlag(v: string | undefined, dflt: number): number | null {
  if (v === undefined) return dflt;
  return /^\d+$/.test(v) ? Number(v) : null;
}

async function openSeeded(ctx: CliContext) {
  const stores = await ctx.stores();
  await seedPlanAndUnits({ db: stores.state, now: ctx.now, audit: async () => {} });
  return stores;
}

const measures: CliCommand = {
  path: ['promote', 'measures'],
  usage: 'fivefin promote measures',
  summary_zh: '列出实施方案17项措施及责任单位',
  summary_en: "List the plan's 17 measures and their responsible units",
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, JSON_FLAG);
    if (typeof a === 'number') return a;
    const { measures: list } = loadPlan();
    ctx.out.list(list, list, {
      序号: (m) => m.label,
      措施: (m) => m.title,
      牵头单位: (m) => m.lead_units.join('、'),
      责任单位: (m) => m.units.join('、'),
    });
    return 0;
  },
};

const matrix: CliCommand = {
  path: ['promote', 'matrix'],
  usage: 'fivefin promote matrix [--year YYYY]',
  summary_zh: '按措施×季度显示重点任务推进状态',
  summary_en: 'Show work-item status by measure and quarter',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, { year: { type: 'string' }, ...JSON_FLAG });
    if (typeof a === 'number') return a;
    const year = intFlag(a.values.year, quarterOf(ctx.now()).year);
    if (year === null) return usageError(ctx, this.usage, `--year ${a.values.year}`);
    const stores = await openSeeded(ctx);
    const m = await getMatrix({ db: stores.state, now: ctx.now }, year);
    const cell = (q: number) => (r: (typeof m.rows)[number]) => {
      const c = r.cells.find((x) => x.quarter === q);
      return c?.items.length ? `${c.status} (${c.items.length})` : '-';
    };
    ctx.out.list(m, m.rows, {
      措施: (r) => `${r.label}${r.title}`,
      Q1: cell(1),
      Q2: cell(2),
      Q3: cell(3),
      Q4: cell(4),
    });
    return 0;
  },
};

/** `promote report`, its figures from `cityFiguresFor` (the assembly passes the statistics module's). */
const reportCommand = (cityFiguresFor?: (stores: Stores) => CityFiguresSource): CliCommand => ({
  path: ['promote', 'report'],
  usage: 'fivefin promote report --year YYYY [--quarter 1-4] --out FILE.xlsx|FILE.html',
  summary_zh: '生成全市季度/年度推进情况报告（XLSX或HTML）',
  summary_en: "Write the city's quarterly or yearly progress report (XLSX or HTML)",
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, {
      year: { type: 'string' },
      quarter: { type: 'string' },
      out: { type: 'string' },
      ...JSON_FLAG,
    });
    if (typeof a === 'number') return a;
    const f = a.values;
    const year = intFlag(f.year, 0);
    const quarter = f.quarter === undefined ? null : intFlag(f.quarter, 0);
    if (!year || !f.out || (quarter !== null && !isQuarter(quarter)) || !/\.(xlsx|html?)$/i.test(f.out))
      return usageError(ctx, this.usage);
    const stores = await openSeeded(ctx);
    const data = await getProgressReport(
      { db: stores.state, now: ctx.now, cityFigures: cityFiguresFor?.(stores) },
      year,
      quarter !== null && isQuarter(quarter) ? quarter : null,
    );
    await writeFile(f.out, /\.xlsx$/i.test(f.out) ? await renderReportXlsx(data) : renderReportHtml(data));
    ctx.out.info(`${data.title} → ${f.out}（${data.details.length} 项任务）`);
    ctx.out.result({ file: f.out, items: data.details.length, totals: data.totals });
    return 0;
  },
});

const notify: CliCommand = {
  path: ['promote', 'notify'],
  usage: 'fivefin promote notify [--due-soon-days N]',
  summary_zh: '生成临近到期/逾期提醒，并在配置SMTP时发送邮件',
  summary_en: 'Create due-soon/overdue notices and e-mail them when SMTP is configured',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, { 'due-soon-days': { type: 'string' }, ...JSON_FLAG });
    if (typeof a === 'number') return a;
    const days = intFlag(a.values['due-soon-days'], 15);
    if (days === null) return usageError(ctx, this.usage, `--due-soon-days ${a.values['due-soon-days']}`);
    const stores = await openSeeded(ctx);
    const created = await refreshNotices({ db: stores.state, now: ctx.now, dueSoonDays: days });
    const mailed = await mailNotices({ db: stores.state, now: ctx.now, smtpUrl: ctx.config.smtpUrl });
    ctx.out.info(
      `新提醒 ${created.length} 条，已发送邮件 ${mailed} 封 / ${created.length} new notices, ${mailed} mailed`,
    );
    ctx.out.result({ created: created.length, mailed });
    return 0;
  },
};

/** The promote commands; the city report leads with the figures `cityFiguresFor` supplies (none: without). */
export function createPromoteCommands(
  opts: { cityFiguresFor?: (stores: Stores) => CityFiguresSource } = {},
): CliCommand[] {
  return [measures, matrix, reportCommand(opts.cityFiguresFor), notify];
}
