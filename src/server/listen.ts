// Starts the HTTP server on the configured host and port, and shuts it down gracefully on SIGINT/SIGTERM
// (stop accepting, finish in-flight requests, close the stores). In production with no account yet, creates
// the first admin with a one-time password (printed once; must be changed at first login).
import type { FastifyInstance } from 'fastify';

import { bootstrapAdmin } from '../auth/seed.ts';
import type { Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer, type ServerDeps } from './app.ts';
import { CAPABILITY_ROUTES } from './routes.ts';

export interface StartOptions extends Partial<Omit<ServerDeps, 'config' | 'stores'>> {
  /** Install SIGINT/SIGTERM handlers (default true). */
  handleSignals?: boolean;
}

export async function startServer(
  config: Config,
  stores: Stores,
  options: StartOptions = {},
): Promise<{ app: FastifyInstance; url: string; stop(): Promise<void> }> {
  const now = options.now ?? (() => new Date());
  const app = await buildServer({
    ...options,
    config,
    stores,
    now,
    routes: options.routes ?? CAPABILITY_ROUTES,
    logger: options.logger ?? true,
  });
  const first = await bootstrapAdmin(stores.state, now());
  if (first) {
    app.log.warn(
      `first admin created: ${first.username} / ${first.password} — change this password at first login`,
    );
  }
  const url = await app.listen({ port: config.port, host: config.host });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      app.log.info('shutting down');
      await app.close();
      await stores.close();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'signal received');
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url, stop };
}
