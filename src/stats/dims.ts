// The dimensions and areas of the stored aggregates (pure allow-lists shared by SQL, queries, CLI and reports).
import { AREAS } from '../loans/spec.ts';

export const DIMS = [
  'city',
  'district',
  'institution',
  'industry_section',
  'industry_division',
  'size',
  'guarantee',
] as const;
export type Dim = (typeof DIMS)[number];

/** The five areas, their deduplicated union and all loans (the denominator of the city overview). */
export const STAT_AREAS = [...AREAS, 'all5', 'all_loans'] as const;
export type StatArea = (typeof STAT_AREAS)[number];

export const AREA_LABELS: Record<StatArea, [string, string]> = {
  tech: ['科技贷款', 'Tech loans'],
  green: ['绿色贷款', 'Green loans'],
  inclusive: ['普惠小微贷款', 'Inclusive small & micro loans'],
  pension: ['养老产业贷款', 'Elderly-care industry loans'],
  digital: ['数字经济产业贷款', 'Digital-economy industry loans'],
  all5: ['五篇大文章合计（去重）', 'Five areas, deduplicated'],
  all_loans: ['全部报送贷款', 'All reported loans'],
};

export const DIM_LABELS: Record<Dim, [string, string]> = {
  city: ['全市', 'City'],
  district: ['区县', 'District'],
  institution: ['机构', 'Institution'],
  industry_section: ['行业门类', 'Industry section'],
  industry_division: ['行业大类', 'Industry division'],
  size: ['企业规模/借款人类型', 'Enterprise size / borrower type'],
  guarantee: ['担保方式', 'Guarantee type'],
};

export function isDim(s: string): s is Dim {
  return (DIMS as readonly string[]).includes(s);
}
export function isStatArea(s: string): s is StatArea {
  return (STAT_AREAS as readonly string[]).includes(s);
}
