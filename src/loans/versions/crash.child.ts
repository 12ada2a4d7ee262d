// Child process of crash.test.ts: ingests a file into a data directory, printing each stage so the parent
// knows when to kill it. With `recompute <period>` instead of a file, recomputes that period's aggregates and
// stops inside the recompute's transaction (old rows deleted, new ones not yet written) until it is killed.
// With `hold <file> <stage>`, submits the file through the platform's pipeline and freezes at that stage.
import { join } from 'node:path';

import { loadConfig } from '../../config/config.ts';
import { openStores } from '../../platform/open.ts';
import { submitLoanFile } from '../../platform/submit.ts';
import { recomputeAggregates } from '../../stats/aggregates.sql.ts';
import { ingestLoanFile } from '../ingest/ingest.ts';

const [dataDir = '', file = '', arg = '', holdAt = ''] = process.argv.slice(2);
const config = loadConfig({ FIVEFIN_DATA_DIR: dataDir }, { mode: 'demo' });
const stores = await openStores(config);
const report = (stage: string) => process.stdout.write(`stage:${stage}\n`);
if (file === 'recompute') {
  await recomputeAggregates(stores.analytics, arg, new Date(), {
    afterDelete: async () => {
      report('recompute-deleted');
      await new Promise(() => {}); // wait for the kill
    },
  });
} else if (file === 'hold') {
  await submitLoanFile(stores, config, {
    path: arg,
    now: () => new Date(),
    onProgress: (stage) => {
      report(stage);
      // Freeze the whole process (progress callbacks are synchronous) until the kill.
      if (stage === holdAt) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  });
} else {
  await ingestLoanFile(stores, {
    path: file,
    reportRoot: join(dataDir, 'r'),
    hmacKey: config.hmacKey,
    now: () => new Date(),
    onProgress: report,
  });
}
report('finished');
await stores.close();
