// The `fivefin` command line: assembles every capability's commands, parses the global flags, runs one.
import { assessCommands } from '../assess/cli.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { demoCommands } from '../demo/cli.ts';
import { createLoansCommands } from '../loans/cli.ts';
import { officialCommands } from '../official/cli.ts';
import { openStores } from '../platform/open.ts';
import { checkStores, prepareDataDir, StartupError } from '../platform/startup.ts';
import { submitLoanFile } from '../platform/submit.ts';
import type { Stores } from '../store/stores.ts';
import { promoteCommands } from '../promote/cli.ts';
import { registryCommands } from '../registry/cli.ts';
import { statsCommands } from '../stats/cli.ts';
import type { CliCommand } from './kernel/command.ts';
import { createOutput } from './kernel/output.ts';
import { serveCommand } from './serve.ts';

const COMMANDS: CliCommand[] = [
  serveCommand,
  ...demoCommands,
  ...createLoansCommands(submitLoanFile),
  ...registryCommands,
  ...officialCommands,
  ...statsCommands,
  ...promoteCommands,
  ...assessCommands,
];

function help(out: ReturnType<typeof createOutput>): void {
  out.info('fivefin — 金融“五篇大文章”平台 / five areas of finance platform\n');
  out.info('用法 / usage: fivefin [--demo] COMMAND …\n');
  out.table(COMMANDS.map((c) => ({ command: c.usage, 说明: c.summary_zh, description: c.summary_en })));
  out.info('\n--demo: 演示模式（自动生成密钥，载入演示数据）/ demo mode (generated keys, demo data)');
  out.info('退出码 exit codes: 0 成功 ok, 1 失败 failure, 2 用法错误或拒收 usage error or rejected input');
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const demo = argv.includes('--demo');
  const args = argv.filter((a) => a !== '--demo');
  const out = createOutput({ json });
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    help(out);
    return args.length === 0 ? 2 : 0;
  }
  const cmd = COMMANDS.filter((c) => c.path.every((w, i) => args[i] === w)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  if (!cmd) {
    out.error(`未知命令 / unknown command: ${args.join(' ')}`);
    help(out);
    return 2;
  }
  let config;
  try {
    config = loadConfig(undefined, demo || cmd.path[0] === 'demo' ? { mode: 'demo' } : {});
  } catch (e) {
    if (e instanceof ConfigError) {
      out.error(`配置错误 / configuration error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  let stores: Stores | null = null;
  const ctx = {
    config,
    out,
    now: () => new Date(),
    async stores() {
      if (stores === null) {
        await prepareDataDir(config);
        const opened = await openStores(config);
        try {
          await checkStores(opened, config);
        } catch (e) {
          await opened.close();
          throw e;
        }
        stores = opened;
      }
      return stores;
    },
  };
  try {
    return await cmd.run(args.slice(cmd.path.length), ctx);
  } catch (e) {
    if (e instanceof StartupError) {
      out.error(`启动被拒绝 / refusing to start (${e.code}): ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    if (stores !== null && cmd !== serveCommand) await (stores as Stores).close();
  }
}

process.exitCode = await main(process.argv.slice(2));
