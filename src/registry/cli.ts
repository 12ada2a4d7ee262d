// CLI commands of the enterprise registry and the institutions list.
import { parseArgs } from 'node:util';

import { usageError } from '../cli/kernel/args.ts';
import type { CliCommand } from '../cli/kernel/command.ts';
import { VIOLATION_COLUMNS } from '../loans/cli.ts';
import { importInstitutionsCsv } from '../institutions/import.ts';
import { importRegistry } from './import.ts';
import { importListFile, listSchemes } from './lists.ts';

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

const registryImportList: CliCommand = {
  path: ['registry', 'import-list'],
  usage: 'fivefin registry import-list --scheme SCHEME --list-version LABEL [--replace] FILE [--json]',
  summary_zh: '导入一份名单文件（名单类型的一个新版本；--replace 为全量替换）',
  summary_en:
    'Import one list file as a new version of a list scheme (--replace: the file is the whole list)',
  async run(argv, ctx) {
    const { positionals, values } = parseArgs({
      args: argv,
      options: {
        scheme: { type: 'string' },
        'list-version': { type: 'string' },
        replace: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const file = positionals[0];
    if (!file || !values.scheme || !values['list-version']) return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    const res = await importListFile(
      stores.analytics,
      {
        scheme: values.scheme,
        path: file,
        listVersion: values['list-version'],
        replace: values.replace === true,
      },
      ctx.now,
    );
    ctx.out.result(res);
    ctx.out.info(
      `${{ imported: '已导入 IMPORTED', rejected: '已拒收 REJECTED', duplicate: '重复文件 DUPLICATE' }[res.status]}: ` +
        `${res.scheme} ${res.list_version}, 名单企业 entries ${res.rows}, 被替换 superseded ${res.superseded}`,
    );
    if (res.violations.length > 0)
      ctx.out.table(
        res.violations
          .slice(0, 20)
          .map((v) => ({ row: v.row ?? '', column: v.column ?? '', rule: v.rule_id, message: v.message_zh })),
      );
    return res.status === 'rejected' ? 2 : 0;
  },
};

const registryLists: CliCommand = {
  path: ['registry', 'lists'],
  usage: 'fivefin registry lists [--json]',
  summary_zh: '列出名单类型（口径、版本数、当前版本、名单企业数）',
  summary_en: 'List the list schemes (caliber, versions, current version, entries)',
  async run(_argv, ctx) {
    const stores = await ctx.stores();
    const rows = await listSchemes(stores.analytics);
    ctx.out.result(rows);
    ctx.out.table(
      rows.map((r) => ({
        scheme: r.scheme,
        name: r.name_zh,
        caliber: r.caliber,
        versions: r.versions,
        current: r.current_version ?? '',
        entries: r.entries,
      })),
    );
    return 0;
  },
};

export const registryCommands: CliCommand[] = [
  registryImport,
  registryImportList,
  registryLists,
  institutionsImport,
];
