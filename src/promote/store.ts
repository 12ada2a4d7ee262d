// SQL of the joint promotion mechanism against the state store. Every value is a bound parameter; ids are
// bigint identities returned as strings; attachments travel as base64 text and are stored as bytea.
import type { StateTx } from '../store/state/pg.ts';
import type { NewWorkItem } from './domain/carry.ts';
import type {
  AttachmentMeta,
  ItemState,
  Notice,
  NoticeKind,
  ProgressReport,
  ProgressStatus,
  Quarter,
  ReviewState,
  Unit,
  WorkItem,
} from './domain/model.ts';
import type { PlanMeasure } from './domain/plan.ts';
import type { ReportSection, SectionKind } from './domain/sections.ts';

type Row = Record<string, unknown>;
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const dateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : new Date(v as string);

export async function saveMeasures(db: StateTx, measures: PlanMeasure[]): Promise<void> {
  for (const m of measures)
    await db.query(
      `INSERT INTO promote_measures (no, label, section_no, section_title, title, body, units, lead_units)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (no) DO UPDATE SET label = EXCLUDED.label, section_no = EXCLUDED.section_no,
         section_title = EXCLUDED.section_title, title = EXCLUDED.title, body = EXCLUDED.body,
         units = EXCLUDED.units, lead_units = EXCLUDED.lead_units`,
      [m.no, m.label, m.section_no, m.section_title, m.title, m.text, m.units, m.lead_units],
    );
}

export async function listMeasures(db: StateTx): Promise<PlanMeasure[]> {
  const rows = await db.query<Row>('SELECT * FROM promote_measures ORDER BY no');
  return rows.map((r) => ({
    no: Number(r.no),
    label: str(r.label),
    section_no: Number(r.section_no),
    section_title: str(r.section_title),
    title: str(r.title),
    text: str(r.body),
    units: r.units as string[],
    lead_units: r.lead_units as string[],
  }));
}

/** Inserts or updates units; an existing unit keeps its e-mail unless a new one is given. */
export async function saveUnits(db: StateTx, units: Unit[]): Promise<void> {
  if (units.length === 0) return;
  const col = (f: (u: Unit) => string | null) => units.map(f) as string[];
  await db.query(
    `INSERT INTO promote_units (id, name, kind, district_code, institution_code, email)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
       district_code = EXCLUDED.district_code, institution_code = EXCLUDED.institution_code,
       email = COALESCE(EXCLUDED.email, promote_units.email)`,
    [
      col((u) => u.id),
      col((u) => u.name),
      col((u) => u.kind),
      col((u) => u.district_code),
      col((u) => u.institution_code),
      col((u) => u.email),
    ],
  );
}

export async function setUnitEmail(db: StateTx, unitId: string, email: string | null): Promise<boolean> {
  return (
    (await db.query('UPDATE promote_units SET email = $2 WHERE id = $1 RETURNING id', [unitId, email]))
      .length > 0
  );
}

