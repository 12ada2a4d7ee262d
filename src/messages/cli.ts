// CLI command of the message sets: `fivefin export pboc-messages` writes the ten PBoC five-area messages and
// their .log files from the stored submission in force (the upload is `fivefin ingest DIR|FILE.zip`).
// Exit codes: 0 written, 2 usage or nothing stored, 1 failure.
import { parseCommandArgs, usageError } from '../cli/kernel/args.ts';
import type { CliCommand } from '../cli/kernel/command.ts';
import { writeMessageSet } from './export.ts';

const exportCommand: CliCommand = {
  path: ['export', 'pboc-messages'],
  usage: 'fivefin export pboc-messages --institution CODE --period YYYY-MM --out DIR [--json]',
  summary_zh: '由已接收的报送生成人民银行五篇大文章报文（10个 .dat 及 .log 校验文件）',
  summary_en: 'Write the ten PBoC five-area messages (.dat with .log check files) from a stored submission',
  async run(argv, ctx) {
    const parsed = parseCommandArgs(ctx, this.usage, argv, {
      institution: { type: 'string' },
      period: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (typeof parsed === 'number') return parsed;
    const { institution, period, out } = parsed.values;
    if (!institution || !period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(period) || !out)
      return usageError(ctx, this.usage);
    const stores = await ctx.stores();
    const [held] = await stores.analytics.all<{ n: string }>(
      'SELECT count(*) AS n FROM loans_current WHERE institution_code = ? AND report_period = ?',
      [institution, period],
    );
    if (Number(held?.n ?? 0) === 0)
      return usageError(ctx, this.usage, `无已接收的报送 / nothing stored for ${institution} ${period}`);
    const conn = await stores.analytics.connect();
    try {
      const files = await writeMessageSet(conn, { kind: 'stored' }, institution, period, out, ctx.now());
      ctx.out.result({ institution, period, out, files });
      ctx.out.info(`已生成 ${files.length} 个报文 / wrote ${files.length} messages to ${out}`);
      return 0;
    } finally {
      conn.close();
    }
  },
};

export const messagesCommands: CliCommand[] = [exportCommand];
