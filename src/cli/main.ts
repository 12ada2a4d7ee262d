// The `fivefin` command line's entry: runs one command (src/cli/run.ts) and sets the exit code.
import { main } from './run.ts';

// `fivefin … | head`: a reader that stops early ends the command quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

process.exitCode = await main(process.argv.slice(2));
