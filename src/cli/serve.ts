// `fivefin serve`: opens the stores, loads the demo book on an empty data directory in demo mode, and serves the
// web app and API until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { formatDemoLogins, seedDemoUsers } from '../auth/seed.ts';
import { listInstitutions } from '../institutions/store.ts';
import { DEMO_DEFAULTS, isEmpty, loadDemo } from '../platform/demo.ts';
import { startServer } from '../server/listen.ts';
import type { CliCommand } from './kernel/command.ts';

const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export const serveCommand: CliCommand = {
  path: ['serve'],
  usage: 'fivefin serve [--demo] [--demo-loans N]',
  summary_zh: '启动平台（网页与接口）；演示模式下首次启动自动载入演示数据',
  summary_en: 'Serve the platform (web app and API); in demo mode, load demo data on first start',
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: { demo: { type: 'boolean' }, 'demo-loans': { type: 'string' } },
    });
    const stores = await ctx.stores();
    if (ctx.config.mode === 'demo') {
      if (await isEmpty(stores)) {
        ctx.out.info('空数据目录：载入演示数据 / empty data directory: loading demo data …');
        let bar = ctx.out.progress('演示数据 demo', 1);
        let label = '';
        const logins = await loadDemo(stores, ctx.config, {
          ...DEMO_DEFAULTS,
          loans: values['demo-loans'] ? Number(values['demo-loans']) : ctx.config.demoLoans,
          now: ctx.now,
          onProgress: (l, done, total) => {
            if (l !== label) {
              bar.done();
              bar = ctx.out.progress(l, total);
              label = l;
            }
            bar.update(done);
          },
        });
        bar.done();
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
