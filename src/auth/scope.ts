// Data scoping by role (pure): what a user may see. Query functions take a `Scope` parameter and filter by it;
// handlers call the assert helpers before answering about one institution or district.
//   admin, regulator, auditor → everything; institution → its own institution only;
//   district → its own district only. Auditors are read-only.
import { appError } from '../http/errors.ts';
import type { AuthUser } from '../http/route-context.ts';

export type Scope =
  { kind: 'all' } | { kind: 'institution'; code: string } | { kind: 'district'; code: string };

export function scopeForUser(user: AuthUser): Scope {
  switch (user.role) {
    case 'admin':
    case 'regulator':
    case 'auditor':
      return { kind: 'all' };
    case 'institution':
      if (!user.institution_code)
        throw appError('auth.forbidden', { reason: 'institution user without a code' });
      return { kind: 'institution', code: user.institution_code };
    case 'district':
      if (!user.district_code) throw appError('auth.forbidden', { reason: 'district user without a code' });
      return { kind: 'district', code: user.district_code };
  }
}

/** True when a user of `scope` may see rows of institution `code`. District users see no single bank's rows. */
export function scopeAllowsInstitution(scope: Scope, code: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'institution' && scope.code === code);
}

/** True when a user of `scope` may see the figures of district `code`. Banks see no district-wide figures. */
export function scopeAllowsDistrict(scope: Scope, code: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'district' && scope.code === code);
}

export function assertCanSeeInstitution(user: AuthUser, code: string): void {
  if (!scopeAllowsInstitution(scopeForUser(user), code))
    throw appError('auth.out_of_scope', { institution_code: code });
}

export function assertCanSeeDistrict(user: AuthUser, code: string): void {
  if (!scopeAllowsDistrict(scopeForUser(user), code))
    throw appError('auth.out_of_scope', { district_code: code });
}

/** Auditors are read-only everywhere. */
export function assertCanWrite(user: AuthUser): void {
  if (user.role === 'auditor') throw appError('auth.read_only');
}

/** The user's role must be one of `roles`. */
export function assertRole(user: AuthUser, ...roles: AuthUser['role'][]): void {
  if (!roles.includes(user.role)) throw appError('auth.forbidden', { required_roles: roles });
}
