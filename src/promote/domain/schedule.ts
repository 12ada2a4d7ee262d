// Quarters, deadlines and flags with the clock injected: a work item is due at the end of its due quarter
// (Beijing time, UTC+8); overdue once that has passed without an accepted 'done' report; due soon within N days.
import type { ItemState, ProgressStatus, Quarter } from './model.ts';

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The instant a quarter ends: 00:00 Beijing time on the first day of the next quarter. */
export function quarterEnd(year: number, quarter: Quarter): Date {
  return new Date(Date.UTC(year, quarter * 3, 1) - BEIJING_OFFSET_MS);
}

/** The quarter (Beijing time) that contains `now`. */
export function quarterOf(now: Date): { year: number; quarter: Quarter } {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return { year: local.getUTCFullYear(), quarter: (Math.floor(local.getUTCMonth() / 3) + 1) as Quarter };
}

/** The month-end periods ('YYYY-MM') of a quarter and of the quarter before it, for indicator look-ups. */
export function quarterPeriods(year: number, quarter: Quarter): { previous: string; current: string } {
  const prevYear = quarter === 1 ? year - 1 : year;
  const prevQ = quarter === 1 ? 4 : quarter - 1;
  return {
    previous: `${prevYear}-${String(prevQ * 3).padStart(2, '0')}`,
    current: `${year}-${String(quarter * 3).padStart(2, '0')}`,
  };
}

export type Deadline = 'done' | 'overdue' | 'due_soon' | 'pending' | 'carried_over';

export interface DeadlineInput {
  year: number;
  due_quarter: Quarter;
  state: ItemState;
}

/** Where an item stands against its deadline at `now`. */
export function deadlineOf(item: DeadlineInput, now: Date, dueSoonDays: number): Deadline {
  if (item.state === 'done') return 'done';
  if (item.state === 'carried_over') return 'carried_over';
  const end = quarterEnd(item.year, item.due_quarter).getTime();
  if (now.getTime() >= end) return 'overdue';
  return end - now.getTime() <= dueSoonDays * DAY_MS ? 'due_soon' : 'pending';
}

/** Days left until the due quarter ends (negative when overdue), rounded towards the deadline. */
export function daysLeft(item: Pick<DeadlineInput, 'year' | 'due_quarter'>, now: Date): number {
  return Math.ceil((quarterEnd(item.year, item.due_quarter).getTime() - now.getTime()) / DAY_MS);
}

/** At risk: the owner says so in its latest report, or the item is overdue. */
export function isAtRisk(latest: ProgressStatus | null, deadline: Deadline): boolean {
  return latest === 'at_risk' || deadline === 'overdue';
}
