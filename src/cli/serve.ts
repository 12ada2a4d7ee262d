// `fivefin serve`: opens the stores, loads the demo book on an empty data directory in demo mode, and serves the
// web app and API until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { formatDemoLogins, seedDemoUsers } from '../auth/seed.ts';
import { listInstitutions } from '../institutions/store.ts';
import { DEMO_DEFAULTS, isEmpty, loadDemo } from '../platform/demo.ts';
import { startServer } from '../server/listen.ts';
import { parseCommandArgs, usageError } from './kernel/args.ts';
import type { CliCommand } from './kernel/command.ts';
import type { Progress } from './kernel/output.ts';

const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export const serveCommand: CliCommand = {
  path: ['serve'],
  usage: 'fivefin serve [--demo] [--demo-loans N]',
  summary_zh: '启动平台（网页与接口）；演示模式下首次启动自动载入演示数据',
  summary_en: 'Serve the platform (web app and API); in demo mode, load demo data on first start',
  async run(argv, ctx) {
    const a = parseCommandArgs(ctx, this.usage, argv, {
      demo: { type: 'boolean' },
      'demo-loans': { type: 'string' },
    });
    if (typeof a === 'number') return a;
    const demoLoans = a.values['demo-loans'];
    if (demoLoans !== undefined && !/^[1-9][0-9]{0,8}$/.test(demoLoans))
      return usageError(
        ctx,
        this.usage,
        `--demo-loans ${demoLoans}: 需要正整数 / a positive whole number is needed`,
      );
    const stores = await ctx.stores();
    if (ctx.config.mode === 'demo') {
      if (await isEmpty(stores)) {
        ctx.out.info('空数据目录：载入演示数据 / empty data directory: loading demo data …');
        const shown: { bar: Progress | null; label: string } = { bar: null, label: '' };
        const logins = await loadDemo(stores, ctx.config, {
          ...DEMO_DEFAULTS,
          loans: demoLoans ? Number(demoLoans) : ctx.config.demoLoans,
          now: ctx.now,
          onProgress: (l, done, total) => {
            if (shown.bar === null || l !== shown.label) {
              shown.bar?.done();
              shown.bar = ctx.out.progress(l, total);
              shown.label = l;
            }
            shown.bar.update(done);
          },
        });
        shown.bar?.done();
        ctx.out.info(`演示数据已载入 / demo data loaded (${logins.length} demo logins)`);
      }
      const insts = (await listInstitutions(stores.state)).map((i) => i.code);
      const logins = await seedDemoUsers(stores.state, insts, undefined, ctx.now());
      ctx.out.info('演示账号 / demo logins:');
      for (const line of formatDemoLogins(logins)) ctx.out.info('  ' + line);
    }
    const webRoot = existsSync(WEB_ROOT) ? WEB_ROOT : undefined;
    const { url } = await startServer(ctx.config, stores, { now: ctx.now, ...(webRoot ? { webRoot } : {}) });
    ctx.out.info(`fivefin 已启动 / serving at ${url}`);
    // Keep running until a signal stops the server.
    await new Promise<never>(() => {});
    return 0;
  },
};
