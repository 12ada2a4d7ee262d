// Builds the OpenAPI document of the whole API (platform routes and every capability plugin in routes.ts)
// without opening a store: the routes are declared, never called, so the stores given here refuse any use.
import { inertConfig } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer } from './app.ts';
import { CAPABILITY_ROUTES } from './routes.ts';
import type { RoutesPlugin } from '../http/route-context.ts';

const DOC_CONFIG = inertConfig({
  hmacKey: Buffer.alloc(32),
  sessionSecret: Buffer.from('openapi-document-generation-only-not-a-secret', 'utf8'),
});

function refuse(): never {
  throw new Error('stores are not available while generating the OpenAPI document');
}

/** Any property chain is allowed (plugins may keep `deps.stores.state` at registration); any call throws. */
function inert(): unknown {
  const self: unknown = new Proxy(() => undefined, {
    get: (_t, prop) => (prop === 'then' ? undefined : self),
    apply: () => refuse(),
  });
  return self;
}

const NO_STORES = inert() as Stores;

export async function openApiDocument(routes: RoutesPlugin[] = CAPABILITY_ROUTES): Promise<unknown> {
  const app = await buildServer({
    config: DOC_CONFIG,
    stores: NO_STORES,
    now: () => new Date(0),
    routes,
    audit: async () => refuse(),
  });
  try {
    return app.swagger();
  } finally {
    await app.close();
  }
}
