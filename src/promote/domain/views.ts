// Page data as pure functions: the measures × quarters matrix, a unit's tasks, a measure page with its
// indicators next to task status (flagging done_but_falling), and a district page for the local measures.
import { actingUnits, type Actor } from './access.ts';
import { trendOf, type IndicatorPoint } from './indicators.ts';
import type { ProgressReport, ProgressStatus, Quarter, ReviewState, WorkItem } from './model.ts';
import type { PlanMeasure } from './plan.ts';
import { daysLeft, deadlineOf, isAtRisk, quarterPeriods, type Deadline } from './schedule.ts';
import { ALL_DISTRICTS_UNIT } from './units.ts';

export interface ViewClock {
  now: Date;
  dueSoonDays: number;
}

export interface ItemView {
  item: WorkItem;
  /** The latest report (highest quarter) filed on the item, if any. */
  latest: Pick<ProgressReport, 'id' | 'quarter' | 'status' | 'review_state' | 'review_comment'> | null;
  status: ProgressStatus | null;
  deadline: Deadline;
  days_left: number;
  at_risk: boolean;
  /** Marked done (latest report) while a linked indicator fell over that report's quarter. */
  done_but_falling: boolean;
}

/** The reports of each item, latest first. */
function byItem(reports: ProgressReport[]): Map<string, ProgressReport[]> {
  const m = new Map<string, ProgressReport[]>();
  for (const r of reports) m.set(r.item_id, [...(m.get(r.item_id) ?? []), r]);
  for (const list of m.values()) list.sort((a, b) => b.year * 10 + b.quarter - (a.year * 10 + a.quarter));
  return m;
}

/** Whether any of `indicators` fell over `quarter` in the given values. */
export function indicatorFell(
  indicators: string[],
  year: number,
  quarter: Quarter,
  values: Record<string, IndicatorPoint[]>,
): boolean {
  const { previous, current } = quarterPeriods(year, quarter);
  return indicators.some((id) => {
    const pts = values[id] ?? [];
    const at = (p: string) => pts.find((x) => x.period === p)?.value ?? null;
    return trendOf(at(previous), at(current)) === 'down';
  });
}

export function itemViews(
  items: WorkItem[],
  reports: ProgressReport[],
  clock: ViewClock,
  values: Record<string, IndicatorPoint[]> = {},
): ItemView[] {
  const reps = byItem(reports);
  return items.map((item) => {
    const latest = reps.get(item.id)?.[0] ?? null;
    const deadline = deadlineOf(item, clock.now, clock.dueSoonDays);
    const status = latest?.status ?? null;
    return {
      item,
      latest: latest && {
        id: latest.id,
        quarter: latest.quarter,
        status: latest.status,
        review_state: latest.review_state,
        review_comment: latest.review_comment,
      },
      status,
      deadline,
      days_left: daysLeft(item, clock.now),
      at_risk: isAtRisk(status, deadline),
      done_but_falling:
        latest !== null &&
        latest.status === 'done' &&
        indicatorFell(item.indicators, item.year, latest.quarter, values),
    };
  });
}

export type CellStatus = 'none' | 'done' | 'on_track' | 'not_started' | 'at_risk' | 'overdue';
const SEVERITY: CellStatus[] = ['none', 'done', 'on_track', 'not_started', 'at_risk', 'overdue'];

export function cellStatusOf(v: ItemView): CellStatus {
  if (v.deadline === 'overdue') return 'overdue';
  if (v.item.state === 'done' || v.item.state === 'carried_over') return 'done';
  return v.status ?? 'not_started';
}

export interface MatrixCell {
  quarter: Quarter;
  status: CellStatus;
  counts: Record<CellStatus, number>;
  items: {
    id: string;
    title: string;
    owner_unit: string;
    status: CellStatus;
    review_state: ReviewState | null;
  }[];
}

export interface MatrixRow {
  measure_no: number;
  label: string;
  title: string;
  cells: MatrixCell[];
}

