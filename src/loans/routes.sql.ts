// Scoped reads of the upload log (state store) for the HTTP routes: the scope is a SQL parameter, so an
// institution user's query can only ever return that institution's rows.
import type { Scope } from '../auth/scope.ts';
import type { Institution } from '../institutions/schema.sql.ts';
import type { StateStore } from '../store/state/pg.ts';

export interface SubmissionItem {
  id: string;
  institution_code: string;
  report_period: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  version: number | null;
  analytics_submission_id: string | null;
  row_count: number;
  error_count: number;
  warning_count: number;
  file_name: string;
  actor: string | null;
  created_at: string;
  /** Review (accepted only; null before the review workflow): needs_explanation, under_review, approved, returned. */
  review_status: string | null;
  /** The bank's 校验说明 of its warnings. */
  explanation: string | null;
  /** The statistician's reason for returning it. */
  review_reason: string | null;
  reviewed_by: string | null;
}

export interface SubmissionFilter {
  institution?: string;
  period?: string;
  status?: string;
  limit: number;
  offset: number;
}

/** The one institution code a scope is limited to (null: no limit). District scopes never reach here. */
export function scopeInstitution(scope: Scope): string | null {
  return scope.kind === 'institution' ? scope.code : null;
}

const COLUMNS = `id::text AS id, institution_code, report_period, status, version,
  analytics_submission_id::text AS analytics_submission_id, row_count::integer AS row_count,
  error_count::integer AS error_count, warning_count::integer AS warning_count, file_name, actor,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  review_status, explanation, review_reason, reviewed_by`;

const WHERE = `($1::text IS NULL OR institution_code = $1) AND ($2::text IS NULL OR institution_code = $2)
  AND ($3::text IS NULL OR report_period = $3) AND ($4::text IS NULL OR status = $4)`;

/** Upload history, newest first, within the scope. */
export async function listSubmissions(
  state: StateStore,
  scope: Scope,
  f: SubmissionFilter,
): Promise<{ total: number; items: SubmissionItem[] }> {
  const params = [scopeInstitution(scope), f.institution ?? null, f.period ?? null, f.status ?? null];
  const [count] = await state.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM submission_log WHERE ${WHERE}`,
    params,
  );
  const items = await state.query<SubmissionItem>(
    `SELECT ${COLUMNS} FROM submission_log WHERE ${WHERE} ORDER BY submission_log.id DESC LIMIT $5 OFFSET $6`,
    [...params, f.limit, f.offset],
  );
  return { total: count?.n ?? 0, items };
}

/** Changes whenever a row is added to the upload log (append-only): for the routes' response cache. */
export async function submissionLogVersion(state: StateStore): Promise<string> {
  const [row] = await state.query<{ v: string }>(
    `SELECT concat_ws('|', max(id), count(*)) AS v FROM submission_log`,
  );
  return row?.v ?? '';
}

/** One upload within the scope (null when missing or out of scope), with its report folder. */
export async function getSubmission(
  state: StateStore,
  scope: Scope,
  id: string,
): Promise<(SubmissionItem & { report_dir: string | null }) | null> {
  const [row] = await state.query<SubmissionItem & { report_dir: string | null }>(
    `SELECT ${COLUMNS}, report_dir FROM submission_log
     WHERE id = $1::bigint AND ($2::text IS NULL OR institution_code = $2)`,
    [id, scopeInstitution(scope)],
  );
  return row ?? null;
}

/** The log id of the upload that wrote this report folder. */
export async function logIdOfReport(state: StateStore, reportDir: string): Promise<string | null> {
  const [row] = await state.query<{ id: string }>(
    'SELECT id::text AS id FROM submission_log WHERE report_dir = $1 ORDER BY submission_log.id DESC LIMIT 1',
    [reportDir],
  );
  return row?.id ?? null;
}

/** Institutions within the scope. */
export async function scopedInstitutions(state: StateStore, scope: Scope): Promise<Institution[]> {
  return state.query<Institution>(
    `SELECT code, name_zh, name_en, peer_group, district_code FROM institutions
     WHERE ($1::text IS NULL OR code = $1) ORDER BY code`,
    [scopeInstitution(scope)],
  );
}
