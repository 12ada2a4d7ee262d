// The use-cases of the joint promotion mechanism: seed the plan and directory, create work items, file and
// review quarterly reports, attach evidence, carry over a year. Each one authorizes, runs the pure life cycle,
// writes in one transaction and appends to the audit log. Refusals come back as coded errors, never thrown.
import { createHash } from 'node:crypto';

import type { AuditEvent } from '../http/route-context.ts';
import type { StateStore } from '../store/state/pg.ts';
import { actingUnits, mayFile, mayManage, mayReadReport, mayReview, type Actor } from './domain/access.ts';
import { planCarryOver } from './domain/carry.ts';
import { fail, ok, type Result } from './domain/errors.ts';
import { isDecimal, isIndicator, MEASURE_INDICATORS } from './domain/indicators.ts';
import { itemAcceptsReports, itemStateAfterAccept, nextReviewState } from './domain/lifecycle.ts';
import {
  isQuarter,
  quarterKey,
  type AttachmentMeta,
  type ProgressReport,
  type ProgressStatus,
  type Quarter,
  type WorkItem,
} from './domain/model.ts';
import { planUnits } from './domain/plan.ts';
import { quarterOf } from './domain/schedule.ts';
import type { ReportSection, SectionKind } from './domain/sections.ts';
import { buildUnitDirectory, type InstitutionRef } from './domain/units.ts';
import { loadPlan } from './plan.load.ts';
import * as store from './store.ts';

export interface PromoteDeps {
  db: StateStore;
  now(): Date;
  audit(event: AuditEvent): Promise<void>;
}

/** Attachments larger than this are refused (evidence, not data files). */
export const ATTACHMENT_LIMIT_BYTES = 10 * 1024 * 1024;

/** Writes the parsed measures and the unit directory (plan units, ref_district's districts, given banks). */
export async function seedPlanAndUnits(
  deps: PromoteDeps,
  institutions: InstitutionRef[] = [],
): Promise<void> {
  const { measures } = loadPlan();
  await deps.db.transaction(async (tx) => {
    await store.saveMeasures(tx, measures);
    const districts = await store.districtsFromReference(tx);
    await store.saveUnits(tx, buildUnitDirectory(planUnits(measures), districts, institutions));
  });
}

export interface WorkItemInput {
  year: number;
  measure_no: number;
  title: string;
  owner_unit: string;
  co_units?: string[];
  deliverable?: string;
  due_quarter: number;
  indicators?: string[];
  district_code?: string | null;
}

export async function createWorkItem(
  deps: PromoteDeps,
  user: Actor,
  input: WorkItemInput,
): Promise<Result<WorkItem>> {
  const allowed = mayManage(user);
  if (!allowed.ok) return allowed;
  if (!isQuarter(input.due_quarter)) return fail('PROMOTE_BAD_QUARTER');
  const dueQuarter: Quarter = input.due_quarter;
  const indicators = input.indicators ?? MEASURE_INDICATORS[input.measure_no] ?? [];
  const unknownIndicator = indicators.find((i) => !isIndicator(i));
  if (unknownIndicator) return fail('PROMOTE_UNKNOWN_INDICATOR', { id: unknownIndicator });
  const result = await deps.db.transaction(async (tx): Promise<Result<WorkItem>> => {
    const measures = await store.listMeasures(tx);
    if (!measures.some((m) => m.no === input.measure_no))
      return fail('PROMOTE_UNKNOWN_MEASURE', { no: input.measure_no });
    const units = new Set((await store.listUnits(tx)).map((u) => u.id));
    const unknownUnit = [input.owner_unit, ...(input.co_units ?? [])].find((u) => !units.has(u));
    if (unknownUnit) return fail('PROMOTE_UNKNOWN_UNIT', { unit: unknownUnit });
    const district =
      input.district_code ?? (input.owner_unit.startsWith('district:') ? input.owner_unit.slice(9) : null);
    const item = await store.insertItem(
      tx,
      {
        year: input.year,
        measure_no: input.measure_no,
        title: input.title,
        owner_unit: input.owner_unit,
        co_units: input.co_units ?? [],
        deliverable: input.deliverable ?? '',
        due_quarter: dueQuarter,
        indicators,
        district_code: district,
        carried_from: null,
      },
      user.id,
      deps.now(),
    );
    return ok(item);
  });
  if (result.ok)
    await deps.audit({
      actor: user.id,
      action: 'promote.item.create',
      object_type: 'promote_work_item',
      object_id: result.value.id,
      detail: { ...input },
    });
  return result;
}

export interface ReportInput {
  status: ProgressStatus;
  narrative: string;
  numbers?: Record<string, string>;
}

