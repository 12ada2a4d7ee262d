// Generates docs/openapi.json from the server's route schemas (no store is opened: routes are only declared).
// Usage: node --import tsx scripts/openapi.ts [--check]   (--check exits 1 when the file is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { openApiDocument } from '../src/server/openapi.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

/** The OpenAPI document as the exact text kept in docs/openapi.json. */
export async function generateOpenApi(): Promise<string> {
  return `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await generateOpenApi();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OPENAPI_PATH, 'utf8');
    if (current !== text) {
      console.error('docs/openapi.json is stale: run node --import tsx scripts/openapi.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(OPENAPI_PATH, text);
    console.log(`wrote ${OPENAPI_PATH}`);
  }
}
