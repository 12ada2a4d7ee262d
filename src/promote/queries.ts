// Read side: loads items and reports from the state store, indicator values through the injected
// IndicatorSeries, and hands them to the pure view builders. Pure data out, ready for a page or a report.
import type { StateTx } from '../store/state/pg.ts';
import { mayReadReport, type Actor } from './domain/access.ts';
import { fail, ok, type Result } from './domain/errors.ts';
import { MEASURE_INDICATORS, type IndicatorPoint, type IndicatorSeries } from './domain/indicators.ts';
import type { AttachmentMeta, ProgressReport, Quarter, WorkItem } from './domain/model.ts';
import { reportPeriod, type CityFiguresSource } from './domain/city-figures.ts';
import { mergeSections } from './domain/sections.ts';
import { buildProgressReport, type ProgressReportData } from './domain/report-data.ts';
import { quarterOf } from './domain/schedule.ts';
import * as views from './domain/views.ts';
import * as store from './store.ts';

export interface QueryDeps {
  db: StateTx;
  now(): Date;
  /** Values of the linked indicators (from the statistics module); without it, pages show no figures. */
  indicatorSeries?: IndicatorSeries;
  /** The statistics the city report leads with (from the statistics module); without it, a report without them. */
  cityFigures?: CityFiguresSource;
  /** An item is due soon within this many days of its quarter's end (default 15). */
  dueSoonDays?: number;
}

const clock = (d: QueryDeps): views.ViewClock => ({ now: d.now(), dueSoonDays: d.dueSoonDays ?? 15 });

/** Values of the given indicators at the year's quarter ends (Q4 of the year before included). */
export async function indicatorValues(
  deps: QueryDeps,
  ids: string[],
  year: number,
): Promise<Record<string, IndicatorPoint[]>> {
  const out: Record<string, IndicatorPoint[]> = {};
  if (!deps.indicatorSeries) return out;
  for (const id of [...new Set(ids)]) out[id] = await deps.indicatorSeries(id, views.yearPeriods(year));
  return out;
}

async function loadViews(
  deps: QueryDeps,
  items: WorkItem[],
  upToQuarter?: Quarter,
): Promise<views.ItemView[]> {
  if (items.length === 0) return [];
  const reports = await store.listReports(deps.db, { itemIds: items.map((i) => i.id), upToQuarter });
  const years = [...new Set(items.map((i) => i.year))];
  const values: Record<string, IndicatorPoint[]> = {};
  for (const y of years) {
    const got = await indicatorValues(
      deps,
      items.filter((i) => i.year === y).flatMap((i) => i.indicators),
      y,
    );
    for (const [k, v] of Object.entries(got)) values[k] = [...(values[k] ?? []), ...v];
  }
  return views.itemViews(items, reports, clock(deps), values);
}

export async function getMatrix(deps: QueryDeps, year: number) {
  const measures = await store.listMeasures(deps.db);
  const vs = await loadViews(deps, await store.listItems(deps.db, { year }));
  return { year, rows: views.matrix(measures, vs) };
}

export async function getMyTasks(deps: QueryDeps, user: Actor, year: number, units: string[]) {
  const vs = await loadViews(deps, await store.listItems(deps.db, { year, units }));
  return { year, units, tasks: views.myTasks(user, vs, quarterOf(deps.now())) };
}

export async function getMeasurePage(
  deps: QueryDeps,
  no: number,
  year: number,
): Promise<Result<views.MeasurePage>> {
  const measure = (await store.listMeasures(deps.db)).find((m) => m.no === no);
  if (!measure) return fail('PROMOTE_UNKNOWN_MEASURE', { no });
  const items = await store.listItems(deps.db, { year, measure_no: no });
  const ids = [...new Set([...(MEASURE_INDICATORS[no] ?? []), ...items.flatMap((i) => i.indicators)])];
  const values = await indicatorValues(deps, ids, year);
  const reports = await store.listReports(deps.db, { itemIds: items.map((i) => i.id) });
  const vs = views.itemViews(items, reports, clock(deps), values);
  return ok(views.measurePage(measure, year, ids, vs, values));
}

export async function getDistrictPage(deps: QueryDeps, code: string, year: number) {
  const measures = await store.listMeasures(deps.db);
  const vs = await loadViews(deps, await store.listItems(deps.db, { year, district_code: code }));
  return views.districtPage(code, measures, vs);
}

export interface ItemDetail {
  item: WorkItem;
  view: views.ItemView;
  /** Reports with their history and attachments; empty when the user may not read them. */
  reports: (ProgressReport & {
    events: Awaited<ReturnType<typeof store.reportEvents>>;
    attachments: AttachmentMeta[];
  })[];
  readable: boolean;
}

export async function getItemDetail(deps: QueryDeps, user: Actor, id: string): Promise<Result<ItemDetail>> {
  const item = await store.getItem(deps.db, id);
  if (!item) return fail('PROMOTE_NOT_FOUND', { what: `work item ${id}` });
  const [view] = await loadViews(deps, [item]);
  const readable = mayReadReport(user, item);
  const reports = readable ? await store.listReports(deps.db, { itemIds: [item.id] }) : [];
  const attachments = await store.listAttachments(
    deps.db,
    reports.map((r) => r.id),
  );
  const withHistory = [];
  for (const r of reports)
    withHistory.push({
      ...r,
      events: await store.reportEvents(deps.db, r.id),
      attachments: attachments.filter((a) => a.report_id === r.id),
    });
  return view
    ? ok({ item, view, reports: withHistory, readable })
    : fail('PROMOTE_NOT_FOUND', { what: `work item ${id}` });
}

/** The city's progress report for a quarter (reports up to that quarter) or the whole year (quarter null). */
export async function getProgressReport(
  deps: QueryDeps,
  year: number,
  quarter: Quarter | null,
): Promise<ProgressReportData> {
  const measures = await store.listMeasures(deps.db);
  const units = await store.listUnits(deps.db);
  const items = await store.listItems(deps.db, { year });
  const vs = await loadViews(deps, items, quarter ?? undefined);
  const reports = await store.listReports(deps.db, { year, upToQuarter: quarter ?? undefined });
  const narratives: Record<string, string> = {};
  for (const r of reports) narratives[r.item_id] = r.narrative; // ordered by quarter: the latest wins
  return buildProgressReport({
    year,
    quarter,
    generatedAt: deps.now().toISOString(),
    measures,
    units,
    views: vs,
    narratives,
    figures: deps.cityFigures ? await deps.cityFigures(reportPeriod(year, quarter)) : null,
    sections: mergeSections(await store.listSections(deps.db, year, quarter ?? 0), units),
  });
}
