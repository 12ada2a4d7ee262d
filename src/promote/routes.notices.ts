// Promote routes for reminders (due-soon and overdue notices), the city's progress report (XLSX or HTML) and
// its free-text sections per unit.
import type { FastifyInstance } from 'fastify';

import { actingUnits, isCoordinator } from './domain/access.ts';
import { fail, promoteError } from './domain/errors.ts';
import { isQuarter } from './domain/model.ts';
import { SECTION_KINDS } from './domain/sections.ts';
import { refreshNotices } from './notices.ts';
import * as q from './queries.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import * as store from './store.ts';
import { E, toAppError, unwrap, unwrapError, type PromoteRouteContext } from './routes.context.ts';

export function noticeRoutes(app: FastifyInstance, c: PromoteRouteContext): void {
  const { db, deps, opts, qdeps } = c;
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

  app.put(
    '/promote/report/sections',
    {
      schema: {
        tags: ['promote'],
        summary: '填写推进情况报告的存在问题、下一步工作、意见建议（本单位，或牵头单位汇总稿）',
        body: s.obj(
          {
            year: { type: 'integer', minimum: 2000, maximum: 2100 },
            quarter: { type: 'integer', minimum: 0, maximum: 4 },
            kind: { type: 'string', enum: [...SECTION_KINDS] },
            body: { type: 'string', maxLength: 20000 },
            merged: { type: 'boolean' },
            unit: { type: 'string', maxLength: 200 },
          },
          ['year', 'quarter', 'kind', 'body'],
        ),
        response: { 200: s.sectionSchema, ...E },
      },
    },
    async (req) => unwrap(await svc.fileSection(c.sdeps(req), req.user, req.body as svc.SectionInput)),
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
      await req.audit({
        action: 'promote.report.export',
        object_type: 'promote_report',
        object_id: base,
        detail: { format: qs.format ?? 'xlsx', year: qs.year, quarter: qs.quarter ?? null },
      });
      if (qs.format === 'html')
        return reply.header('content-type', 'text/html; charset=utf-8').send(renderReportHtml(data));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${base}.xlsx"`)
        .send(await renderReportXlsx(data));
    },
  );
}
