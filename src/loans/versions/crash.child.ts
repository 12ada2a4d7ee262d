// Child process of crash.test.ts: ingests a file into a data directory, printing each stage so the parent
// knows when to kill it. With `recompute <period>` instead of a file, recomputes that period's aggregates and
// stops inside the recompute's transaction (old rows deleted, new ones not yet written) until it is killed.
import { join } from 'node:path';

import { loadConfig } from '../../config/config.ts';
import { openStores } from '../../platform/open.ts';
import { recomputeAggregates } from '../../stats/aggregates.sql.ts';
import { ingestLoanFile } from '../ingest/ingest.ts';

const [dataDir = '', file = '', period = ''] = process.argv.slice(2);
const config = loadConfig({ FIVEFIN_DATA_DIR: dataDir }, { mode: 'demo' });
const stores = await openStores(config);
if (file === 'recompute') {
  await recomputeAggregates(stores.analytics, period, new Date(), {
    afterDelete: async () => {
      process.stdout.write('stage:recompute-deleted\n');
      await new Promise(() => {}); // wait for the kill
    },
  });
} else {
  await ingestLoanFile(stores, {
    path: file,
    reportRoot: join(dataDir, 'r'),
    hmacKey: config.hmacKey,
    now: () => new Date(),
    onProgress: (stage) => process.stdout.write(`stage:${stage}\n`),
  });
}
process.stdout.write('stage:finished\n');
await stores.close();
