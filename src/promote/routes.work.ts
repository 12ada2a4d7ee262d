// Promote routes for the work itself: work items, quarterly progress reports and their review, evidence
// attachments and the carry-over of unfinished items to the next year.
import type { FastifyInstance } from 'fastify';

import { PROGRESS_STATUSES } from './domain/model.ts';
import * as q from './queries.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import { E, unwrap, type PromoteRouteContext } from './routes.context.ts';

export function workRoutes(app: FastifyInstance, c: PromoteRouteContext): void {
  const { deps, sdeps, qdeps } = c;
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
      return unwrap(await svc.fileReport(sdeps(req), req.user, p.id, p.quarter, req.body as svc.ReportInput));
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
      await req.audit({
        action: 'promote.attachment.download',
        object_type: 'promote_attachment',
        object_id: (req.params as { id: string }).id,
        detail: { name: a.meta.name, sha256: a.meta.sha256 },
      });
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
}
