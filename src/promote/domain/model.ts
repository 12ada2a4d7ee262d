// Types of the joint promotion mechanism (联合推进机制): units, yearly work items, quarterly progress reports,
// attachments and notices. Plain data shared by the pure domain modules, the store and the routes.

export const UNIT_KINDS = [
  'coordinator',
  'regulator',
  'municipal',
  'district_group',
  'district',
  'institution',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A responsible unit. Plan units are keyed by their name as printed (e.g. '市科技局'); districts by
 * 'district:<GB/T 2260 code>'; banks by 'institution:<institution code>'; '各区县政府' stands for all districts. */
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  district_code: string | null;
  institution_code: string | null;
  email: string | null;
}

export const PROGRESS_STATUSES = ['not_started', 'on_track', 'at_risk', 'done'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Review state of one quarterly report. */
export const REVIEW_STATES = ['submitted', 'returned', 'accepted'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** open: in progress; done: a 'done' report was accepted; carried_over: moved to next year's item. */
export const ITEM_STATES = ['open', 'done', 'carried_over'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export type Quarter = 1 | 2 | 3 | 4;

export interface WorkItem {
  id: string;
  year: number;
  measure_no: number;
  title: string;
  owner_unit: string;
  co_units: string[];
  deliverable: string;
  due_quarter: Quarter;
  indicators: string[];
  /** Set for a district's local work (district pages). */
  district_code: string | null;
  state: ItemState;
  carried_from: string | null;
}

export interface ProgressReport {
  id: string;
  item_id: string;
  year: number;
  quarter: Quarter;
  unit_id: string;
  status: ProgressStatus;
  narrative: string;
  /** Figures reported with the narrative, e.g. { "新增首贷户": "120" } (decimal strings, never floats). */
  numbers: Record<string, string>;
  review_state: ReviewState;
  review_comment: string | null;
  submitted_by: string;
  submitted_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  version: number;
}

export interface AttachmentMeta {
  id: string;
  report_id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

export const NOTICE_KINDS = ['due_soon', 'overdue', 'returned'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  id: string;
  unit_id: string;
  item_id: string;
  kind: NoticeKind;
  /** What the notice is about, e.g. '2026Q2'; one notice per item, kind and key. */
  period_key: string;
  message_zh: string;
  message_en: string;
  created_at: Date;
  read_at: Date | null;
  emailed_at: Date | null;
}

export function quarterKey(year: number, quarter: number): string {
  return `${year}Q${quarter}`;
}

export function isQuarter(n: number): n is Quarter {
  return n === 1 || n === 2 || n === 3 || n === 4;
}
