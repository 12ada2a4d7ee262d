// Who may do what in the joint promotion mechanism, from the platform roles: admin and regulator act as
// coordinators (manage work items, review reports); a unit's users file only their own unit's reports;
// auditors read everything and change nothing.
import type { AuthUser } from '../../http/route-context.ts';
import { fail, ok, type Result } from './errors.ts';
import type { ProgressReport, WorkItem } from './model.ts';

export type Actor = Pick<AuthUser, 'id' | 'role' | 'unit_id' | 'district_code' | 'institution_code'>;

export function isCoordinator(user: Actor): boolean {
  return user.role === 'admin' || user.role === 'regulator';
}

export function districtUnitId(code: string): string {
  return `district:${code}`;
}

export function institutionUnitId(code: string): string {
  return `institution:${code}`;
}

/** The units a user reports for: the explicit unit_id, plus the district or bank the user is bound to. */
export function actingUnits(user: Actor): string[] {
  const units = new Set<string>();
  if (user.unit_id) units.add(user.unit_id);
  if (user.role === 'district' && user.district_code) units.add(districtUnitId(user.district_code));
  if (user.role === 'institution' && user.institution_code)
    units.add(institutionUnitId(user.institution_code));
  return [...units];
}

/** Filing or re-filing a progress report (and its attachments): only the owner unit's users, never auditors. */
export function mayFile(user: Actor, item: Pick<WorkItem, 'owner_unit'>): Result<true> {
  if (user.role === 'auditor') return fail('PROMOTE_FORBIDDEN');
  return actingUnits(user).includes(item.owner_unit)
    ? ok(true)
    : fail('PROMOTE_NOT_OWNER', { unit: item.owner_unit });
}

/** Reviewing (accept / return): coordinators only, and never one's own report. */
export function mayReview(user: Actor, report: Pick<ProgressReport, 'submitted_by'>): Result<true> {
  if (!isCoordinator(user)) return fail('PROMOTE_FORBIDDEN');
  return report.submitted_by === user.id ? fail('PROMOTE_SELF_REVIEW') : ok(true);
}

/** Creating, editing and carrying over work items; seeding the unit directory: coordinators only. */
export function mayManage(user: Actor): Result<true> {
  return isCoordinator(user) ? ok(true) : fail('PROMOTE_FORBIDDEN');
}

/** Reading a report's narrative, numbers and attachments: coordinators, auditors, the owner and co-units. */
export function mayReadReport(user: Actor, item: Pick<WorkItem, 'owner_unit' | 'co_units'>): boolean {
  if (isCoordinator(user) || user.role === 'auditor') return true;
  const mine = actingUnits(user);
  return mine.includes(item.owner_unit) || item.co_units.some((u) => mine.includes(u));
}
