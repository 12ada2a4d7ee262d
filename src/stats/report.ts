// The monthly statistical report as plain data (city overview, five areas, targets, districts, banks),
// with its tabular views and a CSV rendering. XLSX rendering is in report.xlsx.ts.
import { AREAS } from '../loans/spec.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { AREA_LABELS, type StatArea } from './dims.ts';
import { areaStats, type AreaFigure, type ProvisionalUse } from './queries.ts';
import { evaluateTargets, type TargetReport } from './targets.ts';

export interface ReportData {
  report_period: string;
  rule_versions: string[];
  targets_version: string;
  city: AreaFigure[];
  districts: AreaFigure[];
  institutions: AreaFigure[];
  targets: TargetReport;
  provisional: ProvisionalUse[];
}

export async function buildReport(db: AnalyticsConn, period: string): Promise<ReportData> {
  const city = await areaStats(db, period, { dim: 'city' });
  const districts = await areaStats(db, period, { dim: 'district' });
  const institutions = await areaStats(db, period, { dim: 'institution' });
  const targets = await evaluateTargets(db);
  return {
    report_period: period,
    rule_versions: [...new Set(city.figures.map((f) => f.rule_version))].sort(),
    targets_version: targets.version,
    city: city.figures,
    districts: districts.figures,
    institutions: institutions.figures,
    targets,
    provisional: city.provisional,
  };
}

export type CellKind = 'text' | 'money' | 'count' | 'ratio' | 'rate';
export interface Column {
  key: string;
  header_zh: string;
  header_en: string;
  kind: CellKind;
}
export interface View {
  name: string;
  title_zh: string;
  columns: Column[];
  rows: Record<string, string | number | null>[];
}

const FIGURE_COLUMNS: Column[] = [
  { key: 'area_label', header_zh: '领域', header_en: 'Area', kind: 'text' },
  { key: 'balance', header_zh: '贷款余额（元）', header_en: 'Balance (CNY)', kind: 'money' },
  { key: 'loan_count', header_zh: '贷款笔数', header_en: 'Loans', kind: 'count' },
  { key: 'borrower_count', header_zh: '借款人户数', header_en: 'Borrowers', kind: 'count' },
  { key: 'issued_amount', header_zh: '当月发放额（元）', header_en: 'Issued in month (CNY)', kind: 'money' },
  {
    key: 'avg_issued_rate',
    header_zh: '发放加权平均利率（%）',
    header_en: 'Issuance-weighted rate (%)',
    kind: 'rate',
  },
  { key: 'credit_share', header_zh: '信用贷款占比', header_en: 'Credit-loan share', kind: 'ratio' },
  { key: 'mlt_share', header_zh: '中长期贷款占比', header_en: 'Medium/long-term share', kind: 'ratio' },
  { key: 'npl_ratio', header_zh: '不良贷款率', header_en: 'NPL ratio', kind: 'ratio' },
  { key: 'first_loan_borrowers', header_zh: '首贷户数', header_en: 'First-loan borrowers', kind: 'count' },
  { key: 'mom', header_zh: '环比增速', header_en: 'MoM growth', kind: 'ratio' },
  { key: 'yoy', header_zh: '同比增速', header_en: 'YoY growth', kind: 'ratio' },
  { key: 'rule_version', header_zh: '规则版本', header_en: 'Rule version', kind: 'text' },
  { key: 'submissions', header_zh: '报送版本', header_en: 'Submission ids', kind: 'text' },
];

function figureRow(f: AreaFigure): Record<string, string | number | null> {
  return {
    dim_value: f.dim_value,
    dim_label: f.dim_label,
    area_label: AREA_LABELS[f.area as StatArea]?.[0] ?? f.area,
    balance: f.balance,
    loan_count: f.loan_count,
    borrower_count: f.borrower_count,
    issued_amount: f.issued_amount,
    avg_issued_rate: f.avg_issued_rate,
    credit_share: f.credit_share,
    mlt_share: f.mlt_share,
    npl_ratio: f.npl_ratio,
    first_loan_borrowers: f.first_loan_borrowers,
    mom: f.mom,
    yoy: f.yoy,
    rule_version: f.rule_version,
    submissions: f.submission_ids.join(','),
  };
}

