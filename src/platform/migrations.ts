// The one list of every capability's migrations, for both stores. Each capability owns its own SQL;
// this file only assembles them in order.
import { assessStateMigrations } from '../assess/schema.sql.ts';
import { auditStateMigration } from '../audit/schema.sql.ts';
import { authStateMigration } from '../auth/schema.sql.ts';
import { classifyAnalyticsMigrations } from '../classify/schema.sql.ts';
import {
  institutionsAnalyticsMigration,
  institutionsLegalEntityAnalyticsMigration,
  institutionsLegalEntityStateMigration,
  institutionsStateMigration,
} from '../institutions/schema.sql.ts';
import { loansAnalyticsMigrations } from '../loans/schema.sql.ts';
import { loansReviewStateMigration } from '../loans/review.ts';
import { loansStateMigration } from '../loans/state.sql.ts';
import { officialAnalyticsMigrations } from '../official/schema.sql.ts';
import { messagesAnalyticsMigration } from '../messages/schema.sql.ts';
import { registryAnalyticsMigrations } from '../registry/schema.sql.ts';
import { promoteStateMigrations } from '../promote/schema.sql.ts';
import { referenceStateMigration } from '../reference/load.state.ts';
import { statsAnalyticsMigrations } from '../stats/schema.sql.ts';
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';
import type { StateMigration } from '../store/state/pg.ts';

export const ANALYTICS_MIGRATIONS: AnalyticsMigration[] = [
  ...loansAnalyticsMigrations,
  institutionsAnalyticsMigration,
  institutionsLegalEntityAnalyticsMigration,
  ...registryAnalyticsMigrations,
  ...classifyAnalyticsMigrations,
  ...statsAnalyticsMigrations,
  ...officialAnalyticsMigrations,
  messagesAnalyticsMigration,
];

export const STATE_MIGRATIONS: StateMigration[] = [
  referenceStateMigration,
  institutionsStateMigration,
  institutionsLegalEntityStateMigration,
  loansStateMigration,
  loansReviewStateMigration,
  auditStateMigration,
  authStateMigration,
  ...promoteStateMigrations,
  ...assessStateMigrations,
];
