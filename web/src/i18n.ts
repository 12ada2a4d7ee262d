// The one message catalog of the web app (zh-CN default, English), the language context and its hook.
// The chosen language persists in localStorage under `fivefin.lang`.
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

const M = {
  app_title: ['金融“五篇大文章”监测平台', 'Five Areas of Finance — Chongqing'],
  login_title: ['登录', 'Log in'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  login: ['登录', 'Log in'],
  logout: ['退出登录', 'Log out'],
  required: ['必填', 'Required'],
  change_password: ['修改密码', 'Change password'],
  change_password_hint: ['首次登录请先修改初始密码', 'Please change your initial password first'],
  current_password: ['当前密码', 'Current password'],
  new_password: ['新密码（至少10位）', 'New password (10+ characters)'],
  confirm_password: ['确认新密码', 'Confirm new password'],
  passwords_differ: ['两次输入的密码不一致', 'The passwords differ'],
  password_changed: ['密码已修改', 'Password changed'],
  save: ['保存', 'Save'],
  loading: ['加载中…', 'Loading…'],
  no_data: ['暂无数据', 'No data'],
  not_available: ['该功能的接口尚未上线', 'This feature’s API is not available yet'],
  error: ['出错了', 'Something went wrong'],
  retry: ['重试', 'Retry'],
  language: ['English', '中文'],
  // roles
  role_admin: ['系统管理员', 'Administrator'],
  role_regulator: ['监管分析员', 'Regulator'],
  role_institution: ['银行报送员', 'Bank officer'],
  role_district: ['区县用户', 'District official'],
  role_auditor: ['审计员（只读）', 'Auditor (read-only)'],
  // menu
  menu_overview: ['城市概览', 'City overview'],
  menu_map: ['区县地图', 'District map'],
  menu_banks: ['银行', 'Banks'],
  menu_district: ['本区县', 'My district'],
  menu_bank: ['本机构', 'My bank'],
  menu_upload: ['数据报送', 'Upload'],
  menu_reconcile: ['口径核对', 'Reconciliation'],
  menu_official: ['官方数据', 'Official series'],
  menu_assess: ['考核评价', 'Assessment'],
  menu_promote: ['联动推进', 'Joint promotion'],
  menu_audit: ['审计日志', 'Audit log'],
  // areas
  area_tech: ['科技金融', 'Tech finance'],
  area_green: ['绿色金融', 'Green finance'],
  area_inclusive: ['普惠金融', 'Inclusive finance'],
  area_pension: ['养老金融', 'Pension finance'],
  area_digital: ['数字金融', 'Digital finance'],
  area_all5: ['五篇合计', 'Five areas'],
  area_all_loans: ['全部贷款', 'All loans'],
  // overview
  target_2027: ['2027年目标', '2027 target'],
  latest_value: ['最新余额（亿元）', 'Latest balance (100m CNY)'],
  progress: ['完成进度', 'Progress'],
  yoy: ['同比', 'YoY'],
  mom: ['环比', 'MoM'],
  actual: ['实际', 'Actual'],
  scenario_current_yoy: ['按当前同比', 'At current YoY'],
  scenario_avg_yoy: ['按近3年平均同比', 'At 3-year average YoY'],
  target: ['目标', 'Target'],
  period: ['报告期', 'Period'],
  yi_yuan: ['亿元', '100m CNY'],
  required_annual_growth: ['所需年均增速', 'Annual growth needed'],
  avg_yoy: ['近3年平均同比', '3-year average YoY'],
  judged_official: ['官方数据', 'Official series'],
  judged_fivefin: ['本平台数据', 'fivefin series'],
  fivefin_value: ['本平台余额（亿元）', 'fivefin balance (100m CNY)'],
  december_yoy: ['各年12月同比', 'December YoY by year'],
  monthly_yoy: ['当年按月监测', 'Monthly this year'],
  readings: ['目标表述口径', 'How the targets are read'],
  assessment_period: ['评估期', 'Assessed period'],
  // official series
  official_import: [
    '导入官方数据（每次导入为一个新版本）',
    'Import official figures (each import a new version)',
  ],
  official_drop: ['拖入或点击选择 CSV / XLSX 文件', 'Drop or pick a CSV / XLSX file'],
  official_reconciliation: ['全市分领域核对（官方 − 本平台）', 'City reconciliation (official − fivefin)'],
  official_completeness: ['各机构文件完整性（各项贷款）', "Each bank file's completeness (各项贷款)"],
  official_versions: ['导入版本', 'Imports'],
  official_value: ['官方数据', 'Official'],
  fivefin_figure: ['本平台', 'fivefin'],
  difference: ['差额', 'Difference'],
  missing_banks: ['未报送机构', 'Banks without a file'],
  under_review: ['审核中报送', 'Under review'],
  exclusions: ['口径剔除', 'Caliber exclusions'],
  provisional: ['临时口径', 'Provisional bases'],
  unexplained: ['未解释差额', 'Unexplained'],
  tolerance: ['容差', 'Tolerance'],
  file_total: ['文件余额', 'File total'],
  entrusted: ['委托贷款', 'Entrusted loans'],
  control_within: ['容差内', 'Within tolerance'],
  control_outside: ['超出容差', 'Outside tolerance'],
  control_no_file: ['未报送文件', 'No file'],
  control_no_official: ['无官方报表', 'No official return'],
  // map / tables
  area: ['领域', 'Area'],
  indicator: ['指标', 'Indicator'],
  ind_balance: ['贷款余额', 'Balance'],
  ind_yoy: ['同比增速', 'YoY growth'],
  ind_loan_count: ['贷款笔数', 'Loan count'],
  ind_npl_ratio: ['不良率', 'NPL ratio'],
  district: ['区县', 'District'],
  bank: ['银行', 'Bank'],
  balance_yi: ['余额（亿元）', 'Balance (100m CNY)'],
  loan_count: ['笔数', 'Loans'],
  borrower_count: ['户数', 'Borrowers'],
  share: ['占比', 'Share'],
  rank: ['排名', 'Rank'],
  search: ['搜索', 'Search'],
  export_xlsx: ['导出 XLSX', 'Export XLSX'],
  figures: ['主要指标', 'Figures'],
  code: ['代码', 'Code'],
  ranking_banks: ['银行排名', 'Bank ranking'],
  ranking_districts: ['区县排名', 'District ranking'],
  drill_down: ['穿透查询', 'Drill down'],
  loans: ['贷款明细', 'Loans'],
  loan_id: ['贷款编号', 'Loan id'],
  bases: ['认定依据', 'Bases'],
  explain: ['为何计入', 'Why it counts'],
  rule_version: ['规则版本', 'Rule version'],
  evidence: ['依据来源', 'Evidence'],
  declared: ['机构申报', 'Declared'],
  changed_since: ['分类后登记信息已变化', 'Changed since classification'],
  back: ['返回', 'Back'],
  open: ['查看', 'Open'],
  // upload
  upload_title: ['上传贷款数据文件', 'Upload a loan file'],
  upload_hint: [
    '将文件拖到此处，或点击选择（CSV UTF-8/GB18030、XLSX、JSON Lines）',
    'Drag a file here, or click to choose (CSV UTF-8/GB18030, XLSX, JSON Lines)',
  ],
  upload_template: ['下载报送模板（XLSX）', 'Download the template (XLSX)'],
  encoding_auto: ['编码：自动识别', 'Encoding: automatic'],
  'encoding_utf-8': ['编码：UTF-8', 'Encoding: UTF-8'],
  encoding_gb18030: ['编码：GB18030（GBK）', 'Encoding: GB18030 (GBK)'],
  uploading: ['上传中', 'Uploading'],
  validating: ['校验中…', 'Validating…'],
  accepted: ['已接收', 'Accepted'],
  rejected: ['已拒收', 'Rejected'],
  imported: ['已导入', 'Imported'],
  duplicate: ['重复文件（未变化）', 'Duplicate (no change)'],
  version: ['版本', 'Version'],
  rows: ['行数', 'Rows'],
  errors: ['错误', 'Errors'],
  warnings: ['警告', 'Warnings'],
  rule: ['规则', 'Rule'],
  row: ['行号', 'Row'],
  column: ['列', 'Column'],
  message: ['说明', 'Message'],
  count: ['数量', 'Count'],
  download: ['下载', 'Download'],
  report: ['校验报告', 'Validation report'],
  history: ['报送历史', 'Submission history'],
  submitted_at: ['报送时间', 'Submitted at'],
  review: ['审核', 'Review'],
  rv_needs_explanation: ['待填写校验说明', 'Needs explanation'],
  rv_under_review: ['审核中', 'Under review'],
  rv_approved: ['已通过', 'Approved'],
  rv_returned: ['已退回', 'Returned'],
  rv_explain: ['填写校验说明', 'Explain warnings'],
  rv_approve: ['通过', 'Approve'],
  rv_return: ['退回', 'Return'],
  rv_explain_prompt: ['请填写警告的校验说明', 'Explain the warnings of this submission'],
  rv_reason_prompt: ['请填写退回原因', 'Reason for returning it'],
  status: ['状态', 'Status'],
  file: ['文件', 'File'],
  // reconcile
  reconcile_title: ['申报口径与认定口径核对', 'Declared vs derived areas'],
  kind_declared_not_derived: ['申报未认定', 'Declared, not derived'],
  kind_derived_not_declared: ['认定未申报', 'Derived, not declared'],
  // assess
  assess_title: ['考核评价', 'Assessment'],
  quarter: ['季度', 'Quarter'],
  run_assessment: ['运行考核', 'Run assessment'],
  run_done: ['考核已完成', 'Assessment done'],
  score: ['得分', 'Score'],
  grade: ['等级', 'Grade'],
  peer_group: ['同类机构组', 'Peer group'],
  breakdown: ['指标得分明细', 'Indicator breakdown'],
  weight: ['权重', 'Weight'],
  raw: ['原始值', 'Raw value'],
  normalised: ['标准化得分', 'Normalised'],
  contribution: ['贡献', 'Contribution'],
  peer_median: ['同组中位数', 'Peer median'],
  what_if: ['情景模拟', 'What-if'],
  simulate: ['模拟', 'Simulate'],
  before: ['模拟前', 'Before'],
  after: ['模拟后', 'After'],
  subject_bank: ['银行', 'Bank'],
  subject_district: ['区县', 'District'],
  no_run: ['该季度尚未运行考核', 'No assessment has been run for this quarter'],
  assess_map: ['区县得分地图', 'District map'],
  map_by_score: ['按考核得分着色（颜色越深得分越高）', 'Coloured by score (darker = higher)'],
  map_by_grade: [
    '按已公布的考核等级着色（得分仅对本区县和监管部门可见）',
    'Coloured by the published grade (scores are visible only to the district itself and regulators)',
  ],
  score_history: ['历史得分与排名', 'Score and rank history'],
  // promote
  promote_matrix: ['举措推进矩阵', 'Measures × quarters'],
  my_tasks: ['我的任务', 'My tasks'],
  promote_notices: ['提醒', 'Notices'],
  indicator_check: ['指标核对', 'Indicator check'],
  done_but_falling: ['已完成但指标下降', 'Done but indicator fell'],
  linked_indicators: ['关联指标', 'Linked indicators'],
  indicator_latest: ['最新值', 'Latest value'],
  ind_tech_balance: ['科技贷款余额', 'Tech loans outstanding'],
  ind_tech_first: ['科技企业首贷户数', 'Tech first-time borrowers'],
  ind_green_balance: ['绿色贷款余额', 'Green loans outstanding'],
  ind_inclusive_balance: ['普惠小微贷款余额', 'Inclusive loans outstanding'],
  ind_inclusive_first: ['普惠小微首贷户数', 'Inclusive first-time borrowers'],
  ind_pension_balance: ['养老产业贷款余额', 'Elderly-care loans outstanding'],
  ind_digital_balance: ['数字经济产业贷款余额', 'Digital-economy loans outstanding'],
  quarter_trend: ['分季度走势', 'Trend by quarter'],
  promote_district: ['区县任务', 'District tasks'],
  notice_kind: ['类型', 'Kind'],
  notice_unit: ['单位', 'Unit'],
  notice_message: ['内容', 'Message'],
  notice_time: ['时间', 'Time'],
  measure: ['举措', 'Measure'],
  lead_unit: ['牵头单位', 'Lead unit'],
  file_report: ['报送季度进展', 'File quarterly report'],
  attachment: ['附件', 'Attachment'],
  progress_text: ['进展情况', 'Progress'],
  submit: ['提交', 'Submit'],
  accept: ['通过', 'Accept'],
  return_: ['退回', 'Return'],
  comment: ['意见', 'Comment'],
  quarterly_report: ['季度报告', 'Quarterly report'],
  work_item: ['重点任务', 'Work item'],
  owner_unit: ['责任单位', 'Owner unit'],
  due_quarter: ['完成季度', 'Due quarter'],
  deadline: ['时限', 'Deadline'],
  review_state: ['审核状态', 'Review'],
  review_submitted: ['待审核', 'Submitted'],
  review_returned: ['已退回', 'Returned'],
  review_accepted: ['已通过', 'Accepted'],
  reports: ['季度进展报告', 'Quarterly reports'],
  choose_file: ['选择附件', 'Choose attachment'],
  filed: ['已提交', 'Filed'],
  reviewed: ['已审核', 'Reviewed'],
  event_submit: ['提交', 'filed'],
  event_resubmit: ['重新提交', 're-filed'],
  event_return: ['退回', 'returned'],
  event_accept: ['通过', 'accepted'],
  promo_none: ['无任务', 'No task'],
  promo_done: ['已完成', 'Done'],
  promo_on_track: ['正常推进', 'On track'],
  promo_not_started: ['未开始', 'Not started'],
  promo_at_risk: ['存在风险', 'At risk'],
  promo_overdue: ['已逾期', 'Overdue'],
  // audit
  audit_title: ['审计日志', 'Audit log'],
  at: ['时间', 'Time'],
  actor: ['操作人', 'Actor'],
  action: ['操作', 'Action'],
  object: ['对象', 'Object'],
  ip: ['地址', 'Address'],
  detail: ['详情', 'Detail'],
} as const satisfies Record<string, readonly [string, string]>;

export type MsgKey = keyof typeof M;

export function translate(lang: Lang, key: MsgKey): string {
  return M[key][lang === 'zh' ? 0 : 1];
}

/** Text of a key that is only known at run time (e.g. `area_${area}`); falls back to the raw key. */
export function translateDynamic(lang: Lang, key: string): string {
  const m = (M as Record<string, readonly [string, string]>)[key];
  return m ? m[lang === 'zh' ? 0 : 1] : key;
}

/** Picks the message of a coded API error in the language. */
export function errorText(lang: Lang, e: { message_zh: string; message_en: string }): string {
  return lang === 'zh' ? e.message_zh : e.message_en;
}

export const LANG_KEY = 'fivefin.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export interface LangContextValue {
  lang: Lang;
  setLang(l: Lang): void;
}
export const LangContext = createContext<LangContextValue>({ lang: 'zh', setLang: () => undefined });

/** `const { t, lang, td } = useT()` — t(key), td(dynamic key). */
export function useT() {
  const { lang, setLang } = useContext(LangContext);
  return {
    lang,
    setLang,
    t: (k: MsgKey) => translate(lang, k),
    td: (k: string) => translateDynamic(lang, k),
  };
}
