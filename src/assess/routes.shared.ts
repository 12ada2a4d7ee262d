// Helpers shared by the assessment's route files: the caller's data scope and the coded error answer.
import type { FastifyReply, FastifyRequest } from 'fastify';

import { httpStatus, type AssessError } from './errors.ts';
import type { Scope } from './query.ts';

/** The subjects a user may see in full: all, one bank, or one district; null when the user is bound to none. */
export function scopeOf(request: FastifyRequest): Scope | null {
  const u = request.user;
  switch (u.role) {
    case 'admin':
    case 'regulator':
    case 'auditor':
      return { kind: 'all' };
    case 'institution':
      return u.institution_code ? { kind: 'institution', code: u.institution_code } : null;
    case 'district':
      return u.district_code ? { kind: 'district', code: u.district_code } : null;
  }
}

/** Answers with the status of the first error and every error in `details`. */
export function sendErrors(reply: FastifyReply, errors: AssessError[]) {
  const first = errors[0];
  const code = first?.code ?? 'ASSESS_FORBIDDEN';
  return reply.code(httpStatus(code)).send({
    code,
    message_zh: first?.message_zh ?? '',
    message_en: first?.message_en ?? '',
    details: errors,
  });
}

export const FORBIDDEN = {
  code: 'ASSESS_FORBIDDEN',
  message_zh: '无权访问',
  message_en: 'Forbidden',
} as const;
