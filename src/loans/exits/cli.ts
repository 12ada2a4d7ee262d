// CLI command of the loan-exits file: `fivefin ingest-exits FILE [--institution CODE] [--json]`. Exit codes: 0
// accepted, 2 rejected or usage error. An accepted file's period has its figures recomputed before returning.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';

import { parseCommandArgs, usageError } from '../../cli/kernel/args.ts';
import type { CliCommand } from '../../cli/kernel/command.ts';
import { recomputeAggregates } from '../../stats/aggregates.sql.ts';
import { ingestExitsFile } from './ingest.ts';

export const exitsCommand: CliCommand = {
  path: ['ingest-exits'],
  usage: 'fivefin ingest-exits FILE [--institution CODE] [--json]',
  summary_zh: '报送贷款退出文件（核销、转让、资产证券化出表、以物抵债等；用于可比口径增速）',
  summary_en:
    'Submit a loan-exits file (write-offs, transfers, securitisation, foreclosure; for comparable growth)',
  async run(argv, ctx) {
    const a = parseCommandArgs(
      ctx,
      this.usage,
      argv,
      { institution: { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    if (typeof a === 'number') return a;
    const [file] = a.positionals;
    if (!file || a.positionals.length > 1) return usageError(ctx, this.usage);
    if (!existsSync(file)) return usageError(ctx, this.usage, `文件不存在 / no such file: ${file}`);
    const stores = await ctx.stores();
    const institution = typeof a.values.institution === 'string' ? a.values.institution : undefined;
    const res = await ingestExitsFile(stores.analytics, {
      path: file,
      fileName: basename(file),
      institution,
      now: ctx.now,
    });
    if (res.status === 'accepted' && res.report_period !== null)
      await recomputeAggregates(stores.analytics, res.report_period, ctx.now());
    ctx.out.list(res, res.violations, {
      规则: (v) => v.rule_id,
      行: (v) => v.row,
      列: (v) => v.column,
      值: (v) => v.value,
      说明: (v) => v.message_zh,
    });
    ctx.out.info(
      `${res.status === 'accepted' ? '已接收 accepted' : '已拒收 rejected'}: ${res.institution_code ?? '?'} ` +
        `${res.report_period ?? '?'}, ${res.rows} 行 rows${res.version ? `, 第 ${res.version} 版 version` : ''}`,
    );
    return res.status === 'accepted' ? 0 : 2;
  },
};
