// Child process of crash.test.ts: ingests a file into a data directory, printing each stage so the parent
// knows when to kill it.
import { join } from 'node:path';

import { loadConfig } from '../../config/config.ts';
import { openStores } from '../../platform/open.ts';
import { ingestLoanFile } from '../ingest/ingest.ts';

const [dataDir = '', file = ''] = process.argv.slice(2);
const config = loadConfig({ FIVEFIN_DATA_DIR: dataDir }, { mode: 'demo' });
const stores = await openStores(config);
await ingestLoanFile(stores, {
  path: file,
  reportRoot: join(dataDir, 'r'),
  hmacKey: config.hmacKey,
  now: () => new Date(),
  onProgress: (stage) => process.stdout.write(`stage:${stage}\n`),
});
process.stdout.write('stage:finished\n');
await stores.close();
