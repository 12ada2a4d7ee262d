// Submission review as the PBoC runs it: an accepted submission with warnings needs the bank's written
// explanation (校验说明) before it goes to review; a statistician (regulator role) then approves it or returns it
// with a reason (the bank explains again and resubmits to review). Errors never reach here: they reject.
// States of submission_log.review_status (NULL = accepted before the review workflow existed):
//   needs_explanation → (explain) → under_review → (approve) → approved
//                                              ↘ (return, reason) → returned → (explain) → under_review
import type { StateStore } from '../store/state/pg.ts';

export const REVIEW_STATUSES = ['needs_explanation', 'under_review', 'approved', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** Statuses of a submission whose figures are not yet approved (figures show them as 审核中). */
export const PENDING_REVIEW: readonly ReviewStatus[] = ['needs_explanation', 'under_review', 'returned'];

export type ReviewAction =
  { kind: 'explain'; text: string } | { kind: 'approve' } | { kind: 'return'; reason: string };

/** The review status of a newly accepted submission. */
export function initialReviewStatus(warningCount: number): ReviewStatus {
  return warningCount > 0 ? 'needs_explanation' : 'under_review';
}

export class ReviewError extends Error {
  constructor(
    readonly code: 'not_found' | 'wrong_state' | 'text_required',
    readonly status: ReviewStatus | null,
  ) {
    super(`review: ${code}${status ? ` (${status})` : ''}`);
  }
}

/** The status after `action` from `from`, or the reason it is not allowed. Pure. */
export function nextReviewStatus(from: ReviewStatus | null, action: ReviewAction): ReviewStatus {
  if (action.kind !== 'approve') {
    const text = action.kind === 'explain' ? action.text : action.reason;
    if (text.trim().length === 0) throw new ReviewError('text_required', from);
  }
  switch (action.kind) {
    case 'explain':
      if (from === 'needs_explanation' || from === 'returned' || from === 'under_review')
        return 'under_review';
      break;
    case 'approve':
      if (from === 'under_review') return 'approved';
      break;
    case 'return':
      if (from === 'under_review' || from === 'approved') return 'returned';
      break;
  }
  throw new ReviewError('wrong_state', from);
}

export interface ReviewState {
  id: string;
  institution_code: string;
  report_period: string;
  review_status: ReviewStatus | null;
  explanation: string | null;
  review_reason: string | null;
}

/**
 * Applies one review action to an accepted submission of the upload log (its id), in one transaction with a
 * row lock; `institution` limits it to one institution's submissions (null: any). Returns the new state.
 */
export async function applyReviewAction(
  state: StateStore,
  id: string,
  institution: string | null,
  action: ReviewAction,
  actor: string,
  now: Date,
): Promise<ReviewState> {
  return state.transaction(async (tx) => {
    const [row] = await tx.query<{ review_status: ReviewStatus | null }>(
      `SELECT review_status FROM submission_log
       WHERE id = $1::bigint AND status = 'accepted' AND ($2::text IS NULL OR institution_code = $2) FOR UPDATE`,
      [id, institution],
    );
    if (!row) throw new ReviewError('not_found', null);
    const to = nextReviewStatus(row.review_status, action);
    const at = now.toISOString();
    if (action.kind === 'explain')
      await tx.query(
        `UPDATE submission_log SET review_status = $2, explanation = $3, explained_by = $4, explained_at = $5::timestamptz
         WHERE id = $1::bigint`,
        [id, to, action.text.trim(), actor, at],
      );
    else
      await tx.query(
        `UPDATE submission_log SET review_status = $2, review_reason = $3, reviewed_by = $4, reviewed_at = $5::timestamptz
         WHERE id = $1::bigint`,
        [id, to, action.kind === 'return' ? action.reason.trim() : null, actor, at],
      );
    const [out] = await tx.query<ReviewState>(
      `SELECT id::text AS id, institution_code, report_period, review_status, explanation, review_reason
       FROM submission_log WHERE id = $1::bigint`,
      [id],
    );
    if (!out) throw new ReviewError('not_found', null);
    return out;
  });
}

/** State-store migration: the review columns of the upload log. */
export const loansReviewStateMigration = {
  id: '0003b_submission_review',
  sql: `ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS review_status text
  CHECK (review_status IN ('needs_explanation', 'under_review', 'approved', 'returned'));
ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS explanation text;
ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS explained_by text;
ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS explained_at timestamptz;
ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS review_reason text;
ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS reviewed_by text;
ALTER TABLE submission_log ADD COLUMN IF NOT EXISTS reviewed_at timestamptz`,
};