/** Files (or re-files after a return) the owner unit's report on an item for one quarter of the item's year. */
export async function fileReport(
  deps: PromoteDeps,
  user: Actor,
  itemId: string,
  quarter: number,
  input: ReportInput,
): Promise<Result<ProgressReport>> {
  if (!isQuarter(quarter)) return fail('PROMOTE_BAD_QUARTER');
  const bad = Object.values(input.numbers ?? {}).find((v) => !isDecimal(v));
  if (bad !== undefined) return fail('PROMOTE_BAD_NUMBER', { value: bad });
  const now = deps.now();
  const result = await deps.db.transaction(async (tx): Promise<Result<ProgressReport>> => {
    const item = await store.getItem(tx, itemId, true);
    if (!item) return fail('PROMOTE_NOT_FOUND', { what: `work item ${itemId}` });
    const allowed = mayFile(user, item);
    if (!allowed.ok) return allowed;
    if (!itemAcceptsReports(item.state)) return fail('PROMOTE_ITEM_CLOSED', { state: item.state });
    const cur = quarterOf(now);
    if (item.year > cur.year || (item.year === cur.year && quarter > cur.quarter))
      return fail('PROMOTE_QUARTER_OUT_OF_RANGE');
    const existing = await store.getReport(tx, item.id, item.year, quarter);
    const next = nextReviewState(existing?.review_state ?? 'none', { kind: 'submit' });
    if (!next.ok) return next;
    const report = await store.writeReport(tx, {
      item_id: item.id,
      year: item.year,
      quarter,
      unit_id: item.owner_unit,
      status: input.status,
      narrative: input.narrative,
      numbers: input.numbers ?? {},
      review_state: next.value,
      submitted_by: user.id,
      submitted_at: now,
    });
    await store.addReportEvent(
      tx,
      report,
      existing?.review_state === 'returned' ? 'resubmit' : 'submit',
      user.id,
      now,
      null,
    );
    return ok(report);
  });
  if (result.ok)
    await deps.audit({
      actor: user.id,
      action: 'promote.report.file',
      object_type: 'promote_report',
      object_id: result.value.id,
      detail: { item_id: itemId, quarter, status: input.status, version: result.value.version },
    });
  return result;
}

export type ReviewInput = { decision: 'accept' } | { decision: 'return'; comment: string };

/** A coordinator accepts a report or returns it with a comment; accepting a 'done' report closes the item. */
export async function reviewReport(
  deps: PromoteDeps,
  user: Actor,
  reportId: string,
  input: ReviewInput,
): Promise<Result<ProgressReport>> {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx): Promise<Result<ProgressReport>> => {
    const report = await store.getReportById(tx, reportId, true);
    if (!report) return fail('PROMOTE_NOT_FOUND', { what: `report ${reportId}` });
    const allowed = mayReview(user, report);
    if (!allowed.ok) return allowed;
    const event =
      input.decision === 'accept'
        ? { kind: 'accept' as const }
        : { kind: 'return' as const, comment: input.comment };
    const next = nextReviewState(report.review_state, event);
    if (!next.ok) return next;
    const comment = input.decision === 'return' ? input.comment.trim() : null;
    const updated = await store.writeReview(tx, report.id, next.value, comment, user.id, now);
    await store.addReportEvent(tx, updated, input.decision, user.id, now, comment);
    const item = await store.getItem(tx, report.item_id, true);
    if (item && next.value === 'accepted') {
      const state = itemStateAfterAccept(item.state, report.status);
      if (state !== item.state) await store.setItemState(tx, item.id, state, now);
    }
    if (item && next.value === 'returned')
      await store.insertNotice(tx, {
        unit_id: item.owner_unit,
        item_id: item.id,
        kind: 'returned',
        period_key: `${quarterKey(report.year, report.quarter)}v${report.version}`,
        message_zh: `“${item.title}”${report.year}年第${report.quarter}季度进展被退回：${comment ?? ''}`,
        message_en: `Your ${quarterKey(report.year, report.quarter)} report on "${item.title}" was returned: ${comment ?? ''}`,
        created_at: now,
      });
    return ok(updated);
  });
  if (result.ok)
    await deps.audit({
      actor: user.id,
      action: `promote.report.${input.decision}`,
      object_type: 'promote_report',
      object_id: reportId,
      detail: input.decision === 'return' ? { comment: input.comment } : {},
    });
  return result;
}

export interface AttachmentInput {
  name: string;
  mime: string;
  content: Buffer;
}

