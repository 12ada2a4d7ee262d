// The monthly statistical report as plain data (city overview, five areas, targets, districts, banks),
// with its tabular views and a CSV rendering. XLSX rendering is in report.xlsx.ts.
import { AREAS } from '../loans/spec.ts';
import type { Analytics, AnalyticsConn } from '../store/analytics/duckdb.ts';
import { withFiguresAsOf } from './asof.ts';
import { AREA_LABELS, type StatArea } from './dims.ts';
import { areaStats, type AreaFigure, type ProvisionalUse } from './queries.ts';
import { releaseLines, type ReleaseLine } from './release-sheet.sql.ts';
import { ASSESSMENTS } from './targets.domain.ts';
import { evaluateTargets, type TargetReport } from './targets.ts';

export interface ReportData {
  report_period: string;
  /** The time the figures are as of (a past publication reproduced), or null for the figures stored now. */
  as_of: string | null;
  rule_versions: string[];
  targets_version: string;
  city: AreaFigure[];
  districts: AreaFigure[];
  institutions: AreaFigure[];
  targets: TargetReport;
  provisional: ProvisionalUse[];
  /** The city release sheet (PBoC layout) and its 说明. */
  release: ReleaseLine[];
  institutions_reported: number;
  institutions_expected: number;
}

async function assemble(db: AnalyticsConn, period: string, asOf: Date | undefined): Promise<ReportData> {
  const city = await areaStats(db, period, { dim: 'city' });
  const districts = await areaStats(db, period, { dim: 'district' });
  const institutions = await areaStats(db, period, { dim: 'institution' });
  const targets = await evaluateTargets(db, { period, asOf });
  const [n] = await db.all<{ reported: number; expected: number }>(
    // Counted submissions as periodCompleteness counts them (in force — as of the time on an as-of connection —
    // and not held back by review).
    `SELECT (SELECT count(DISTINCT institution_code) FROM submissions WHERE report_period = ?
               AND superseded_at IS NULL AND coalesce(review_status, 'approved') = 'approved')::INTEGER AS reported,
       (SELECT count(*) FROM institutions)::INTEGER AS expected`,
    [period],
  );
  return {
    report_period: period,
    as_of: asOf?.toISOString() ?? null,
    rule_versions: [...new Set(city.figures.map((f) => f.rule_version))].sort(),
    targets_version: targets.version,
    city: city.figures,
    districts: districts.figures,
    institutions: institutions.figures,
    targets,
    provisional: city.provisional,
    release: await releaseLines(db, period),
    institutions_reported: n?.reported ?? 0,
    institutions_expected: n?.expected ?? 0,
  };
}

/**
 * The report of period P: every figure and the targets as of P (never the latest period's), from the figures
 * stored now — or, with `asOf`, as they stood at that time (withFiguresAsOf), reproducing a past publication.
 */
export async function buildReport(
  db: Analytics,
  period: string,
  opts: { asOf?: Date } = {},
): Promise<ReportData> {
  const asOf = opts.asOf;
  return asOf === undefined
    ? assemble(db, period, undefined)
    : withFiguresAsOf(db, period, asOf, (conn) => assemble(conn, period, asOf));
}

/** The 说明 of the release sheet: caliber, rule version, completeness and the provisional parts. */
export function releaseNotes(r: ReportData): string[] {
  return [
    `统计口径：本外币合计折人民币；各项贷款为在报机构报送的全部贷款，五篇大文章按人民银行2025年专项贷款信息采集规范口径（DATA-SPEC v2 §6）认定，合计按贷款去重`,
    `分类规则版本：${r.rule_versions.join('、') || '—'}；目标配置：${r.targets_version}`,
    `报送完整性：${r.institutions_reported} / ${r.institutions_expected} 家机构已报送`,
    ...(r.provisional.length === 0
      ? ['临时口径：无']
      : r.provisional.map(
          (p) =>
            `临时口径：${AREA_LABELS[p.area as StatArea]?.[0] ?? p.area} ${p.basis} ${p.loan_count} 笔，余额 ${p.balance} 元`,
        )),
    `数据时点：${r.as_of === null ? '当前入库数据' : `${r.as_of}（重现当时发布）`}；金额单位亿元（保留2位小数），增速单位%（保留1位小数）`,
  ];
}

