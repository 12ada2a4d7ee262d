// JSON schemas of the promote routes' requests and responses (they drive validation, serialization and OpenAPI).
export const str = { type: 'string' } as const;
export const int = { type: 'integer' } as const;
const strs = { type: 'array', items: str } as const;
const nstr = { type: ['string', 'null'] } as const;
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
  due_quarter: int,
  indicators: strs,
  district_code: nstr,
  state: str,
  carried_from: nstr,
});
const numbersSchema = { type: 'object', additionalProperties: str } as const;
export const reportSchema = obj({
  id: str,
  item_id: str,
  year: int,
  quarter: int,
  unit_id: str,
  status: str,
  narrative: str,
  numbers: numbersSchema,
  review_state: str,
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
    properties: { id: str, quarter: int, status: str, review_state: str, review_comment: nstr },
  },
  status: nstr,
  deadline: str,
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
          quarter: int,
          status: str,
          counts: { type: 'object', additionalProperties: int },
          items: {
            type: 'array',
            items: obj({ id: str, title: str, owner_unit: str, status: str, review_state: nstr }),
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
      quarters: { type: 'array', items: obj({ quarter: int, trend: nstr }) },
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
  event: str,
  actor: str,
  at: { type: 'string', format: 'date-time' },
  version: int,
  status: str,
  comment: nstr,
});
export const itemDetailSchema = obj({
  item: workItemSchema,
  view: itemViewSchema,
  readable: { type: 'boolean' },
  reports: {
    type: 'array',
    items: {
      ...reportSchema,
      properties: {
        ...reportSchema.properties,
        events: { type: 'array', items: eventSchema },
        attachments: { type: 'array', items: attachmentSchema },
      },
    },
  },
});
export const noticeSchema = obj({
  id: str,
  unit_id: str,
  item_id: str,
  kind: str,
  period_key: str,
  message_zh: str,
  message_en: str,
  created_at: { type: 'string', format: 'date-time' },
  read_at: { type: ['string', 'null'], format: 'date-time' },
  emailed_at: { type: ['string', 'null'], format: 'date-time' },
});
export const yearQuery = obj({ year: { type: 'integer', minimum: 2000, maximum: 2100 } }, []);
export const idParams = obj({ id: { type: 'string', pattern: '^[0-9]{1,18}$' } });
