// Test helper: reads a generated loan file and reports, per row, which spec rules it breaks (rule ids of
// BAD_ROW_KINDS plus general ones). Deliberately independent of the generator's SQL; used by the demo tests only.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import {
  BILL_DISCOUNT_METHODS,
  BORROWER_TYPES,
  BUSINESS_CATEGORIES,
  DIGITAL_CORE,
  INCLUSIVE_FLAGS,
  LOAN_NATURES,
  OWNERSHIPS,
  PENSION_TYPES,
  RENEWAL_TYPES,
  TECH_HTP,
  TECH_HTS,
  TECH_IPI,
  TECH_SEI,
  ENTERPRISE_SIZES,
  FISCAL_SUPPORT,
  GUARANTEE_TYPES,
  LOAN_COLUMN_NAMES,
  PERSON_BORROWER_TYPES,
  PRODUCT_TYPES_V2,
  QUALITIES,
  RELENDING_TOOLS_V2,
} from '../loans/spec.ts';
import { isValidResidentId, isValidUscc } from './ids.ts';

export type LoanRow = Record<string, string>;

export interface RefSets {
  industries: Set<string>;
  districts: Set<string>;
  green2019: Set<string>;
  /** Third-level items of the 2025 catalogue. */
  green2025: Set<string>;
}

export async function refSets(db: AnalyticsConn): Promise<RefSets> {
  const col = async (sql: string) => new Set((await db.all<{ v: string }>(sql)).map((r) => r.v));
  return {
    industries: await col(`SELECT code AS v FROM ref_industry WHERE level = 'class'`),
    districts: await col(`SELECT code AS v FROM ref_district`),
    green2019: await col(`SELECT code AS v FROM ref_green_catalogue WHERE edition = '2019'`),
    green2025: await col(`SELECT gf_code AS v FROM ref_green_catalogue_2025 WHERE level = '3'`),
  };
}

/** All rows of a CSV file as text (empty fields as ''), in file order. */
export async function readCsv(db: AnalyticsConn, path: string): Promise<LoanRow[]> {
  const rows = await db.all<Record<string, string | null>>(
    `SELECT * FROM read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"')`,
    [path],
  );
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ''])));
}

const MONEY = /^\d+\.\d{2}$/;
const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s);
const cents = (s: string) => BigInt(s.replace('.', ''));
const has = (list: readonly string[], v: string) => list.includes(v);

