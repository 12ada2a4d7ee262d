// Routes of the submission review (review.ts): the bank's 校验说明 of its warnings, and the statistician's
// decision (approve, or return with a reason). Every action is audited.
import type { FastifyInstance } from 'fastify';

import { AppError, appError, errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { dataChanged } from '../stats/routes.cache.ts';
import { applyReviewAction, ReviewError, type ReviewAction, type ReviewState } from './review.ts';
import { afterReviewAction } from './review.mirror.ts';
import { idParams } from './routes.schemas.ts';

const reviewStateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'institution_code', 'report_period', 'review_status', 'explanation', 'review_reason'],
  properties: {
    id: { type: 'string' },
    institution_code: { type: 'string' },
    report_period: { type: 'string' },
    review_status: { type: ['string', 'null'] },
    explanation: { type: ['string', 'null'] },
    review_reason: { type: ['string', 'null'] },
  },
} as const;

const TEXT = { type: 'string', minLength: 1, maxLength: 4000 } as const;

/** The review's domain errors as client errors (409: not in a state that allows the action). */
function toAppError(e: unknown): unknown {
  if (!(e instanceof ReviewError)) return e;
  if (e.code === 'not_found') return appError('not_found');
  if (e.code === 'text_required') return appError('request.invalid', { reason: 'text required' });
  return new AppError(
    'loans.review_wrong_state',
    {
      status: 409,
      message_zh: '该报送当前的审核状态不允许此操作',
      message_en: 'The submission is not in a review state that allows this',
    },
    { review_status: e.status },
  );
}

export function registerReviewRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { state } = deps.stores;
  const act = async (
    id: string,
    institution: string | null,
    action: ReviewAction,
    actor: string,
  ): Promise<ReviewState> => {
    try {
      const out = await applyReviewAction(state, id, institution, action, actor, deps.now());
      await afterReviewAction(deps.stores, out.id, action, {
        delayMs: deps.config.recomputeDelayMs,
        now: deps.now,
      });
      await Promise.all([dataChanged(state), dataChanged(deps.stores.analytics)]);
      return out;
    } catch (e) {
      throw toAppError(e);
    }
  };

  app.post<{ Params: { id: string }; Body: { explanation: string } }>(
    '/loans/submissions/:id/explanation',
    {
      preHandler: app.authorize('admin', 'institution'),
      schema: {
        tags: ['loans'],
        summary:
          "The bank's written explanation (校验说明) of an accepted submission's warnings; sends it to review",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['explanation'],
          properties: { explanation: TEXT },
        },
        response: { 200: reviewStateSchema, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = request.user;
      const own = user.role === 'institution' ? (user.institution_code ?? '') : null;
      const out = await act(
        request.params.id,
        own,
        { kind: 'explain', text: request.body.explanation },
        user.username,
      );
      await request.audit({
        action: 'loans.review.explain',
        object_type: 'submission',
        object_id: out.id,
        detail: {
          institution_code: out.institution_code,
          report_period: out.report_period,
          to: out.review_status,
        },
      });
      return out;
    },
  );

  app.post<{ Params: { id: string }; Body: { decision: 'approve' | 'return'; reason?: string } }>(
    '/loans/submissions/:id/review',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['loans'],
        summary: "A statistician's decision on a submission under review: approve, or return with a reason",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['decision'],
          properties: { decision: { type: 'string', enum: ['approve', 'return'] }, reason: TEXT },
        },
        response: { 200: reviewStateSchema, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => {
      const { decision, reason } = request.body;
      const action: ReviewAction =
        decision === 'approve' ? { kind: 'approve' } : { kind: 'return', reason: reason ?? '' };
      const out = await act(request.params.id, null, action, request.user.username);
      await request.audit({
        action: `loans.review.${decision}`,
        object_type: 'submission',
        object_id: out.id,
        detail: {
          institution_code: out.institution_code,
          report_period: out.report_period,
          to: out.review_status,
          reason: reason ?? null,
        },
      });
      return out;
    },
  );
}
