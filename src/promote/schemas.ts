// JSON schemas of the promote routes' requests and responses (they drive validation, serialization and OpenAPI).
import { ITEM_STATES, NOTICE_KINDS, PROGRESS_STATUSES, REVIEW_STATES } from './domain/model.ts';
import { SECTION_KINDS } from './domain/sections.ts';

export const str = { type: 'string' } as const;
export const int = { type: 'integer' } as const;
const strs = { type: 'array', items: str } as const;
const nstr = { type: ['string', 'null'] } as const;
const oneOf = <V extends readonly string[]>(values: V) => ({ type: 'string', enum: values }) as const;
const oneOfOrNull = <V extends readonly string[]>(values: V) =>
  ({ type: ['string', 'null'], enum: [...values, null] }) as const;
const quarter = { type: 'integer', enum: [1, 2, 3, 4] } as const;
/** A matrix cell's status: the worst among its items (views.ts CellStatus). */
const CELL_STATUSES = ['none', 'done', 'on_track', 'not_started', 'at_risk', 'overdue'] as const;
/** How an item stands against its due quarter (schedule.ts Deadline). */
const DEADLINES = ['done', 'overdue', 'due_soon', 'pending', 'carried_over'] as const;
/** What happened to a report (service.ts: filing, re-filing after a return, and the two review decisions). */
const REPORT_EVENTS = ['submit', 'resubmit', 'accept', 'return'] as const;
export const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
});

export const measureSchema = obj({
  no: int,
  label: str,
  section_no: int,
  section_title: str,
  title: str,
  text: str,
  units: strs,
  lead_units: strs,
});
export const unitSchema = obj({
  id: str,
  name: str,
  kind: str,
  district_code: nstr,
  institution_code: nstr,
  email: nstr,
});
export const workItemSchema = obj({
  id: str,
  year: int,
  measure_no: int,
  title: str,
  owner_unit: str,
  co_units: strs,
  deliverable: str,
  due_quarter: quarter,
  indicators: strs,
  district_code: nstr,
  state: oneOf(ITEM_STATES),
  carried_from: nstr,
});
const numbersSchema = { type: 'object', additionalProperties: str } as const;
export const reportSchema = obj({
  id: str,
  item_id: str,
  year: int,
  quarter,
  unit_id: str,
  status: oneOf(PROGRESS_STATUSES),
  narrative: str,
  numbers: numbersSchema,
  review_state: oneOf(REVIEW_STATES),
  review_comment: nstr,
  submitted_by: str,
  submitted_at: { type: 'string', format: 'date-time' },
  reviewed_by: nstr,
  reviewed_at: { type: ['string', 'null'], format: 'date-time' },
  version: int,
});
export const attachmentSchema = obj({
  id: str,
  report_id: str,
  name: str,
  mime: str,
  size: int,
  sha256: str,
  uploaded_by: str,
  uploaded_at: { type: 'string', format: 'date-time' },
});
export const itemViewSchema = obj({
  item: workItemSchema,
  latest: {
    type: ['object', 'null'],
    properties: {
      id: str,
      quarter,
      status: oneOf(PROGRESS_STATUSES),
      review_state: oneOf(REVIEW_STATES),
      review_comment: nstr,
    },
    required: ['id', 'quarter', 'status', 'review_state', 'review_comment'],
  },
  status: oneOfOrNull(PROGRESS_STATUSES),
  deadline: oneOf(DEADLINES),
  days_left: int,
  at_risk: { type: 'boolean' },
  done_but_falling: { type: 'boolean' },
});
const pointSchema = obj({ period: str, value: { type: ['string', 'number'] } });
export const matrixSchema = obj({
  year: int,
  rows: {
    type: 'array',
    items: obj({
      measure_no: int,
      label: str,
      title: str,
      cells: {
        type: 'array',
        items: obj({
          quarter,
          status: oneOf(CELL_STATUSES),
          counts: { type: 'object', additionalProperties: int },
          items: {
            type: 'array',
            items: obj({
              id: str,
              title: str,
              owner_unit: str,
              status: oneOf(CELL_STATUSES),
              review_state: oneOfOrNull(REVIEW_STATES),
            }),
          },
        }),
      },
    }),
  },
});
export const myTasksSchema = obj({
  year: int,
  units: strs,
  tasks: {
    type: 'array',
    items: {
      ...itemViewSchema,
      properties: {
        ...itemViewSchema.properties,
        role: str,
        report_due_quarter: { type: ['integer', 'null'] },
      },
    },
  },
});
export const measurePageSchema = obj({
  measure: measureSchema,
  year: int,
  items: { type: 'array', items: itemViewSchema },
  indicators: {
    type: 'array',
    items: obj({
      id: str,
      points: { type: 'array', items: pointSchema },
      quarters: {
        type: 'array',
        items: obj({ quarter, trend: oneOfOrNull(['up', 'down', 'flat'] as const) }),
      },
    }),
  },
  done_but_falling: strs,
});
export const districtPageSchema = obj({
  district_code: str,
  unit_id: str,
  local_measures: {
    type: 'array',
    items: obj({ measure: measureSchema, items: { type: 'array', items: itemViewSchema } }),
  },
  items: { type: 'array', items: itemViewSchema },
});
const eventSchema = obj({
  event: oneOf(REPORT_EVENTS),
  actor: str,
  at: { type: 'string', format: 'date-time' },
  version: int,
  status: oneOf(PROGRESS_STATUSES),
  comment: nstr,
});
export const itemDetailSchema = obj({
  item: workItemSchema,
  view: itemViewSchema,
  readable: { type: 'boolean' },
  reports: {
    type: 'array',
    items: obj({
      ...reportSchema.properties,
      events: { type: 'array', items: eventSchema },
      attachments: { type: 'array', items: attachmentSchema },
    }),
  },
});
export const noticeSchema = obj({
  id: str,
  unit_id: str,
  item_id: str,
  kind: oneOf(NOTICE_KINDS),
  period_key: str,
  message_zh: str,
  message_en: str,
  created_at: { type: 'string', format: 'date-time' },
  read_at: { type: ['string', 'null'], format: 'date-time' },
  emailed_at: { type: ['string', 'null'], format: 'date-time' },
});
export const sectionSchema = obj({
  year: { type: 'integer' },
  quarter: { type: 'integer' },
  kind: oneOf(SECTION_KINDS),
  merged: { type: 'boolean' },
  unit_id: str,
  body: str,
  updated_by: str,
  updated_at: { type: 'string', format: 'date-time' },
});
export const yearQuery = obj({ year: { type: 'integer', minimum: 2000, maximum: 2100 } }, []);
export const idParams = obj({ id: { type: 'string', pattern: '^[0-9]{1,18}$' } });
