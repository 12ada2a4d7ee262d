// The `fivefin` command line's entry: runs one command (src/cli/run.ts) and sets the exit code.
import { main } from './run.ts';

process.exitCode = await main(process.argv.slice(2));
