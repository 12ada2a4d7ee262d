// The `fivefin` command line: assembles every capability's commands, parses the global flags, runs one.
import { assessCommands } from '../assess/cli.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { demoCommands } from '../demo/cli.ts';
import { createLoansCommands } from '../loans/cli.ts';
import { messagesCommands } from '../messages/cli.ts';
import { officialCommands } from '../official/cli.ts';
import { openStores } from '../platform/open.ts';
import { checkStores, prepareDataDir, StartupError } from '../platform/startup.ts';
import { submitLoanFile } from '../platform/submit.ts';
import type { Stores } from '../store/stores.ts';
import { createPromoteCommands } from '../promote/cli.ts';
import { registryCommands } from '../registry/cli.ts';
import { statsCityFigures } from '../stats/city-figures.ts';
import { statsCommands } from '../stats/cli.ts';
import type { CliCommand } from './kernel/command.ts';
import { createOutput, type OutputSink } from './kernel/output.ts';
import { serveCommand } from './serve.ts';

const COMMANDS: CliCommand[] = [
  serveCommand,
  ...demoCommands,
  ...createLoansCommands(submitLoanFile),
  ...messagesCommands,
  ...registryCommands,
  ...officialCommands,
  ...statsCommands,
  ...createPromoteCommands({ cityFiguresFor: (stores) => statsCityFigures(stores.analytics) }),
  ...assessCommands,
];

type Out = ReturnType<typeof createOutput>;

function help(out: Out, commands: CliCommand[] = COMMANDS): void {
  out.info('fivefin — 金融“五篇大文章”平台 / five areas of finance platform\n');
  out.info(
    '用法 / usage: fivefin [--demo] COMMAND … (fivefin COMMAND --help: 命令说明 / help on a command)\n',
  );
  out.table(commands.map((c) => ({ command: c.usage, 说明: c.summary_zh, description: c.summary_en })));
  out.info('\n--demo: 演示模式（自动生成密钥，载入演示数据）/ demo mode (generated keys, demo data)');
  out.info('退出码 exit codes: 0 成功 ok, 1 失败 failure, 2 用法错误或拒收 usage error or rejected input');
}

/** One command's help: its usage and what it does (needs no configuration and no data directory). */
function commandHelp(out: Out, cmd: CliCommand): void {
  out.info(`用法 / usage: ${cmd.usage}\n`);
  out.info(`${cmd.summary_zh}\n${cmd.summary_en}\n`);
  out.info(
    '--demo: 演示模式 / demo mode; --json: 机器可读输出 / machine-readable output (where the usage lists it)',
  );
}

/**
 * The one-line refusal when another process (usually a running `fivefin serve`) holds the DuckDB file's lock;
 * null for any other error. DuckDB says: `Could not set lock on file "…": Conflicting lock is held in … (PID n)`.
 */
function dataDirInUse(e: unknown, dataDir: string): StartupError | null {
  const message = e instanceof Error ? e.message : '';
  if (!message.includes('Could not set lock on file')) return null;
  const pid = /PID (\d+)/.exec(message)?.[1];
  const who = pid ? `（PID ${pid}）` : '';
  return new StartupError(
    'data_dir_in_use',
    `数据目录 ${dataDir} 正被另一个 fivefin 进程${who}占用，请先停止该进程，或通过运行中服务的网页/API 操作 / ` +
      `the data directory is in use by another fivefin process${pid ? ` (PID ${pid})` : ''}: stop it, or work through the running server's web app or API`,
  );
}

const HELP_FLAGS = new Set(['--help', '-h']);

/**
 * Runs one command line (without the node and script words); returns the exit code. `sink` (tests) receives
 * everything printed instead of the process's streams.
 */
export async function main(argv: string[], sink?: OutputSink): Promise<number> {
  const json = argv.includes('--json');
  const demo = argv.includes('--demo');
  const args = argv.filter((a) => a !== '--demo');
  const out = createOutput({ json, ...(sink ? { sink, tty: false } : {}) });
  if (args.length === 0 || HELP_FLAGS.has(args[0] ?? '') || (args[0] === 'help' && args.length === 1)) {
    help(out);
    return args.length === 0 ? 2 : 0;
  }
  const words = args[0] === 'help' ? args.slice(1) : args;
  const cmd = COMMANDS.filter((c) => c.path.every((w, i) => words[i] === w)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  const wantsHelp = args[0] === 'help' || args.some((a) => HELP_FLAGS.has(a));
  if (!cmd) {
    // A command group (`fivefin registry`, `fivefin registry --help`): its sub-commands.
    const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === words[0]);
    if (group.length > 0) {
      if (!wantsHelp) out.error(`${words.join(' ')}: 需要子命令 / a sub-command is needed`);
      help(out, group);
      return wantsHelp ? 0 : 2;
    }
    out.error(`未知命令 / unknown command: ${args.join(' ')}`);
    help(out);
    return 2;
  }
  if (wantsHelp) {
    commandHelp(out, cmd);
    return 0;
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
        const opened = await openStores(config).catch((e: unknown) => {
          throw dataDirInUse(e, config.dataDir) ?? e;
        });
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
      out.error(
        e.code === 'data_dir_in_use' ? e.message : `启动被拒绝 / refusing to start (${e.code}): ${e.message}`,
      );
      return 2;
    }
    throw e;
  } finally {
    if (stores !== null && cmd !== serveCommand) await (stores as Stores).close();
  }
}
