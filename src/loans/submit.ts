// What submitting a loan file means to the loans capability's routes and CLI: ingest, then whatever the
// platform does with an accepted file (classification, aggregates). The platform assembly supplies the
// implementation (src/platform/submit.ts), so loans need not import the capabilities that follow it.
import type { Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import type { IngestOptions, IngestResult } from './ingest/ingest.ts';

export type SubmitOptions = Omit<IngestOptions, 'reportRoot' | 'hmacKey' | 'inTransaction'> & {
  /** Recompute the period's aggregates after acceptance (default true; bulk loaders do it once at the end). */
  aggregate?: boolean;
};

/** Ingests one file and, when accepted, classifies and aggregates it. Errors: as `ingestLoanFile`. */
export type SubmitLoanFile = (
  stores: Stores,
  config: Pick<Config, 'dataDir' | 'hmacKey'> & Partial<Pick<Config, 'v1AcceptedUntil' | 'recomputeDelayMs'>>,
  opts: SubmitOptions,
) => Promise<IngestResult>;
