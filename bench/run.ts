// Runs every benchmark in sequence, each in its own process (npm run bench -- [flags]).
//   --only ingest,stats,api   which ones (default: all; a benchmark whose file does not exist yet is skipped)
//   --stats.loans 100000      a flag for one benchmark only (passed to bench/stats.ts as --loans 100000)
//   --repeat 1                any other flag is passed to every benchmark that runs (each rejects flags it
//                             does not know, so give shared flags only with --only or scope them as above)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = ['ingest', 'stats', 'api'] as const;

interface Plan {
  only: string[];
  shared: string[];
  scoped: Map<string, string[]>;
}

function plan(args: string[]): Plan {
  const p: Plan = { only: [...BENCHES], shared: [], scoped: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    const next = args[i + 1];
    const hasValue = eq >= 0 || (next !== undefined && !next.startsWith('--'));
    const value = eq >= 0 ? a.slice(eq + 1) : hasValue ? (next ?? '') : undefined;
    if (eq < 0 && hasValue) i++;
    const scope = /^--(\w+)\.(.+)$/.exec(name);
    if (name === '--only') p.only = (value ?? '').split(',').filter((b) => b !== '');
    else if (scope) {
      const list = p.scoped.get(scope[1] ?? '') ?? [];
      list.push(`--${scope[2]}`, ...(value === undefined ? [] : [value]));
      p.scoped.set(scope[1] ?? '', list);
    } else p.shared.push(name, ...(value === undefined ? [] : [value]));
  }
  return p;
}

const p = plan(process.argv.slice(2));
const unknown = [...p.only, ...p.scoped.keys()].filter((b) => !(BENCHES as readonly string[]).includes(b));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const name of BENCHES.filter((b) => p.only.includes(b))) {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`\n### ${name}: skipped (bench/${name}.ts does not exist)`);
    continue;
  }
  const flags = [...p.shared, ...(p.scoped.get(name) ?? [])];
  console.log(`\n### ${name}: node --import tsx bench/${name}.ts ${flags.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`### ${name}: failed (exit ${r.status ?? r.signal})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
