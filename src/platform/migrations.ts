// The one list of every capability's migrations, for both stores. Each capability owns its own SQL;
// this file only assembles them in order.
import { loansAnalyticsMigrations } from '../loans/schema.sql.ts';
import { registryAnalyticsMigrations } from '../registry/schema.sql.ts';
import { referenceStateMigration } from '../reference/load.state.ts';
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';
import type { StateMigration } from '../store/state/pg.ts';

export const ANALYTICS_MIGRATIONS: AnalyticsMigration[] = [
  ...loansAnalyticsMigrations,
  ...registryAnalyticsMigrations,
];

export const STATE_MIGRATIONS: StateMigration[] = [referenceStateMigration];