export async function addAttachment(
  deps: PromoteDeps,
  user: Actor,
  reportId: string,
  a: AttachmentInput,
  limitBytes = ATTACHMENT_LIMIT_BYTES,
): Promise<Result<AttachmentMeta>> {
  if (a.content.length === 0) return fail('PROMOTE_ATTACHMENT_EMPTY');
  if (a.content.length > limitBytes) return fail('PROMOTE_ATTACHMENT_TOO_LARGE', { limit: limitBytes });
  const result = await deps.db.transaction(async (tx): Promise<Result<AttachmentMeta>> => {
    const report = await store.getReportById(tx, reportId);
    const item = report && (await store.getItem(tx, report.item_id));
    if (!report || !item) return fail('PROMOTE_NOT_FOUND', { what: `report ${reportId}` });
    const allowed = mayFile(user, item);
    if (!allowed.ok) return allowed;
    if (report.review_state === 'accepted')
      return fail('PROMOTE_ILLEGAL_TRANSITION', { from: 'accepted', event: 'attach' });
    const sha256 = createHash('sha256').update(a.content).digest('hex');
    const meta = {
      report_id: report.id,
      name: a.name,
      mime: a.mime,
      size: a.content.length,
      sha256,
      uploaded_by: user.id,
      uploaded_at: deps.now(),
    };
    return ok(await store.insertAttachment(tx, meta, a.content.toString('base64')));
  });
  if (result.ok)
    await deps.audit({
      actor: user.id,
      action: 'promote.attachment.add',
      object_type: 'promote_attachment',
      object_id: result.value.id,
      detail: { report_id: reportId, name: a.name, size: a.content.length, sha256: result.value.sha256 },
    });
  return result;
}

export async function readAttachment(
  deps: PromoteDeps,
  user: Actor,
  id: string,
): Promise<Result<{ meta: AttachmentMeta; content: Buffer }>> {
  const found = await store.getAttachment(deps.db, id);
  const report = found && (await store.getReportById(deps.db, found.meta.report_id));
  const item = report && (await store.getItem(deps.db, report.item_id));
  if (!found || !item) return fail('PROMOTE_NOT_FOUND', { what: `attachment ${id}` });
  if (!mayReadReport(user, item)) return fail('PROMOTE_FORBIDDEN');
  return ok({ meta: found.meta, content: Buffer.from(found.base64, 'base64') });
}

/** Moves every open item of `fromYear` to the next year (new items linked to the old ones). */
export async function carryOver(
  deps: PromoteDeps,
  user: Actor,
  fromYear: number,
  dueQuarter: number = 1,
): Promise<Result<WorkItem[]>> {
  const allowed = mayManage(user);
  if (!allowed.ok) return allowed;
  if (!isQuarter(dueQuarter)) return fail('PROMOTE_BAD_QUARTER');
  const now = deps.now();
  const created = await deps.db.transaction(async (tx) => {
    const items = await store.listItems(tx, { year: fromYear });
    const out: WorkItem[] = [];
    for (const draft of planCarryOver(items, fromYear, dueQuarter)) {
      out.push(await store.insertItem(tx, draft, user.id, now));
      await store.setItemState(tx, draft.carried_from ?? '', 'carried_over', now);
    }
    return out;
  });
  await deps.audit({
    actor: user.id,
    action: 'promote.item.carry_over',
    object_type: 'promote_work_item',
    object_id: null,
    detail: { from_year: fromYear, created: created.map((i) => [i.carried_from, i.id]) },
  });
  return ok(created);
}

export interface SectionInput {
  year: number;
  /** 1–4, or 0 for the yearly report. */
  quarter: number;
  kind: SectionKind;
  body: string;
  /** The coordinator's merged text (replaces the units' texts in the report). */
  merged?: boolean;
  /** The unit written for (default: the user's first acting unit); must be one of the user's units. */
  unit?: string;
}

/** A unit writes its problems / next steps / requests for a report period, or the coordinator the merged text. */
export async function fileSection(
  deps: PromoteDeps,
  user: Actor,
  input: SectionInput,
): Promise<Result<ReportSection>> {
  if (!Number.isInteger(input.quarter) || input.quarter < 0 || input.quarter > 4)
    return fail('PROMOTE_BAD_QUARTER');
  if (user.role === 'auditor') return fail('PROMOTE_FORBIDDEN');
  const merged = input.merged ?? false;
  if (merged) {
    const allowed = mayManage(user);
    if (!allowed.ok) return allowed;
  }
  const unit = merged ? '' : (input.unit ?? actingUnits(user)[0]);
  if (unit === undefined || (!merged && !actingUnits(user).includes(unit)))
    return fail('PROMOTE_NOT_OWNER', { unit: input.unit ?? '' });
  const saved = await deps.db.transaction((tx) =>
    store.saveSection(tx, {
      year: input.year,
      quarter: input.quarter,
      kind: input.kind,
      merged,
      unit_id: unit,
      body: input.body,
      updated_by: user.id,
      updated_at: deps.now(),
    }),
  );
  await deps.audit({
    actor: user.id,
    action: 'promote.section.file',
    object_type: 'promote_report_section',
    object_id: `${input.year}Q${input.quarter}/${input.kind}/${merged ? 'merged' : unit}`,
    detail: { length: input.body.length },
  });
  return ok(saved);
}