/** yi: 亿元 with 2 decimals; pct1: a percentage with 1 decimal (both already rounded decimal strings). */
export type CellKind = 'text' | 'money' | 'count' | 'ratio' | 'rate' | 'yi' | 'pct1';
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
      name: 'release',
      title_zh: '月度发布',
      columns: [
        { key: 'label', header_zh: '指标', header_en: 'Item', kind: 'text' },
        { key: 'balance_yi', header_zh: '余额（亿元）', header_en: 'Balance (CNY 100m)', kind: 'yi' },
        { key: 'yoy_pct', header_zh: '同比增长（%）', header_en: 'YoY (%)', kind: 'pct1' },
        {
          key: 'ytd_increase_yi',
          header_zh: '比年初增加（亿元）',
          header_en: 'Increase YTD (CNY 100m)',
          kind: 'yi',
        },
        {
          key: 'yoy_increase_yi',
          header_zh: '同比增量（亿元）',
          header_en: 'Increase YoY (CNY 100m)',
          kind: 'yi',
        },
        {
          key: 'yoy_extra_increase_yi',
          header_zh: '同比多增（亿元）',
          header_en: 'Extra increase YoY (CNY 100m)',
          kind: 'yi',
        },
        { key: 'rule_version', header_zh: '规则版本', header_en: 'Rule version', kind: 'text' },
      ],
      rows: r.release.map((l) => ({
        ...l,
        label: l.area === 'all_loans' ? '各项贷款' : (AREA_LABELS[l.area as StatArea]?.[0] ?? l.area),
      })),
    },
    {
      name: 'targets',
      title_zh: '2027年目标',
      columns: [
        { key: 'label', header_zh: '目标', header_en: 'Target', kind: 'text' },
        { key: 'reading', header_zh: '表述', header_en: 'Reading', kind: 'text' },
        { key: 'target', header_zh: '目标值', header_en: 'Target value', kind: 'text' },
        { key: 'judged_on', header_zh: '评估数据', header_en: 'Judged on', kind: 'text' },
        { key: 'period', header_zh: '评估期', header_en: 'Period', kind: 'text' },
        { key: 'value', header_zh: '余额（元）', header_en: 'Balance (CNY)', kind: 'money' },
        {
          key: 'fivefin_value',
          header_zh: '本平台余额（元）',
          header_en: 'fivefin balance (CNY)',
          kind: 'money',
        },
        { key: 'yoy', header_zh: '同比增速', header_en: 'YoY growth', kind: 'ratio' },
        { key: 'avg_yoy', header_zh: '近3年平均同比', header_en: '3-year average YoY', kind: 'ratio' },
        { key: 'required', header_zh: '所需年均增速', header_en: 'Annual growth needed', kind: 'ratio' },
        {
          key: 'scenario_current',
          header_zh: '按当前同比至2027-12',
          header_en: 'At current YoY, 2027-12',
          kind: 'money',
        },
        {
          key: 'scenario_avg',
          header_zh: '按3年平均至2027-12',
          header_en: 'At 3-year average, 2027-12',
          kind: 'money',
        },
        { key: 'december', header_zh: '各年12月同比', header_en: 'December YoY by year', kind: 'text' },
        { key: 'status', header_zh: '进度评估', header_en: 'Assessment', kind: 'text' },
      ],
      rows: r.targets.evaluations.map((e) => {
        const judged = e.official ?? e.fivefin;
        const scenario = (name: string) =>
          judged?.scenarios.find((s) => s.name === name)?.value_at_deadline ?? null;
        return {
          label: e.label_zh,
          reading: `${r.targets.strive.label_zh}·${e.reading.label_zh}`,
          target: e.target,
          judged_on: e.judged_on === 'official' ? '官方数据' : '本平台数据',
          period: e.latest_period,
          value: e.latest_value,
          fivefin_value: e.fivefin?.value ?? null,
          yoy: e.latest_yoy,
          avg_yoy: judged?.avg_yoy ?? null,
          required: e.required_annual_growth,
          scenario_current: scenario('current_yoy'),
          scenario_avg: scenario('avg_yoy'),
          december: (judged?.december_yoy ?? [])
            .map((d) => `${d.year}: ${d.yoy === null ? '—' : `${(d.yoy * 100).toFixed(1)}%`}`)
            .join('；'),
          status: ASSESSMENTS[e.status][0],
        };
      }),
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
