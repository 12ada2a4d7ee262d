// HTTP routes of the joint promotion mechanism under /api/promote: page data (matrix, my tasks, measure and
// district pages, item detail), work items, quarterly reports and their review, evidence attachments,
// carry-over, notices and the city's progress report (XLSX or printable HTML). Handlers: validate → authorize
// (in the service) → domain call → respond; refusals are the promote error catalog's coded errors.
import type { FastifyRequest } from 'fastify';

import { AppError, errorResponses } from '../http/errors.ts';
import type { RouteDeps, RoutesPlugin } from '../http/route-context.ts';
import { actingUnits, isCoordinator, districtUnitId } from './domain/access.ts';
import { fail, promoteError, type PromoteError, type Result } from './domain/errors.ts';
import type { IndicatorSeries } from './domain/indicators.ts';
import { PROGRESS_STATUSES, isQuarter } from './domain/model.ts';
import { quarterOf } from './domain/schedule.ts';
import { refreshNotices } from './notices.ts';
import * as q from './queries.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import * as store from './store.ts';

export interface PromoteRouteOptions {
  /** Values of the linked indicators, from the statistics module (pages show no figures without it). */
  indicatorSeries?: IndicatorSeries;
  /** The same, built from the route dependencies (the stores exist only at registration). */
  indicatorSeriesFor?: (deps: RouteDeps) => IndicatorSeries;
  dueSoonDays?: number;
}

function toAppError(e: PromoteError): AppError {
  return new AppError(
    e.code,
    { status: e.status, message_zh: e.message_zh, message_en: e.message_en },
    e.params,
  );
}

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw toAppError(r.error);
  return r.value;
}

const E = errorResponses(400, 401, 403, 404, 409, 413);

