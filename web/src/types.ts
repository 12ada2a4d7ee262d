// Shapes of the API answers the pages read (docs/api.md: loans, registry, stats, assess, promote).

export const AREAS = ['tech', 'green', 'inclusive', 'pension', 'digital'] as const;
export type Area = (typeof AREAS)[number];

export interface Figure {
  report_period: string;
  area: string;
  dim: string;
  dim_value: string;
  dim_label: string;
  balance: string;
  loan_count: string;
  borrower_count: string;
  issued_amount: string;
  avg_issued_rate: string | null;
  credit_share: number | null;
  mlt_share: number | null;
  npl_ratio: number | null;
  mom: number | null;
  yoy: number | null;
  rule_version: string;
}

export interface Periods {
  periods: string[];
  latest: string | null;
}

export interface TargetEvaluation {
  area: string;
  kind: 'level' | 'growth';
  target: string;
  deadline: string;
  latest_period: string | null;
  latest_value: string | null;
  latest_yoy: number | null;
  progress: number | null;
  months_left: number | null;
  required_monthly_growth: number | null;
  trend_monthly_growth: number | null;
  projection: { period: string; central: string; lower: string; upper: string } | null;
  status: 'on_track' | 'at_risk' | 'insufficient_data';
  label_zh: string;
  label_en: string;
}

export interface TargetReport {
  version: string;
  deadline: string;
  evaluations: TargetEvaluation[];
}

export interface History {
  points: { report_period: string; balance: string }[];
}

export interface RankingRow {
  rank: number;
  code: string;
  name: string;
  balance?: string | null;
  yoy?: number | null;
  share?: number | null;
}

export interface DrillRow {
  key: string;
  label: string;
  balance: string;
  loan_count: string;
}
export interface LoanRow {
  institution_code: string;
  loan_id: string;
  borrower_type: string;
  district_code: string;
  industry_code: string;
  balance: string;
  bases: string[];
}
export type Drill =
  { level: 'district' | 'institution'; rows: DrillRow[] } | { level: 'loan'; rows: LoanRow[] };

export interface Violation {
  rule_id: string;
  severity: 'error' | 'warning';
  row: number | null;
  column: string | null;
  value: string | null;
  expected: string | null;
  message_zh: string;
  message_en: string;
}

export interface UploadResult {
  status: 'accepted' | 'rejected' | 'duplicate';
  institution_code: string;
  report_period: string | null;
  version: number | null;
  submission_id: string | null;
  log_id: string;
  rows: number;
  error_count: number;
  warning_count: number;
  violations: Violation[];
  violations_truncated: boolean;
  reports: { json: string; csv: string; xlsx: string } | null;
}

export interface SubmissionItem {
  id: string;
  institution_code: string;
  report_period: string | null;
  status: string;
  version: number | null;
  row_count: number | null;
  error_count: number;
  warning_count: number;
  file_name: string | null;
  actor: string;
  created_at: string;
}
