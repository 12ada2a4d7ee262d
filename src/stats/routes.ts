// HTTP routes of the statistics (under /api/stats): periods, the city overview, scoped figures by dimension,
// published ranks, 2027 targets, balance history, drill-down, loan explanations, reconciliation and the monthly
// report XLSX. Scoping (docs/api.md): city totals are published to everyone; everything below the city is
// filtered in SQL by the caller's scope (routes.sql.ts); district users get no per-bank rows.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { assertCanSeeInstitution, assertRole, scopeForUser, type Scope } from '../auth/index.ts';
import { listReconciliationItems, reconciliationSummary } from '../classify/reconcile.ts';
import { appError, errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import type { Dim, StatArea } from './dims.ts';
import { defaultPeriod, storedReleasePeriods } from './completeness.ts';
import { explainLoan } from './explain.ts';
import { areaStats, balanceHistory, storedPeriods } from './queries.ts';
import { asOfDate, isAsOfTime } from './asof.ts';
import { buildReport } from './report.ts';
import { reportToXlsx } from './report.xlsx.ts';
import {
  areaSchema,
  codeSchema,
  dimSchema,
  drillSchema,
  explainSchema,
  figuresSchema,
  historySchema,
  obj,
  overviewSchema,
  periodSchema,
  rankingsSchema,
  reconciliationItemSchema,
  reconciliationSummarySchema,
  targetsSchema,
} from './routes.schemas.ts';
import { dataChanged, sendCached, statsCache } from './routes.cache.ts';
import { registerReleaseRoutes } from './routes.release.ts';
import { rankings, scopedDrill, scopedFigures } from './routes.sql.ts';
import { evaluateTargets } from './targets.ts';
import { storedLineFigures } from './lines.sql.ts';
import { listRestatements, replacedFigures, restatePeriods, RestatementError } from './restate.ts';

const periodQuery = obj({ period: periodSchema });

function bankRowScope(request: FastifyRequest): Scope {
  const scope = scopeForUser(request.user);
  if (scope.kind === 'district')
    throw appError('auth.forbidden', { reason: 'no bank-level rows for districts' });
  return scope;
}

/** The caller's scope for figures by `dim`; districts get no per-bank figures. */
function dimScope(request: FastifyRequest, dim: Dim): Scope {
  const scope = scopeForUser(request.user);
  if (scope.kind === 'district' && dim === 'institution')
    throw appError('auth.forbidden', { reason: 'no per-bank figures for districts' });
  return scope;
}

export async function statsRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { analytics } = deps.stores;
  const cache = statsCache(analytics);
  const key = (route: string, scope: Scope, params: unknown) =>
    `${route}|${JSON.stringify(scope)}|${JSON.stringify(params)}`;
  /** A value shared by routes, computed once per data version (its key cannot clash with a route's). */
  const cached = <T>(name: string, compute: () => Promise<T>): Promise<T> =>
    cache.get(`value:${name}`, compute);
  /** The route's answer for this scope and these parameters, as JSON text computed once per data version. */
  const reply = (
    r: FastifyReply,
    route: string,
    scope: Scope,
    params: unknown,
    compute: () => Promise<unknown>,
  ) => sendCached(r, cache, key(route, scope, params), compute);
  const periods = () => cached('periods', () => storedPeriods(analytics));
  registerReleaseRoutes(app, deps);

  /** The requested period, or the newest stored one; 404 when nothing is stored. */
  async function periodOf(p: string | undefined): Promise<string> {
    if (p !== undefined) return p;
    const [latest] = await periods();
    if (!latest) throw appError('not_found', { reason: 'no statistics stored yet' });
    return latest;
  }

  app.get(
    '/stats/periods',
    {
      schema: {
        tags: ['stats'],
        summary: 'Periods with stored statistics, newest first',
        response: {
          200: obj(
            { periods: { type: 'array', items: periodSchema }, latest: { type: ['string', 'null'] } },
            ['periods', 'latest'],
          ),
        },
      },
    },
    async (_request, r) =>
      reply(r, 'periods', { kind: 'all' }, null, async () => {
        const list = await periods();
        return { periods: list, latest: list[0] ?? null };
      }),
  );

  app.get<{ Querystring: { period?: string } }>(
    '/stats/overview',
    {
      schema: {
        tags: ['stats'],
        summary: "City overview of a period (published, every area) and the caller's own figures",
        querystring: periodQuery,
        response: { 200: overviewSchema, ...errorResponses(403, 404) },
      },
    },
    async (request, r) => {
      const scope = scopeForUser(request.user);
      const period = await periodOf(request.query.period);
      return reply(r, 'overview', scope, period, async () => {
        const city = await areaStats(analytics, period, { dim: 'city' });
        const own =
          scope.kind === 'all'
            ? null
            : (await areaStats(analytics, period, { dim: scope.kind, dimValue: scope.code })).figures;
        return { period, scope, city: city.figures, own, provisional: city.provisional };
      });
    },
  );

  app.get<{ Querystring: { period?: string; dim: Dim; area?: StatArea } }>(
    '/stats/figures',
    {
      schema: {
        tags: ['stats'],
        summary: 'Figures by dimension (tables, map); scoped users get their own loans only',
        querystring: obj({ period: periodSchema, dim: dimSchema, area: areaSchema }, ['dim']),
        response: { 200: figuresSchema, ...errorResponses(403, 404) },
      },
    },
    async (request, r) => {
      const { dim, area } = request.query;
      const scope = dimScope(request, dim);
      const period = await periodOf(request.query.period);
      return reply(r, 'figures', scope, [period, dim, area], async () => ({
        period,
        dim,
        scope,
        figures: await scopedFigures(analytics, period, scope, dim, area),
      }));
    },
  );

  app.get<{ Querystring: { period?: string; dim: 'district' | 'institution'; area: StatArea } }>(
    '/stats/rankings',
    {
      schema: {
        tags: ['stats'],
        summary: 'Published ranks of districts or banks by balance; figures only inside the scope',
        querystring: obj(
          {
            period: periodSchema,
            dim: { type: 'string', enum: ['district', 'institution'] },
            area: { ...areaSchema, default: 'all5' },
          },
          ['dim'],
        ),
        response: { 200: rankingsSchema, ...errorResponses(403, 404) },
      },
    },
    async (request, r) => {
      const { dim, area } = request.query;
      const scope = dimScope(request, dim);
      const period = await periodOf(request.query.period);
      return reply(r, 'rankings', scope, [period, dim, area], async () => ({
        period,
        dim,
        area,
        rows: await rankings(analytics, period, dim, area, scope),
      }));
    },
  );

  app.get<{ Querystring: { period?: string } }>(
    '/stats/targets',
    {
      schema: {
        tags: ['stats'],
        summary:
          '2027 targets at a period (default the latest complete one): 进度评估 on the official series where imported, fivefin beside it; scenarios and (scoped) contributions to the gap',
        querystring: periodQuery,
        response: { 200: targetsSchema, ...errorResponses(403) },
      },
    },
    async (request, r) => {
      const scope = scopeForUser(request.user);
      const period = request.query.period;
      return reply(r, 'targets', scope, { period }, async () => {
        const report = await cached(`targets:${period ?? ''}`, async () =>
          evaluateTargets(analytics, {
            period:
              period ??
              defaultPeriod(
                await storedReleasePeriods(analytics, deps.now(), deps.config.reportingDeadline),
              ) ??
              undefined,
          }),
        );
        if (scope.kind === 'all') return report;
        const contributions = Object.fromEntries(
          Object.entries(report.contributions).map(([area, rows]) => [
            area,
            rows.filter((c) => c.dim === scope.kind && c.dim_value === scope.code),
          ]),
        );
        return { ...report, contributions };
      });
    },
  );

  app.get<{ Querystring: { area: StatArea; dim: Dim; dim_value?: string } }>(
    '/stats/history',
    {
      schema: {
        tags: ['stats'],
        summary: 'Balance history of an area (city by default, or one district / institution), oldest first',
        querystring: obj(
          {
            area: { ...areaSchema, default: 'all5' },
            dim: { type: 'string', enum: ['city', 'district', 'institution'], default: 'city' },
            dim_value: codeSchema,
          },
          [],
        ),
        response: { 200: historySchema, ...errorResponses(400, 403) },
      },
    },
    async (request, r) => {
      const { area, dim } = request.query;
      const dimValue = dim === 'city' ? '500000' : request.query.dim_value;
      if (dimValue === undefined) throw appError('request.invalid', { reason: 'dim_value is required' });
      const scope = scopeForUser(request.user);
      if (dim !== 'city' && scope.kind !== 'all' && (scope.kind !== dim || scope.code !== dimValue))
        throw appError('auth.out_of_scope', { [`${dim}_code`]: dimValue });
      return reply(r, 'history', { kind: 'all' }, [area, dim, dimValue], async () => ({
        area,
        dim,
        dim_value: dimValue,
        points: await balanceHistory(analytics, area, { dim, dimValue }),
      }));
    },
  );

  app.get<{
    Querystring: { period?: string; area: StatArea; district?: string; institution?: string; limit: number };
  }>(
    '/stats/drill',
    {
      schema: {
        tags: ['stats'],
        summary: 'Drill a figure down: districts → banks (district given) → loans (district and bank given)',
        querystring: obj(
          {
            period: periodSchema,
            area: { ...areaSchema, default: 'all5' },
            district: codeSchema,
            institution: codeSchema,
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          [],
        ),
        response: { 200: drillSchema, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, r) => {
      const scope = scopeForUser(request.user);
      const q = request.query;
      if (q.institution !== undefined && q.district === undefined)
        throw appError('request.invalid', { reason: 'institution needs district' });
      if (scope.kind === 'district') {
        if (q.district !== undefined && q.district !== scope.code)
          throw appError('auth.out_of_scope', { district_code: q.district });
        if (q.district !== undefined)
          throw appError('auth.forbidden', { reason: 'no per-bank rows for districts' });
      }
      if (scope.kind === 'institution' && q.institution !== undefined && q.institution !== scope.code)
        throw appError('auth.out_of_scope', { institution_code: q.institution });
      const period = await periodOf(q.period);
      return reply(r, 'drill', scope, { ...q, period }, () =>
        scopedDrill(analytics, { ...q, period }, scope),
      );
    },
  );

  app.get<{ Params: { institution: string; loan_id: string }; Querystring: { period?: string } }>(
    '/stats/loans/:institution/:loan_id/explain',
    {
      schema: {
        tags: ['stats'],
        summary: 'Why a loan counts: stored labels and the same loan re-evaluated, with evidence',
        params: obj({ institution: codeSchema, loan_id: { type: 'string', minLength: 1, maxLength: 64 } }, [
          'institution',
          'loan_id',
        ]),
        querystring: periodQuery,
        response: { 200: explainSchema, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const { institution, loan_id } = request.params;
      bankRowScope(request);
      assertCanSeeInstitution(request.user, institution);
      const r = await explainLoan(analytics, institution, loan_id, request.query.period);
      if (!r) throw appError('not_found');
      return r;
    },
  );

  app.get<{ Querystring: { period?: string; institution?: string; limit: number; offset: number } }>(
    '/stats/reconciliation',
    {
      schema: {
        tags: ['stats'],
        summary: "Disagreements between banks' declared areas and derived labels (loan level)",
        querystring: obj(
          {
            period: periodSchema,
            institution: codeSchema,
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          [],
        ),
        response: {
          200: obj({ period: periodSchema, items: { type: 'array', items: reconciliationItemSchema } }, [
            'period',
            'items',
          ]),
          ...errorResponses(403, 404),
        },
      },
    },
    async (request) => {
      const scope = bankRowScope(request);
      const q = request.query;
      if (q.institution !== undefined) assertCanSeeInstitution(request.user, q.institution);
      const institution = scope.kind === 'institution' ? scope.code : q.institution;
      const period = await periodOf(q.period);
      const items = await listReconciliationItems(analytics, period, {
        institution,
        limit: q.limit,
        offset: q.offset,
      });
      return { period, items };
    },
  );

  app.get<{ Querystring: { period?: string } }>(
    '/stats/reconciliation/summary',
    {
      schema: {
        tags: ['stats'],
        summary: 'Count and balance of disagreements per bank × area × kind',
        querystring: periodQuery,
        response: {
          200: obj({ period: periodSchema, rows: { type: 'array', items: reconciliationSummarySchema } }, [
            'period',
            'rows',
          ]),
          ...errorResponses(403, 404),
        },
      },
    },
    async (request) => {
      const scope = bankRowScope(request);
      const period = await periodOf(request.query.period);
      const institution = scope.kind === 'institution' ? scope.code : undefined;
      return { period, rows: await reconciliationSummary(analytics, period, { institution }) };
    },
  );

  app.get<{ Querystring: { period?: string; as_of?: string } }>(
    '/stats/report.xlsx',
    {
      schema: {
        tags: ['stats'],
        summary:
          'The monthly statistical report of a period as XLSX, with the release sheet and the targets as of that period; as_of (UTC "YYYY-MM-DD[ HH:MM[:SS]]") reproduces a past publication (per-bank tables: admin, regulator, auditor)',
        querystring: obj({
          period: periodSchema,
          as_of: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$' },
        }),
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      assertRole(request.user, 'admin', 'regulator', 'auditor');
      const period = await periodOf(request.query.period);
      const asOf = request.query.as_of;
      if (asOf !== undefined && !isAsOfTime(asOf)) throw appError('request.invalid', { as_of: asOf });
      const buf = await reportToXlsx(
        await buildReport(analytics, period, { asOf: asOf === undefined ? undefined : asOfDate(asOf) }),
      );
      await request.audit({
        action: 'stats.report.export',
        object_type: 'stats_report',
        object_id: period,
        detail: { format: 'xlsx', bytes: buf.length, as_of: asOf ?? null },
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="fivefin-report-${period}.xlsx"`)
        .send(buf);
    },
  );

  const restatementSchema = obj(
    {
      restatement_id: { type: 'string' },
      period_from: { type: 'string' },
      period_to: { type: 'string' },
      rule_set: { type: 'string' },
      rule_version: { type: 'string' },
      list_versions: { type: 'string' },
      reason: { type: 'string' },
      requested_by: { type: 'string' },
      submissions: { type: 'string' },
      done_at: { type: 'string' },
    },
    [
      'restatement_id',
      'period_from',
      'period_to',
      'rule_set',
      'rule_version',
      'list_versions',
      'reason',
      'requested_by',
      'submissions',
      'done_at',
    ],
  );

  app.post<{ Body: { from: string; to: string; rule_version: string; reason: string } }>(
    '/stats/restatements',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['stats'],
        summary: 'Restate (可比口径) a range of periods under a rule version and the list versions in force',
        body: obj(
          {
            from: periodSchema,
            to: periodSchema,
            rule_version: { type: 'string', minLength: 1, maxLength: 200 },
            reason: { type: 'string', minLength: 1, maxLength: 2000 },
          },
          ['from', 'to', 'rule_version', 'reason'],
        ),
        response: { 201: restatementSchema, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      let r;
      try {
        r = await restatePeriods(
          analytics,
          {
            from: b.from,
            to: b.to,
            ruleVersion: b.rule_version,
            reason: b.reason,
            requestedBy: request.user.username,
          },
          deps.now,
        );
      } catch (e) {
        if (e instanceof RestatementError) throw appError('request.invalid', { reason: e.message });
        throw e;
      }
      await dataChanged(analytics);
      await request.audit({
        action: 'stats.restate',
        object_type: 'restatement',
        object_id: r.restatement_id,
        detail: {
          from: r.period_from,
          to: r.period_to,
          rule_version: r.rule_version,
          submissions: r.submissions,
        },
      });
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/stats/restatements',
    {
      schema: {
        tags: ['stats'],
        summary: 'The restatements done, newest first',
        response: { 200: { type: 'array', items: restatementSchema } },
      },
    },
    async () => listRestatements(analytics),
  );

  app.get<{ Params: { id: string }; Querystring: { period: string } }>(
    '/stats/restatements/:id/replaced',
    {
      schema: {
        tags: ['stats'],
        summary: 'The city figures a restatement replaced (the old rule version, kept readable)',
        params: obj({ id: { type: 'string', pattern: '^[0-9]{1,18}$' } }, ['id']),
        querystring: obj({ period: periodSchema }, ['period']),
        response: {
          200: {
            type: 'array',
            items: obj(
              {
                area: { type: 'string' },
                balance: { type: 'string' },
                borrower_count: { type: 'string' },
                rule_version: { type: 'string' },
              },
              ['area', 'balance', 'borrower_count', 'rule_version'],
            ),
          },
        },
      },
    },
    async (request) => replacedFigures(analytics, request.params.id, request.query.period),
  );

  app.get<{ Querystring: { period?: string } }>(
    '/stats/lines',
    {
      schema: {
        tags: ['stats'],
        summary:
          'City figures of the classify-v2 published lines (含/不含票据融资), each with its rule version',
        querystring: periodQuery,
        response: {
          200: obj(
            {
              period: periodSchema,
              lines: {
                type: 'array',
                items: obj(
                  {
                    report_period: { type: 'string' },
                    line: { type: 'string' },
                    variant: { type: 'string', enum: ['with_bills', 'without_bills'] },
                    borrower_count: { type: 'string' },
                    balance: { type: 'string' },
                    balance_rate: { type: ['string', 'null'] },
                    issued_amount: { type: 'string' },
                    issued_rate: { type: ['string', 'null'] },
                    rule_version: { type: 'string' },
                  },
                  [
                    'report_period',
                    'line',
                    'variant',
                    'borrower_count',
                    'balance',
                    'balance_rate',
                    'issued_amount',
                    'issued_rate',
                    'rule_version',
                  ],
                ),
              },
            },
            ['period', 'lines'],
          ),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const period = await periodOf(request.query.period);
      return { period, lines: await storedLineFigures(analytics, period) };
    },
  );
}