export function createPromoteRoutes(opts: PromoteRouteOptions = {}): RoutesPlugin {
  return async (app, deps) => {
    const db = deps.stores.state;
    const sdeps = (req: FastifyRequest): svc.PromoteDeps => ({
      db,
      now: deps.now,
      audit: (e) =>
        req.audit({ action: e.action, object_type: e.object_type, object_id: e.object_id, detail: e.detail }),
    });
    const qdeps: q.QueryDeps = {
      db,
      now: deps.now,
      indicatorSeries: opts.indicatorSeries ?? opts.indicatorSeriesFor?.(deps),
      dueSoonDays: opts.dueSoonDays,
    };
    const yearOf = (req: FastifyRequest) =>
      (req.query as { year?: number }).year ?? quarterOf(deps.now()).year;
    // The plan and the directory of plan units and districts are always present (idempotent upsert), seeded
    // before the first promote request is served — not at registration, which must touch no store.
    let seeded: Promise<void> | null = null;
    app.addHook('onRequest', async () => {
      seeded ??= svc.seedPlanAndUnits({ db, now: deps.now, audit: deps.audit }).then(
        () => undefined,
        (e: unknown) => {
          seeded = null;
          throw e;
        },
      );
      await seeded;
    });

    app.get(
      '/promote/measures',
      {
        schema: {
          tags: ['promote'],
          summary: '17项措施及责任单位',
          response: { 200: { type: 'array', items: s.measureSchema }, ...E },
        },
      },
      async () => store.listMeasures(db),
    );

    app.get(
      '/promote/units',
      {
        schema: {
          tags: ['promote'],
          summary: '责任单位名录',
          response: { 200: { type: 'array', items: s.unitSchema }, ...E },
        },
      },
      async () => store.listUnits(db),
    );

    app.post(
      '/promote/units/seed',
      {
        schema: {
          tags: ['promote'],
          summary: '登记金融机构为责任单位',
          body: s.obj({
            institutions: {
              type: 'array',
              maxItems: 1000,
              items: s.obj(
                {
                  code: { type: 'string', minLength: 1, maxLength: 64 },
                  name: { type: 'string', minLength: 1, maxLength: 200 },
                  email: { type: ['string', 'null'], maxLength: 200 },
                },
                ['code', 'name'],
              ),
            },
          }),
          response: { 200: s.obj({ units: s.int }), ...E },
        },
      },
      async (req) => {
        if (!isCoordinator(req.user)) throw toAppError(promoteError('PROMOTE_FORBIDDEN'));
        const body = req.body as { institutions: { code: string; name: string; email?: string | null }[] };
        await svc.seedPlanAndUnits(sdeps(req), body.institutions);
        await req.audit({
          action: 'promote.units.seed',
          object_type: 'promote_unit',
          object_id: null,
          detail: { institutions: body.institutions.length },
        });
        return { units: (await store.listUnits(db)).length };
      },
    );

    app.get(
      '/promote/matrix',
      {
        schema: {
          tags: ['promote'],
          summary: '措施×季度推进矩阵',
          querystring: s.yearQuery,
          response: { 200: s.matrixSchema, ...E },
        },
      },
      async (req) => q.getMatrix(qdeps, yearOf(req)),
    );

    app.get(
      '/promote/my-tasks',
      {
        schema: {
          tags: ['promote'],
          summary: '本单位任务',
          querystring: s.yearQuery,
          response: { 200: s.myTasksSchema, ...E },
        },
      },
      async (req) => q.getMyTasks(qdeps, req.user, yearOf(req), actingUnits(req.user)),
    );

    app.get(
      '/promote/measures/:no/page',
      {
        schema: {
          tags: ['promote'],
          summary: '措施页：任务进展与关联指标',
          params: s.obj({ no: { type: 'integer', minimum: 1, maximum: 99 } }),
          querystring: s.yearQuery,
          response: { 200: s.measurePageSchema, ...E },
        },
      },
      async (req) => unwrap(await q.getMeasurePage(qdeps, (req.params as { no: number }).no, yearOf(req))),
    );

    app.get(
      '/promote/districts/:code',
      {
        schema: {
          tags: ['promote'],
          summary: '区县页：本地任务',
          params: s.obj({ code: { type: 'string', pattern: '^50[0-9]{4}$' } }),
          querystring: s.yearQuery,
          response: { 200: s.districtPageSchema, ...E },
        },
      },
      async (req) => {
        const code = (req.params as { code: string }).code;
        if (req.user.role === 'district' && !actingUnits(req.user).includes(districtUnitId(code)))
          throw toAppError(promoteError('PROMOTE_FORBIDDEN'));
        return q.getDistrictPage(qdeps, code, yearOf(req));
      },
    );

    app.post(
      '/promote/items',
      {
        schema: {
          tags: ['promote'],
          summary: '新建年度重点任务',
          body: s.obj(
            {
              year: { type: 'integer', minimum: 2000, maximum: 2100 },
              measure_no: { type: 'integer', minimum: 1, maximum: 99 },
              title: { type: 'string', minLength: 1, maxLength: 500 },
              owner_unit: { type: 'string', minLength: 1, maxLength: 200 },
              co_units: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 },
              deliverable: { type: 'string', maxLength: 2000 },
              due_quarter: { type: 'integer', minimum: 1, maximum: 4 },
              indicators: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 20 },
              district_code: { type: ['string', 'null'], pattern: '^50[0-9]{4}$' },
            },
            ['year', 'measure_no', 'title', 'owner_unit', 'due_quarter'],
          ),
          response: { 201: s.workItemSchema, ...E },
        },
      },
      async (req, reply) => {
        const item = unwrap(await svc.createWorkItem(sdeps(req), req.user, req.body as svc.WorkItemInput));
        return reply.code(201).send(item);
      },
    );

    app.get(
      '/promote/items/:id',
      {
        schema: {
          tags: ['promote'],
          summary: '任务详情、各季度报告、审核记录与附件',
          params: s.idParams,
          response: { 200: s.itemDetailSchema, ...E },
        },
      },
      async (req) => unwrap(await q.getItemDetail(qdeps, req.user, (req.params as { id: string }).id)),
    );

    app.put(
      '/promote/items/:id/reports/:quarter',
      {
        schema: {
          tags: ['promote'],
          summary: '填报（或退回后重新填报）季度进展',
          params: s.obj({
            id: s.idParams.properties.id,
            quarter: { type: 'integer', minimum: 1, maximum: 4 },
          }),
          body: s.obj(
            {
              status: { type: 'string', enum: [...PROGRESS_STATUSES] },
              narrative: { type: 'string', maxLength: 20000 },
              numbers: {
                type: 'object',
                additionalProperties: { type: 'string', maxLength: 40 },
                maxProperties: 50,
              },
            },
            ['status', 'narrative'],
          ),
          response: { 200: s.reportSchema, ...E },
        },
      },
      async (req) => {
        const p = req.params as { id: string; quarter: number };
        return unwrap(
          await svc.fileReport(sdeps(req), req.user, p.id, p.quarter, req.body as svc.ReportInput),
        );
      },
    );

    app.post(
      '/promote/reports/:id/review',
      {
        schema: {
          tags: ['promote'],
          summary: '审核季度进展：通过或退回（须附意见）',
          params: s.idParams,
          body: s.obj(
            {
              decision: { type: 'string', enum: ['accept', 'return'] },
              comment: { type: 'string', maxLength: 5000 },
            },
            ['decision'],
          ),
          response: { 200: s.reportSchema, ...E },
        },
      },
      async (req) => {
        const b = req.body as { decision: 'accept' | 'return'; comment?: string };
        const input: svc.ReviewInput =
          b.decision === 'accept' ? { decision: 'accept' } : { decision: 'return', comment: b.comment ?? '' };
        return unwrap(await svc.reviewReport(sdeps(req), req.user, (req.params as { id: string }).id, input));
      },
    );

    app.post(
      '/promote/reports/:id/attachments',
      {
        bodyLimit: Math.ceil((svc.ATTACHMENT_LIMIT_BYTES * 4) / 3) + 64 * 1024,
        schema: {
          tags: ['promote'],
          summary: '上传佐证材料（base64）',
          params: s.idParams,
          body: s.obj({
            name: { type: 'string', minLength: 1, maxLength: 255 },
            mime: { type: 'string', minLength: 1, maxLength: 127 },
            content_base64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' },
          }),
          response: { 201: s.attachmentSchema, ...E },
        },
      },
      async (req, reply) => {
        const b = req.body as { name: string; mime: string; content_base64: string };
        const limit = Math.min(svc.ATTACHMENT_LIMIT_BYTES, deps.config.maxUploadBytes);
        const meta = unwrap(
          await svc.addAttachment(
            sdeps(req),
            req.user,
            (req.params as { id: string }).id,
            { name: b.name, mime: b.mime, content: Buffer.from(b.content_base64, 'base64') },
            limit,
          ),
        );
        return reply.code(201).send(meta);
      },
    );

    app.get(
      '/promote/attachments/:id',
      {
        schema: {
          tags: ['promote'],
          summary: '下载佐证材料',
          params: s.idParams,
          response: { 200: { type: 'string', format: 'binary' }, ...E },
        },
      },
      async (req, reply) => {
        const a = unwrap(await svc.readAttachment(sdeps(req), req.user, (req.params as { id: string }).id));
        return reply
          .header('content-type', a.meta.mime)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.meta.name)}`)
          .header('x-content-sha256', a.meta.sha256)
          .send(a.content);
      },
    );

    app.post(
      '/promote/carry-over',
      {
        schema: {
          tags: ['promote'],
          summary: '未完成任务结转下一年度',
          body: s.obj(
            {
              from_year: { type: 'integer', minimum: 2000, maximum: 2100 },
              due_quarter: { type: 'integer', minimum: 1, maximum: 4 },
            },
            ['from_year'],
          ),
          response: { 200: { type: 'array', items: s.workItemSchema }, ...E },
        },
      },
      async (req) => {
        const b = req.body as { from_year: number; due_quarter?: number };
        return unwrap(await svc.carryOver(sdeps(req), req.user, b.from_year, b.due_quarter ?? 1));
      },
    );

    app.get(
      '/promote/notices',
      {
        schema: {
          tags: ['promote'],
          summary: '本单位提醒（临近到期、逾期、退回）',
          querystring: s.obj({ unread: { type: 'boolean' } }, []),
          response: { 200: { type: 'array', items: s.noticeSchema }, ...E },
        },
      },
      async (req) => {
        const unread = (req.query as { unread?: boolean }).unread ?? false;
        const all = isCoordinator(req.user) || req.user.role === 'auditor';
        // Due-soon and overdue notices are derived from the clock: bring them up to date first (idempotent).
        await refreshNotices({ db, now: deps.now, dueSoonDays: opts.dueSoonDays });
        return store.listNotices(db, { units: all ? undefined : actingUnits(req.user), unread });
      },
    );

    app.post(
      '/promote/notices/:id/read',
      {
        schema: {
          tags: ['promote'],
          summary: '标记提醒已读',
          params: s.idParams,
          response: { 200: s.noticeSchema, ...E },
        },
      },
      async (req) => {
        const id = (req.params as { id: string }).id;
        const mine = await store.listNotices(db, { units: actingUnits(req.user) });
        if (!mine.some((n) => n.id === id))
          throw toAppError(promoteError('PROMOTE_NOT_FOUND', { what: `notice ${id}` }));
        const n = await store.markNotice(db, id, 'read_at', deps.now());
        if (!n) throw toAppError(promoteError('PROMOTE_NOT_FOUND', { what: `notice ${id}` }));
        return n;
      },
    );

    app.get(
      '/promote/report',
      {
        schema: {
          tags: ['promote'],
          summary: '全市季度/年度推进情况报告（XLSX 或可打印 HTML）',
          querystring: s.obj(
            {
              year: { type: 'integer', minimum: 2000, maximum: 2100 },
              quarter: { type: 'integer', minimum: 1, maximum: 4 },
              format: { type: 'string', enum: ['xlsx', 'html'] },
            },
            ['year'],
          ),
          response: { 200: { type: 'string', format: 'binary' }, ...E },
        },
      },
      async (req, reply) => {
        const qs = req.query as { year: number; quarter?: number; format?: 'xlsx' | 'html' };
        if (qs.quarter !== undefined && !isQuarter(qs.quarter))
          throw toAppError(unwrapError(fail('PROMOTE_BAD_QUARTER')));
        const data = await q.getProgressReport(
          qdeps,
          qs.year,
          qs.quarter !== undefined && isQuarter(qs.quarter) ? qs.quarter : null,
        );
        const base = `promote-${qs.year}${qs.quarter ? `Q${qs.quarter}` : ''}`;
        if (qs.format === 'html')
          return reply.header('content-type', 'text/html; charset=utf-8').send(renderReportHtml(data));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${base}.xlsx"`)
          .send(await renderReportXlsx(data));
      },
    );
  };
}

function unwrapError(r: Result<never>): PromoteError {
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

/** The promote routes with no indicator source (the statistics module passes one via createPromoteRoutes). */
export const promoteRoutes: RoutesPlugin = createPromoteRoutes();