const byArea = (figs: AreaFigure[], keep: readonly string[]) =>
  figs.filter((f) => keep.includes(f.area)).sort((a, b) => keep.indexOf(a.area) - keep.indexOf(b.area));

/** The report's views, one per sheet / CSV file. */
export function reportViews(r: ReportData): View[] {
  const unit = (zh: string, key: string): Column[] => [
    { key: 'dim_value', header_zh: `${zh}代码`, header_en: `${key} code`, kind: 'text' },
    { key: 'dim_label', header_zh: zh, header_en: key, kind: 'text' },
  ];
  return [
    {
      name: 'overview',
      title_zh: '全市概览',
      columns: FIGURE_COLUMNS,
      rows: byArea(r.city, ['all_loans', 'all5']).map(figureRow),
    },
    {
      name: 'areas',
      title_zh: '五篇大文章',
      columns: FIGURE_COLUMNS,
      rows: byArea(r.city, AREAS).map(figureRow),
    },
    {
      name: 'targets',
      title_zh: '2027年目标',
      columns: [
        { key: 'label', header_zh: '目标', header_en: 'Target', kind: 'text' },
        { key: 'target', header_zh: '目标值', header_en: 'Target value', kind: 'text' },
        { key: 'latest_period', header_zh: '最新期', header_en: 'Latest period', kind: 'text' },
        {
          key: 'latest_value',
          header_zh: '最新余额（元）',
          header_en: 'Latest balance (CNY)',
          kind: 'money',
        },
        { key: 'latest_yoy', header_zh: '同比增速', header_en: 'YoY growth', kind: 'ratio' },
        { key: 'progress', header_zh: '完成进度', header_en: 'Progress', kind: 'ratio' },
        { key: 'required', header_zh: '所需月均增速', header_en: 'Monthly growth needed', kind: 'ratio' },
        { key: 'trend', header_zh: '当前月均增速（趋势）', header_en: 'Trend monthly growth', kind: 'ratio' },
        { key: 'central', header_zh: '2027-12预测', header_en: 'Projection 2027-12', kind: 'money' },
        { key: 'lower', header_zh: '预测下限（95%）', header_en: 'Lower (95 %)', kind: 'money' },
        { key: 'upper', header_zh: '预测上限（95%）', header_en: 'Upper (95 %)', kind: 'money' },
        { key: 'status', header_zh: '状态', header_en: 'Status', kind: 'text' },
      ],
      rows: r.targets.evaluations.map((e) => ({
        label: e.label_zh,
        target: e.target,
        latest_period: e.latest_period,
        latest_value: e.latest_value,
        latest_yoy: e.latest_yoy,
        progress: e.progress,
        required: e.required_monthly_growth,
        trend: e.trend_monthly_growth,
        central: e.projection?.central ?? null,
        lower: e.projection?.lower ?? null,
        upper: e.projection?.upper ?? null,
        status: { on_track: '按进度', at_risk: '有风险', insufficient_data: '数据不足' }[e.status],
      })),
    },
    {
      name: 'districts',
      title_zh: '区县',
      columns: [...unit('区县', 'District'), ...FIGURE_COLUMNS],
      rows: r.districts.map(figureRow),
    },
    {
      name: 'institutions',
      title_zh: '机构',
      columns: [...unit('机构', 'Institution'), ...FIGURE_COLUMNS],
      rows: r.institutions.map(figureRow),
    },
  ];
}

/** Neutralises spreadsheet formula injection: text starting with = + - @ (or tab / CR) gets a leading quote. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(v: string | number | null, kind: CellKind): string {
  if (v === null) return '';
  const s = kind === 'text' ? safeText(String(v)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One view as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese headers). */
export function viewToCsv(v: View): string {
  const head = v.columns.map((c) => csvCell(c.header_zh, 'text')).join(',');
  const body = v.rows.map((r) => v.columns.map((c) => csvCell(r[c.key] ?? null, c.kind)).join(','));
  return '\ufeff' + [head, ...body].join('\r\n') + '\r\n';
}
