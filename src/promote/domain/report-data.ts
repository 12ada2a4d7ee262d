// The data of the city's quarterly and yearly progress reports (季度/年度推进情况报告): one summary row per
// measure and one detail row per work item, in Chinese, led by the statistics of the period (city figures).
// Rendered to XLSX and printable HTML elsewhere.
import {
  reportPeriod,
  type AreaFigure,
  type CityFigures,
  type Highlight,
  type TargetLine,
} from './city-figures.ts';
import type { Quarter, Unit } from './model.ts';
import type { PlanMeasure } from './plan.ts';
import type { SectionKind, SectionParagraph } from './sections.ts';
import type { ItemView } from './views.ts';

export const STATUS_ZH: Record<string, string> = {
  not_started: '未启动',
  on_track: '按计划推进',
  at_risk: '存在风险',
  done: '已完成',
  none: '未填报',
};
export const REVIEW_ZH: Record<string, string> = {
  submitted: '待审核',
  returned: '已退回',
  accepted: '已通过',
};
export const DEADLINE_ZH: Record<string, string> = {
  done: '已完成',
  overdue: '逾期',
  due_soon: '临近到期',
  pending: '未到期',
  carried_over: '已结转',
};

export interface ReportSummaryRow {
  label: string;
  title: string;
  lead_units: string;
  items: number;
  done: number;
  on_track: number;
  at_risk: number;
  overdue: number;
  no_report: number;
}

export interface ReportDetailRow {
  measure: string;
  title: string;
  owner: string;
  co_units: string;
  deliverable: string;
  due: string;
  status: string;
  review: string;
  deadline: string;
  narrative: string;
  flags: string;
}

export interface ProgressReportData {
  title: string;
  year: number;
  quarter: Quarter | null;
  /** The month-end period the figures stand on. */
  period: string;
  generated_at: string;
  /** The statistics the report leads with; null when none are stored for the period (or none supplied). */
  figures: CityFigures | null;
  /** Problems, next steps and requests: the coordinator's merged text or each unit's. */
  sections: Record<SectionKind, SectionParagraph[]>;
  totals: { items: number; done: number; at_risk: number; overdue: number };
  summary: ReportSummaryRow[];
  details: ReportDetailRow[];
}

/** Builds the report. `views` are the year's items with the latest report up to the quarter; narratives by item id. */
export function buildProgressReport(input: {
  year: number;
  quarter: Quarter | null;
  generatedAt: string;
  measures: PlanMeasure[];
  units: Unit[];
  views: ItemView[];
  narratives: Record<string, string>;
  figures: CityFigures | null;
  sections: Record<SectionKind, SectionParagraph[]>;
}): ProgressReportData {
  const name = (id: string) => input.units.find((u) => u.id === id)?.name ?? id;
  const period = input.quarter ? `${input.year}年第${input.quarter}季度` : `${input.year}年度`;
  const views = input.views.filter((v) => v.item.year === input.year);
  const summary = input.measures.map((m): ReportSummaryRow => {
    const vs = views.filter((v) => v.item.measure_no === m.no);
    return {
      label: m.label,
      title: m.title,
      lead_units: m.lead_units.join('、'),
      items: vs.length,
      done: vs.filter((v) => v.item.state === 'done').length,
      on_track: vs.filter((v) => v.status === 'on_track' && v.deadline !== 'overdue').length,
      at_risk: vs.filter((v) => v.at_risk).length,
      overdue: vs.filter((v) => v.deadline === 'overdue').length,
      no_report: vs.filter((v) => v.latest === null).length,
    };
  });
  const label = (no: number) => input.measures.find((m) => m.no === no)?.label ?? String(no);
  const details = [...views]
    .sort((a, b) => a.item.measure_no - b.item.measure_no || a.item.due_quarter - b.item.due_quarter)
    .map((v): ReportDetailRow => ({
      measure: label(v.item.measure_no),
      title: v.item.title,
      owner: name(v.item.owner_unit),
      co_units: v.item.co_units.map(name).join('、'),
      deliverable: v.item.deliverable,
      due: `${v.item.year}年第${v.item.due_quarter}季度`,
      status: STATUS_ZH[v.status ?? 'none'] ?? '',
      review: v.latest ? (REVIEW_ZH[v.latest.review_state] ?? '') : '',
      deadline: DEADLINE_ZH[v.deadline] ?? '',
      narrative: input.narratives[v.item.id] ?? '',
      flags: [v.done_but_falling ? '已完成但指标下降' : '', v.item.carried_from ? '上年结转' : '']
        .filter(Boolean)
        .join('；'),
    }));
  return {
    title: `重庆市金融“五篇大文章”联合推进机制${period}工作推进情况报告`,
    year: input.year,
    quarter: input.quarter,
    period: reportPeriod(input.year, input.quarter),
    generated_at: input.generatedAt,
    figures: input.figures,
    sections: input.sections,
    totals: {
      items: views.length,
      done: summary.reduce((n, r) => n + r.done, 0),
      at_risk: summary.reduce((n, r) => n + r.at_risk, 0),
      overdue: summary.reduce((n, r) => n + r.overdue, 0),
    },
    summary,
    details,
  };
}

