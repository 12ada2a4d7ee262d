// Carry-over: at year end, every work item not accepted as done moves to the next year as a new item linked
// to the old one (carried_from); the old item becomes 'carried_over'. Pure: decides, the store applies.
import type { Quarter, WorkItem } from './model.ts';

export type NewWorkItem = Omit<WorkItem, 'id' | 'state'>;

/** The new items for `fromYear + 1`, one per open item of `fromYear`, due in `dueQuarter` of the next year. */
export function planCarryOver(items: WorkItem[], fromYear: number, dueQuarter: Quarter = 1): NewWorkItem[] {
  return items
    .filter((i) => i.year === fromYear && i.state === 'open')
    .map((i) => ({
      year: fromYear + 1,
      measure_no: i.measure_no,
      title: i.title,
      owner_unit: i.owner_unit,
      co_units: [...i.co_units],
      deliverable: i.deliverable,
      due_quarter: dueQuarter,
      indicators: [...i.indicators],
      district_code: i.district_code,
      carried_from: i.id,
    }));
}