/** Rule ids broken by each row of one file (period = the file's period YYYY-MM). */
export function violations(rows: LoanRow[], period: string, ref: RefSets, header: string[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const [y, m] = period.split('-').map(Number);
  const periodEnd = new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
  if (header.join(',') !== LOAN_COLUMN_NAMES.join(',')) throw new Error('header differs from the spec');
  for (const r of rows) {
    const v: string[] = [];
    const g = (c: string) => r[c] ?? '';
    const entity = has(['enterprise', 'individual_business'], g('borrower_type'));
    if (g('report_period') !== period) v.push('wrong_period');
    if (seen.has(g('loan_id'))) v.push('duplicate_loan_id');
    seen.add(g('loan_id'));
    if (!g('contract_id')) v.push('missing_contract_id');
    if (entity && !isValidUscc(g('borrower_id'))) v.push('uscc_check_digit');
    if (
      has(PERSON_BORROWER_TYPES, g('borrower_type')) &&
      !(isValidResidentId(g('borrower_id')) && g('borrower_id').startsWith('50'))
    )
      v.push('resident_id_check_digit');
    if (entity && !g('borrower_name')) v.push('entity_without_name');
    if (g('borrower_name').startsWith('=')) v.push('formula_injection');
    if (!has(BORROWER_TYPES, g('borrower_type'))) v.push('borrower_type');
    if (g('borrower_type') === 'enterprise' && !g('enterprise_size')) v.push('enterprise_without_size');
    if (g('enterprise_size') && !has(ENTERPRISE_SIZES, g('enterprise_size'))) v.push('enterprise_size');
    if (!ref.industries.has(g('industry_code'))) v.push('unknown_industry');
    // loan-file-v2: a county code outside Chongqing is fine; a 50xxxx code must be Chongqing's.
    const dc = g('district_code');
    if (!ref.districts.has(dc) && (dc.startsWith('50') || !/^\d{4}(0[1-9]|[1-9]\d)$/.test(dc)))
      v.push('unknown_district');
    if (!ref.districts.has(g('branch_district_code'))) v.push('branch_district');
    if (!has(PRODUCT_TYPES_V2, g('product_type'))) v.push('product_type');
    const cat = g('business_category');
    if (!has(BUSINESS_CATEGORIES, cat)) v.push('business_category');
    if ((g('product_type') === 'discount') !== (cat === 'C03')) v.push('bill_product');
    if ((cat === 'C03') !== has(BILL_DISCOUNT_METHODS, g('bill_discount_method'))) v.push('bill_method');
    if (!has(LOAN_NATURES, g('loan_nature'))) v.push('loan_nature');
    if (cat === 'C01' && entity && !has(OWNERSHIPS, g('ownership'))) v.push('ownership');
    if (g('renewal_type') && !has(RENEWAL_TYPES, g('renewal_type'))) v.push('renewal_type');
    const techs: [string, Readonly<Record<string, string>>][] = [
      ['tech_htp', TECH_HTP],
      ['tech_hts', TECH_HTS],
      ['tech_sei', TECH_SEI],
      ['tech_ipi', TECH_IPI],
    ];
    for (const [c, codes] of techs) if (g(c) && (!(g(c) in codes) || cat === 'C02')) v.push(`tech_code:${c}`);
    const flags = g('inclusive_flags') ? g('inclusive_flags').split(';') : [];
    if (flags.some((f) => !has(INCLUSIVE_FLAGS, f))) v.push('unknown_inclusive_flag');
    if (g('pension_type') && !(g('pension_type') in PENSION_TYPES)) v.push('pension_type');
    if (g('digital_core') && !(g('digital_core') in DIGITAL_CORE)) v.push('digital_core');
    const issueOk = isDate(g('issue_date'));
    if (!issueOk || !isDate(g('maturity_date'))) v.push('invalid_date');
    else {
      if (g('issue_date') > g('maturity_date')) v.push('issue_after_maturity');
      if (g('issue_date') > periodEnd) v.push('issue_after_period');
    }
    const item = g('green_item');
    if (item) {
      const ok =
        g('green_edition') === '2025'
          ? ref.green2025.has(item)
          : g('green_edition') === '2019' && ref.green2019.has(item.split('.')[0] ?? '');
      if (!ok) v.push('unknown_green_item');
    }
    if (g('currency') !== 'CNY') v.push('currency');
    for (const c of ['balance', 'issued_amount', 'credit_line_total']) {
      const s = g(c);
      if (s.includes(',')) v.push('amount_thousands_separator');
      else if (s.startsWith('-')) v.push('negative_balance');
      else if (!MONEY.test(s)) v.push(`amount_format:${c}`);
    }
    if (
      MONEY.test(g('balance')) &&
      MONEY.test(g('credit_line_total')) &&
      cents(g('balance')) > cents(g('credit_line_total'))
    )
      v.push('balance_over_line');
    const rate = g('interest_rate');
    if (rate === 'NaN') v.push('rate_nan');
    else if (!/^\d+(\.\d+)?$/.test(rate)) v.push('rate_format');
    else if (Number(rate) > 36) v.push('rate_out_of_range');
    if (!has(GUARANTEE_TYPES, g('guarantee_type'))) v.push('unknown_guarantee_type');
    for (const c of ['first_loan', 'revolving', 'elderly_institution', 'digital_efficiency'])
      if (!has(['true', 'false'], g(c))) v.push(`bool:${c}`);
    if (!has(QUALITIES, g('quality'))) v.push('quality');
    if (!/^\d+$/.test(g('overdue_days'))) v.push('overdue_format');
    else if (g('quality') === 'normal' && g('overdue_days') !== '0') v.push('overdue_but_normal');
    if (!has(FISCAL_SUPPORT, g('fiscal_support'))) v.push('fiscal_support');
    if (!has(RELENDING_TOOLS_V2, g('relending_tool'))) v.push('relending_tool');
    if (g('carbon_reduction_t') && g('relending_tool') !== 'carbon_reduction') v.push('carbon_without_tool');
    if (g('relending_tool') === 'carbon_reduction' && !g('carbon_reduction_t')) v.push('carbon_missing');
    out.push(v);
  }
  return out;
}