/** Measures × quarters: each cell holds the items due in that quarter and the worst status among them. */
export function matrix(measures: PlanMeasure[], views: ItemView[]): MatrixRow[] {
  return measures.map((m) => ({
    measure_no: m.no,
    label: m.label,
    title: m.title,
    cells: ([1, 2, 3, 4] as Quarter[]).map((q) => {
      const due = views.filter((v) => v.item.measure_no === m.no && v.item.due_quarter === q);
      const counts = Object.fromEntries(SEVERITY.map((s) => [s, 0])) as Record<CellStatus, number>;
      let worst: CellStatus = 'none';
      const items = due.map((v) => {
        const s = cellStatusOf(v);
        counts[s] += 1;
        if (SEVERITY.indexOf(s) > SEVERITY.indexOf(worst)) worst = s;
        return {
          id: v.item.id,
          title: v.item.title,
          owner_unit: v.item.owner_unit,
          status: s,
          review_state: v.latest?.review_state ?? null,
        };
      });
      return { quarter: q, status: worst, counts, items };
    }),
  }));
}

export interface MyTask extends ItemView {
  role: 'owner' | 'co_unit';
  /** The quarter the unit should report on now (the current quarter within the item's year), if still open. */
  report_due_quarter: Quarter | null;
}

/** The tasks of the units the user acts for: owned first, then co-owned; most urgent first. */
export function myTasks(
  user: Actor,
  views: ItemView[],
  currentQuarter: { year: number; quarter: Quarter },
): MyTask[] {
  const units = actingUnits(user);
  const order: Record<Deadline, number> = { overdue: 0, due_soon: 1, pending: 2, done: 3, carried_over: 4 };
  return views
    .flatMap((v): MyTask[] => {
      const role = units.includes(v.item.owner_unit)
        ? 'owner'
        : v.item.co_units.some((u) => units.includes(u))
          ? 'co_unit'
          : null;
      if (!role) return [];
      const open = v.item.state === 'open';
      const q: Quarter | null =
        !open || v.item.year > currentQuarter.year
          ? null
          : v.item.year < currentQuarter.year
            ? 4
            : currentQuarter.quarter;
      return [{ ...v, role, report_due_quarter: q }];
    })
    .sort(
      (a, b) =>
        (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1) || order[a.deadline] - order[b.deadline],
    );
}

export interface IndicatorLine {
  id: string;
  points: IndicatorPoint[];
  /** Trend over each quarter of the year (null when values are missing). */
  quarters: { quarter: Quarter; trend: 'up' | 'down' | 'flat' | null }[];
}

export interface MeasurePage {
  measure: PlanMeasure;
  year: number;
  items: ItemView[];
  indicators: IndicatorLine[];
  done_but_falling: string[];
}

/** The month-end periods needed to show a year's quarterly trend: Q4 of the year before, then Q1…Q4. */
export function yearPeriods(year: number): string[] {
  return [`${year - 1}-12`, `${year}-03`, `${year}-06`, `${year}-09`, `${year}-12`];
}

export function measurePage(
  measure: PlanMeasure,
  year: number,
  indicatorIds: string[],
  views: ItemView[],
  values: Record<string, IndicatorPoint[]>,
): MeasurePage {
  const items = views.filter((v) => v.item.measure_no === measure.no && v.item.year === year);
  const indicators = indicatorIds.map((id) => {
    const points = values[id] ?? [];
    const at = (p: string) => points.find((x) => x.period === p)?.value ?? null;
    return {
      id,
      points,
      quarters: ([1, 2, 3, 4] as Quarter[]).map((q) => {
        const { previous, current } = quarterPeriods(year, q);
        return { quarter: q, trend: trendOf(at(previous), at(current)) };
      }),
    };
  });
  return {
    measure,
    year,
    items,
    indicators,
    done_but_falling: items.filter((v) => v.done_but_falling).map((v) => v.item.id),
  };
}

export interface DistrictPage {
  district_code: string;
  unit_id: string;
  /** Measures that name 各区县政府 (local action), with the district's own items under each. */
  local_measures: { measure: PlanMeasure; items: ItemView[] }[];
  /** All of the district's items, local measures or not. */
  items: ItemView[];
}

export function districtPage(districtCode: string, measures: PlanMeasure[], views: ItemView[]): DistrictPage {
  const unitId = `district:${districtCode}`;
  const mine = views.filter((v) => v.item.district_code === districtCode || v.item.owner_unit === unitId);
  return {
    district_code: districtCode,
    unit_id: unitId,
    local_measures: measures
      .filter((m) => m.units.includes(ALL_DISTRICTS_UNIT))
      .map((measure) => ({ measure, items: mine.filter((v) => v.item.measure_no === measure.no) })),
    items: mine,
  };
}
