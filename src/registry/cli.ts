// CLI commands of the enterprise registry and the institutions list.
import { parseArgs } from 'node:util';

import { usageError } from '../cli/kernel/args.ts';
import type { CliCommand } from '../cli/kernel/command.ts';
import { VIOLATION_COLUMNS } from '../loans/cli.ts';
import { importInstitutionsCsv } from '../institutions/import.ts';
import { importRegistry } from './import.ts';

const registryImport: CliCommand = {
  path: ['registry', 'import'],
  usage: 'fivefin registry import FILE [--json]',
  summary_zh: '导入企业名录（科技资质及有效期、规模指标）',
  summary_en: 'Import the enterprise registry (tech qualifications with validity, size indicators)',
  async run(argv, ctx) {
    const { positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    const file = positionals[0];
    if (!file) return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    const res = await importRegistry(stores.analytics, file, ctx.now);
    ctx.out.result(res);
    ctx.out.info(
      `${{ imported: '已导入 IMPORTED', rejected: '已拒收 REJECTED', duplicate: '重复文件 DUPLICATE' }[res.status]}: ` +
        `企业 enterprises ${res.enterprises}, 资质 qualifications ${res.qualifications}`,
    );
    if (res.violations.length > 0) ctx.out.rows(res.violations.slice(0, 20), VIOLATION_COLUMNS);
    return res.status === 'rejected' ? 2 : 0;
  },
};

const institutionsImport: CliCommand = {
  path: ['institutions', 'import'],
  usage: 'fivefin institutions import FILE.csv',
  summary_zh: '导入报送机构名单（code,name_zh,name_en,peer_group,district_code）',
  summary_en: 'Import the reporting institutions (code,name_zh,name_en,peer_group,district_code)',
  async run(argv, ctx) {
    const file = argv[0];
    if (!file) return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    const n = await importInstitutionsCsv(stores, file);
    ctx.out.result({ imported: n });
    ctx.out.info(`已导入 ${n} 家机构 / imported ${n} institutions`);
    return 0;
  },
};

export const registryCommands: CliCommand[] = [registryImport, institutionsImport];
