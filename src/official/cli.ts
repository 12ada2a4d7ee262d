// CLI commands of the official series: `fivefin official import FILE` (a new version, audited as actor cli),
// `fivefin official imports` (the versions) and `fivefin official reconcile --period P` (the completeness control
// of every bank's file and the city reconciliation). Exit codes: 0 ok, 2 usage error or rejected file.
import { appendAudit } from '../audit/store.ts';
import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand } from '../cli/kernel/command.ts';
import { VIOLATION_COLUMNS } from '../loans/cli.ts';
import { isPeriod } from '../shared/period.ts';
import { importOfficialSeries, listOfficialImports } from './import.ts';
import { officialView } from './service.ts';

const STATUS = { imported: '已导入 IMPORTED', rejected: '已拒收 REJECTED', duplicate: '重复文件 DUPLICATE' };
const CONTROL = { within: '容差内', outside: '超出容差', no_file: '未报送文件', no_official: '无官方报表' };

const importCommand: CliCommand = {
  path: ['official', 'import'],
  usage: 'fivefin official import FILE [--json]',
  summary_zh: '导入官方统计数据（期间、范围、指标、数值、来源；每次导入为一个新版本）',
  summary_en: 'Import an official series file (period, scope, series, value, source) as a new version',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, { json: { type: 'boolean' } }, true);
    if (typeof a === 'number') return a;
    const file = a.positionals[0];
    if (!file || a.positionals.length > 1) return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    const res = await importOfficialSeries(stores.analytics, file, { actor: 'cli', now: ctx.now });
    await appendAudit(
      stores.state,
      {
        actor: 'cli',
        action: 'official.import',
        object_type: 'official_import',
        object_id: res.import_id,
        detail: { status: res.status, file, rows: res.rows, violations: res.violations.length },
      },
      ctx.now(),
    );
    ctx.out.result(res);
    ctx.out.info(`${STATUS[res.status]}: 行 rows ${res.rows}, 期间 periods ${res.periods.join(', ')}`);
    if (res.violations.length > 0) ctx.out.rows(res.violations.slice(0, 20), VIOLATION_COLUMNS);
    return res.status === 'rejected' ? 2 : 0;
  },
};

const importsCommand: CliCommand = {
  path: ['official', 'imports'],
  usage: 'fivefin official imports [--json]',
  summary_zh: '列出官方统计数据的导入版本',
  summary_en: 'List the official series imports (versions)',
  async run(_argv, ctx) {
    const stores = await ctx.stores();
    const rows = await listOfficialImports(stores.analytics);
    ctx.out.list(rows, rows, {
      版本: (r) => r.import_id,
      文件: (r) => r.file_name,
      行数: (r) => r.row_count,
      导入人: (r) => r.imported_by,
      导入时间: (r) => r.imported_at,
      期间: (r) => r.periods.join(','),
    });
    return 0;
  },
};

const reconcileCommand: CliCommand = {
  path: ['official', 'reconcile'],
  usage: 'fivefin official reconcile --period YYYY-MM [--json]',
  summary_zh: '官方数据核对：各机构文件完整性（各项贷款，容差）与全市分领域差异分解',
  summary_en:
    "Official series checks: each bank file's completeness (各项贷款, tolerance) and the city reconciliation",
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, {
      period: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (typeof a === 'number') return a;
    const period = a.values.period;
    if (typeof period !== 'string' || !isPeriod(period))
      return usageError(ctx, this.usage, '需要 --period YYYY-MM / --period YYYY-MM is required');
    const stores = await ctx.stores();
    const v = await officialView(stores, period, ctx.now());
    ctx.out.result(v);
    ctx.out.info(
      `容差 tolerance (${v.config_version}): max(${v.tolerance.absolute} 元, ${v.tolerance.relative} × 官方值)`,
    );
    ctx.out.rows(v.completeness, {
      机构: (r) => r.institution_code,
      官方各项贷款: (r) => r.official,
      文件余额: (r) => r.file_total,
      委托贷款: (r) => r.entrusted,
      差额: (r) => r.difference,
      容差: (r) => r.tolerance,
      结果: (r) => CONTROL[r.status],
      审核中: (r) => (r.under_review ? '是' : ''),
    });
    ctx.out.rows(v.reconciliation, {
      指标: (l) => l.series,
      官方: (l) => l.official,
      本平台: (l) => l.fivefin,
      差额: (l) => l.difference,
      未报送机构: (l) => l.missing_banks,
      审核中: (l) => l.under_review,
      口径剔除: (l) => l.exclusions,
      临时口径: (l) => l.provisional,
      未解释: (l) => l.unexplained,
    });
    return 0;
  },
};

export const officialCommands: CliCommand[] = [importCommand, importsCommand, reconcileCommand];
