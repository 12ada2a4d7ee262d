// The life cycle of a quarterly progress report, as a pure state machine:
//   (none) --submit--> submitted --accept--> accepted
//                      submitted --return(comment)--> returned --submit--> submitted
// A submitted report may be re-filed (submit) until it is reviewed. Everything else is an illegal transition.
import { fail, ok, type Result } from './errors.ts';
import type { ItemState, ProgressStatus, ReviewState } from './model.ts';

export type ReportEvent = { kind: 'submit' } | { kind: 'return'; comment: string } | { kind: 'accept' };

export type ReportLifeState = ReviewState | 'none';

/** The review state after `event`, or a coded error for an illegal transition. */
export function nextReviewState(from: ReportLifeState, event: ReportEvent): Result<ReviewState> {
  switch (event.kind) {
    case 'submit':
      return from === 'none' || from === 'returned' || from === 'submitted'
        ? ok('submitted')
        : fail('PROMOTE_ILLEGAL_TRANSITION', { from, event: event.kind });
    case 'return':
      if (from !== 'submitted') return fail('PROMOTE_ILLEGAL_TRANSITION', { from, event: event.kind });
      return event.comment.trim() === '' ? fail('PROMOTE_COMMENT_REQUIRED') : ok('returned');
    case 'accept':
      return from === 'submitted'
        ? ok('accepted')
        : fail('PROMOTE_ILLEGAL_TRANSITION', { from, event: event.kind });
  }
}

/** The work item's state once a report of the given progress status is accepted. */
export function itemStateAfterAccept(current: ItemState, status: ProgressStatus): ItemState {
  return current === 'open' && status === 'done' ? 'done' : current;
}

/** Whether new reports may be filed on an item in this state. */
export function itemAcceptsReports(state: ItemState): boolean {
  return state === 'open';
}