export async function listUnits(db: StateTx): Promise<Unit[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM promote_units ORDER BY CASE kind WHEN 'coordinator' THEN 0 WHEN 'regulator' THEN 1
       WHEN 'municipal' THEN 2 WHEN 'district_group' THEN 3 WHEN 'district' THEN 4 ELSE 5 END, id`,
  );
  return rows.map((r) => ({
    id: str(r.id),
    name: str(r.name),
    kind: r.kind as Unit['kind'],
    district_code: strOrNull(r.district_code),
    institution_code: strOrNull(r.institution_code),
    email: strOrNull(r.email),
  }));
}

export async function districtsFromReference(db: StateTx): Promise<{ code: string; name: string }[]> {
  return db.query<{ code: string; name: string }>(
    "SELECT code, name FROM ref_district WHERE type IN ('区', '县', '自治县') ORDER BY code",
  );
}

function toItem(r: Row): WorkItem {
  return {
    id: str(r.id),
    year: Number(r.year),
    measure_no: Number(r.measure_no),
    title: str(r.title),
    owner_unit: str(r.owner_unit),
    co_units: r.co_units as string[],
    deliverable: str(r.deliverable),
    due_quarter: Number(r.due_quarter) as Quarter,
    indicators: r.indicators as string[],
    district_code: strOrNull(r.district_code),
    state: r.state as ItemState,
    carried_from: strOrNull(r.carried_from),
  };
}

export async function insertItem(db: StateTx, i: NewWorkItem, actor: string, now: Date): Promise<WorkItem> {
  const [row] = await db.query<Row>(
    `INSERT INTO promote_work_items (year, measure_no, title, owner_unit, co_units, deliverable, due_quarter,
       indicators, district_code, carried_from, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bigint, $11, $12, $12) RETURNING *`,
    [
      i.year,
      i.measure_no,
      i.title,
      i.owner_unit,
      i.co_units,
      i.deliverable,
      i.due_quarter,
      i.indicators,
      i.district_code,
      i.carried_from,
      actor,
      now,
    ],
  );
  return toItem(row as Row);
}

export async function getItem(db: StateTx, id: string, forUpdate = false): Promise<WorkItem | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const rows = await db.query<Row>(
    `SELECT * FROM promote_work_items WHERE id = $1::bigint${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toItem(rows[0]) : null;
}

export interface ItemFilter {
  year?: number;
  measure_no?: number;
  units?: string[];
  district_code?: string;
}

export async function listItems(db: StateTx, f: ItemFilter = {}): Promise<WorkItem[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM promote_work_items
     WHERE ($1::integer IS NULL OR year = $1) AND ($2::integer IS NULL OR measure_no = $2)
       AND ($3::text[] IS NULL OR owner_unit = ANY($3) OR co_units && $3)
       AND ($4::text IS NULL OR district_code = $4 OR owner_unit = 'district:' || $4)
     ORDER BY year, measure_no, due_quarter, id`,
    [f.year ?? null, f.measure_no ?? null, f.units ?? null, f.district_code ?? null],
  );
  return rows.map(toItem);
}

export async function setItemState(db: StateTx, id: string, state: ItemState, now: Date): Promise<void> {
  await db.query('UPDATE promote_work_items SET state = $2, updated_at = $3 WHERE id = $1::bigint', [
    id,
    state,
    now,
  ]);
}

function toReport(r: Row): ProgressReport {
  return {
    id: str(r.id),
    item_id: str(r.item_id),
    year: Number(r.year),
    quarter: Number(r.quarter) as Quarter,
    unit_id: str(r.unit_id),
    status: r.status as ProgressStatus,
    narrative: str(r.narrative),
    numbers: (typeof r.numbers === 'string' ? JSON.parse(r.numbers) : r.numbers) as Record<string, string>,
    review_state: r.review_state as ReviewState,
    review_comment: strOrNull(r.review_comment),
    submitted_by: str(r.submitted_by),
    submitted_at: new Date(r.submitted_at as string),
    reviewed_by: strOrNull(r.reviewed_by),
    reviewed_at: dateOrNull(r.reviewed_at),
    version: Number(r.version),
  };
}

export async function getReport(db: StateTx, itemId: string, year: number, quarter: Quarter) {
  const rows = await db.query<Row>(
    'SELECT * FROM promote_reports WHERE item_id = $1::bigint AND year = $2 AND quarter = $3 FOR UPDATE',
    [itemId, year, quarter],
  );
  return rows[0] ? toReport(rows[0]) : null;
}

export async function getReportById(
  db: StateTx,
  id: string,
  forUpdate = false,
): Promise<ProgressReport | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const rows = await db.query<Row>(
    `SELECT * FROM promote_reports WHERE id = $1::bigint${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toReport(rows[0]) : null;
}

/** Reports of a year's items (optionally up to a quarter, optionally of some items). */
export async function listReports(
  db: StateTx,
  f: { year?: number; upToQuarter?: number; itemIds?: string[] },
): Promise<ProgressReport[]> {
  const rows = await db.query<Row>(
    `SELECT r.* FROM promote_reports r
     WHERE ($1::integer IS NULL OR r.year = $1) AND ($2::integer IS NULL OR r.quarter <= $2)
       AND ($3::text[] IS NULL OR r.item_id::text = ANY($3))
     ORDER BY r.item_id, r.year, r.quarter`,
    [f.year ?? null, f.upToQuarter ?? null, f.itemIds ?? null],
  );
  return rows.map(toReport);
}

export async function writeReport(
  db: StateTx,
  r: Omit<ProgressReport, 'id' | 'reviewed_by' | 'reviewed_at' | 'review_comment' | 'version'>,
): Promise<ProgressReport> {
  const [row] = await db.query<Row>(
    `INSERT INTO promote_reports (item_id, year, quarter, unit_id, status, narrative, numbers, review_state,
       submitted_by, submitted_at)
     VALUES ($1::bigint, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
     ON CONFLICT (item_id, year, quarter) DO UPDATE SET unit_id = EXCLUDED.unit_id, status = EXCLUDED.status,
       narrative = EXCLUDED.narrative, numbers = EXCLUDED.numbers, review_state = EXCLUDED.review_state,
       submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at,
       version = promote_reports.version + 1
     RETURNING *`,
    [
      r.item_id,
      r.year,
      r.quarter,
      r.unit_id,
      r.status,
      r.narrative,
      JSON.stringify(r.numbers),
      r.review_state,
      r.submitted_by,
      r.submitted_at,
    ],
  );
  return toReport(row as Row);
}

export async function writeReview(
  db: StateTx,
  id: string,
  state: ReviewState,
  comment: string | null,
  actor: string,
  now: Date,
): Promise<ProgressReport> {
  const [row] = await db.query<Row>(
    `UPDATE promote_reports SET review_state = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5
     WHERE id = $1::bigint RETURNING *`,
    [id, state, comment, actor, now],
  );
  return toReport(row as Row);
}

export async function addReportEvent(
  db: StateTx,
  r: ProgressReport,
  event: string,
  actor: string,
  now: Date,
  comment: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO promote_report_events (report_id, event, actor, at, version, status, comment)
     VALUES ($1::bigint, $2, $3, $4, $5, $6, $7)`,
    [r.id, event, actor, now, r.version, r.status, comment],
  );
}

export async function reportEvents(db: StateTx, reportId: string) {
  const rows = await db.query<Row>(
    'SELECT * FROM promote_report_events WHERE report_id = $1::bigint ORDER BY id',
    [reportId],
  );
  return rows.map((r) => ({
    event: str(r.event),
    actor: str(r.actor),
    at: new Date(r.at as string),
    version: Number(r.version),
    status: str(r.status),
    comment: strOrNull(r.comment),
  }));
}

function toAttachment(r: Row): AttachmentMeta {
  return {
    id: str(r.id),
    report_id: str(r.report_id),
    name: str(r.name),
    mime: str(r.mime),
    size: Number(r.size),
    sha256: str(r.sha256),
    uploaded_by: str(r.uploaded_by),
    uploaded_at: new Date(r.uploaded_at as string),
  };
}

const ATTACHMENT_COLS = 'id, report_id, name, mime, size, sha256, uploaded_by, uploaded_at';

export async function insertAttachment(
  db: StateTx,
  a: Omit<AttachmentMeta, 'id'>,
  base64: string,
): Promise<AttachmentMeta> {
  const [row] = await db.query<Row>(
    `INSERT INTO promote_attachments (report_id, name, mime, size, sha256, content, uploaded_by, uploaded_at)
     VALUES ($1::bigint, $2, $3, $4, $5, decode($6, 'base64'), $7, $8) RETURNING ${ATTACHMENT_COLS}`,
    [a.report_id, a.name, a.mime, a.size, a.sha256, base64, a.uploaded_by, a.uploaded_at],
  );
  return toAttachment(row as Row);
}

export async function listAttachments(db: StateTx, reportIds: string[]): Promise<AttachmentMeta[]> {
  const rows = await db.query<Row>(
    `SELECT ${ATTACHMENT_COLS} FROM promote_attachments WHERE report_id::text = ANY($1) ORDER BY id`,
    [reportIds],
  );
  return rows.map(toAttachment);
}

export async function getAttachment(
  db: StateTx,
  id: string,
): Promise<{ meta: AttachmentMeta; base64: string } | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const rows = await db.query<Row>(
    `SELECT ${ATTACHMENT_COLS}, encode(content, 'base64') AS b64 FROM promote_attachments WHERE id = $1::bigint`,
    [id],
  );
  const r = rows[0];
  return r ? { meta: toAttachment(r), base64: str(r.b64).replace(/\s+/g, '') } : null;
}

function toNotice(r: Row): Notice {
  return {
    id: str(r.id),
    unit_id: str(r.unit_id),
    item_id: str(r.item_id),
    kind: r.kind as NoticeKind,
    period_key: str(r.period_key),
    message_zh: str(r.message_zh),
    message_en: str(r.message_en),
    created_at: new Date(r.created_at as string),
    read_at: dateOrNull(r.read_at),
    emailed_at: dateOrNull(r.emailed_at),
  };
}

/** Adds a notice unless the same (item, kind, key) exists; returns it when new. */
export async function insertNotice(db: StateTx, n: Omit<Notice, 'id' | 'read_at' | 'emailed_at'>) {
  const rows = await db.query<Row>(
    `INSERT INTO promote_notices (unit_id, item_id, kind, period_key, message_zh, message_en, created_at)
     VALUES ($1, $2::bigint, $3, $4, $5, $6, $7) ON CONFLICT (item_id, kind, period_key) DO NOTHING RETURNING *`,
    [n.unit_id, n.item_id, n.kind, n.period_key, n.message_zh, n.message_en, n.created_at],
  );
  return rows[0] ? toNotice(rows[0]) : null;
}

export async function listNotices(
  db: StateTx,
  f: { units?: string[]; unread?: boolean; unmailed?: boolean },
) {
  const rows = await db.query<Row>(
    `SELECT * FROM promote_notices WHERE ($1::text[] IS NULL OR unit_id = ANY($1))
       AND (NOT $2 OR read_at IS NULL) AND (NOT $3 OR emailed_at IS NULL) ORDER BY id DESC LIMIT 500`,
    [f.units ?? null, f.unread ?? false, f.unmailed ?? false],
  );
  return rows.map(toNotice);
}

export async function markNotice(db: StateTx, id: string, field: 'read_at' | 'emailed_at', now: Date) {
  const col = field === 'read_at' ? 'read_at' : 'emailed_at';
  const rows = await db.query<Row>(
    `UPDATE promote_notices SET ${col} = $2 WHERE id = $1::bigint RETURNING *`,
    [id, now],
  );
  return rows[0] ? toNotice(rows[0]) : null;
}

const toSection = (r: Row): ReportSection => ({
  year: Number(r.year),
  quarter: Number(r.quarter),
  kind: r.kind as SectionKind,
  merged: Boolean(r.merged),
  unit_id: str(r.unit_id),
  body: str(r.body),
  updated_by: str(r.updated_by),
  updated_at: new Date(r.updated_at as string),
});

/** Writes (or rewrites) one free-text section of the city report. */
export async function saveSection(db: StateTx, s: ReportSection): Promise<ReportSection> {
  const [row] = await db.query<Row>(
    `INSERT INTO promote_report_sections (year, quarter, kind, merged, unit_id, body, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (year, quarter, kind, merged, unit_id) DO UPDATE SET body = EXCLUDED.body,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING *`,
    [s.year, s.quarter, s.kind, s.merged, s.unit_id, s.body, s.updated_by, s.updated_at],
  );
  return toSection(row as Row);
}

/** The free-text sections of one report period (quarter 0: the yearly report). */
export async function listSections(db: StateTx, year: number, quarter: number): Promise<ReportSection[]> {
  const rows = await db.query<Row>(
    'SELECT * FROM promote_report_sections WHERE year = $1 AND quarter = $2 ORDER BY kind, merged DESC, unit_id',
    [year, quarter],
  );
  return rows.map(toSection);
}