export const SUMMARY_HEADERS: [keyof ReportSummaryRow, string][] = [
  ['label', '序号'],
  ['title', '措施'],
  ['lead_units', '牵头单位'],
  ['items', '重点任务数'],
  ['done', '已完成'],
  ['on_track', '按计划推进'],
  ['at_risk', '存在风险'],
  ['overdue', '逾期'],
  ['no_report', '未填报'],
];

export const DETAIL_HEADERS: [keyof ReportDetailRow, string][] = [
  ['measure', '措施'],
  ['title', '重点任务'],
  ['owner', '责任单位'],
  ['co_units', '配合单位'],
  ['deliverable', '工作成果'],
  ['due', '完成时限'],
  ['status', '进展状态'],
  ['review', '审核状态'],
  ['deadline', '时限情况'],
  ['narrative', '进展情况'],
  ['flags', '提示'],
];

export const AREA_HEADERS: [keyof AreaFigure, string][] = [
  ['label', '领域'],
  ['balance', '余额（元）'],
  ['ytd_increase', '比年初增加（元）'],
  ['yoy', '同比增长（%）'],
];

/** A target line as printed: ratios as percentages with 2 decimals. */
export type TargetRow = Omit<TargetLine, 'progress' | 'required_annual_growth'> & {
  progress: string;
  required_annual_growth: string;
};

const pct = (v: number | null): string => (v === null ? '' : (v * 100).toFixed(2));

export function targetRow(t: TargetLine): TargetRow {
  return { ...t, progress: pct(t.progress), required_annual_growth: pct(t.required_annual_growth) };
}

export const TARGET_HEADERS: [keyof TargetRow, string][] = [
  ['label', '2027年目标'],
  ['target', '目标值'],
  ['latest_value', '当前值'],
  ['progress', '完成进度（%）'],
  ['required_annual_growth', '所需年均增速（%）'],
  ['scenario_current', '按当前同比测算2027年末'],
  ['scenario_avg', '按3年平均增速测算2027年末'],
  ['status', '研判'],
];

/** A highlight as printed, its dimension in Chinese. */
export type HighlightRow = Omit<Highlight, 'dim'> & { dim: string };

export function highlightRow(h: Highlight): HighlightRow {
  return { ...h, dim: h.dim === 'district' ? '区县' : '银行' };
}

export const HIGHLIGHT_HEADERS: [keyof HighlightRow, string][] = [
  ['dim', '类别'],
  ['label', '名称'],
  ['balance', '五篇大文章贷款余额（元）'],
  ['ytd_increase', '比年初增加（元）'],
  ['yoy', '同比增长（%）'],
];
