// The TypeScript evaluator of the classification rules: labels one loan and says why (which basis,
// which registry entry, which catalogue edition). Pure: the reference facts come in a ClassifyContext.
import type { Area } from '../loans/spec.ts';
import { assertNever } from '../shared/assert-never.ts';
import { GREEN_CODE, type Expr, type TextField } from './expr.ts';
import { DEFAULT_OPTIONS, RULE_SET_V1, ruleVersion, type ClassifyOptions, type RuleSet } from './rules.ts';

/** The loan columns the rules read (dates as YYYY-MM-DD, money as decimal strings). */
export interface LoanFacts {
  period_end: string;
  borrower_key: string;
  borrower_is_person: boolean;
  borrower_type: string;
  enterprise_size: string | null;
  industry_code: string;
  product_type: string;
  green_category: string | null;
  declared_areas: readonly string[];
  issue_date: string;
  credit_line_total: string;
  // loan-file-v2 columns (DATA-SPEC §1); null (or absent) on v1 rows
  business_category?: string | null;
  bill_discount_method?: string | null;
  loan_nature?: string | null;
  tech_htp?: string | null;
  tech_hts?: string | null;
  tech_sei?: string | null;
  tech_ipi?: string | null;
  green_edition?: string | null;
  green_item?: string | null;
  pension_type?: string | null;
  digital_core?: string | null;
  elderly_institution?: boolean | null;
  digital_efficiency?: boolean | null;
  inclusive_flags?: readonly string[] | null;
}

export interface QualificationEntry {
  credit_code: string;
  qualification: string;
  valid_from: string;
  valid_to: string | null;
  import_id: string;
}

export interface GreenCatalogueEntry {
  edition: string;
  code: string;
  level: string;
  in_force_from: string | null;
  in_force_to: string | null;
}

/** Reference facts the rules consult (qualifications may be limited to the borrowers being evaluated). */
export interface ClassifyContext {
  qualifications: readonly QualificationEntry[];
  techIndustries: readonly { scheme: string; cat_code: string; industry_code: string }[];
  digitalMap: readonly { de_code: string; industry_code: string }[];
  elderlyIndustries: readonly string[];
  greenCatalogue: readonly GreenCatalogueEntry[];
  /** ref_pboc_category (scheme, code). */
  pbocCodes: readonly { scheme: string; pboc_code: string }[];
  /** Third-level item codes of ref_green_catalogue_2025. */
  green2025Items: readonly string[];
  /** Industry lines of the 2025 catalogue (industry_code null where the source has none). */
  green2025Lines: readonly { gf_code: string; industry_code: string | null }[];
}

/** What made a basis hold: registry entries or catalogue rows it matched. */
export interface Evidence {
  qualification?: QualificationEntry;
  greenCatalogue?: GreenCatalogueEntry;
}

export interface Label {
  area: Area;
  basis: string;
  rule_version: string;
  provisional: boolean;
  /** Whether the label counts in its area's total (BasisRule.inTotal). */
  in_total: boolean;
  evidence: Evidence;
}

/** Exact comparison of non-negative decimal strings (no floats): returns a - b sign. */
export function compareDecimal(a: string, b: string): number {
  const scale = (s: string): bigint => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
    if (!m) throw new Error(`not a decimal: ${s}`);
    const frac = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
    const v = BigInt((m[2] ?? '0') + frac);
    return m[1] === '-' ? -v : v;
  };
  const d = scale(a) - scale(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
}

function validOn(q: QualificationEntry, date: string): boolean {
  return q.valid_from <= date && (q.valid_to === null || date <= q.valid_to);
}

function greenEntry(loan: LoanFacts, ctx: ClassifyContext): GreenCatalogueEntry | undefined {
  const code = loan.green_category;
  if (code === null || !GREEN_CODE.test(code)) return undefined;
  const first = code.split('.')[0];
  return ctx.greenCatalogue.find(
    (g) =>
      g.level === '1' &&
      g.code === first &&
      (g.in_force_from === null || g.in_force_from === '' || loan.issue_date >= g.in_force_from) &&
      (g.in_force_to === null || g.in_force_to === '' || loan.issue_date <= g.in_force_to),
  );
}

const text = (loan: LoanFacts, f: TextField): string | null => loan[f] ?? null;

function greenItemValid(loan: LoanFacts, ctx: ClassifyContext): boolean {
  const item = loan.green_item ?? null;
  if (item === null) return false;
  if (loan.green_edition === '2025') return ctx.green2025Items.includes(item);
  if (loan.green_edition === '2019')
    return (
      GREEN_CODE.test(item) &&
      ctx.greenCatalogue.some((g) => g.edition === '2019' && g.level === '1' && g.code === item.split('.')[0])
    );
  return false;
}

function greenIndustryOutsideItem(loan: LoanFacts, ctx: ClassifyContext): boolean {
  if (loan.green_edition !== '2025' || !greenItemValid(loan, ctx)) return false;
  const lines = ctx.green2025Lines.filter((g) => g.gf_code === loan.green_item);
  if (lines.length === 0 || lines.some((g) => g.industry_code === null || g.industry_code === ''))
    return false;
  return !lines.some((g) => g.industry_code === loan.industry_code);
}

function evalExpr(
  e: Expr,
  loan: LoanFacts,
  ctx: ClassifyContext,
  opts: ClassifyOptions,
  ev: Evidence,
): boolean {
  switch (e.op) {
    case 'true':
      return true;
    case 'eq':
      return text(loan, e.field) === e.value;
    case 'in': {
      const v = text(loan, e.field);
      return v !== null && e.values.includes(v);
    }
    case 'moneyLe':
      return compareDecimal(loan[e.field], e.value) <= 0;
    case 'isPerson':
      return loan.borrower_is_person;
    case 'declared':
      return loan.declared_areas.includes(e.area);
    case 'and':
      return e.args.every((a) => evalExpr(a, loan, ctx, opts, ev));
    case 'or':
      return e.args.some((a) => evalExpr(a, loan, ctx, opts, ev));
    case 'not':
      return !evalExpr(e.arg, loan, ctx, opts, {});
    case 'option':
      return opts[e.flag];
    case 'techSchemeEnabled':
      return opts.techIndustrySchemes.includes(e.scheme);
    case 'qualification': {
      const q = ctx.qualifications.find(
        (x) =>
          x.credit_code === loan.borrower_key && x.qualification === e.kind && validOn(x, loan.period_end),
      );
      if (q) ev.qualification = q;
      return q !== undefined;
    }
    case 'industryInTechList':
      return ctx.techIndustries.some((t) => t.scheme === e.scheme && t.industry_code === loan.industry_code);
    case 'industryInDigitalMap':
      return ctx.digitalMap.some(
        (d) => d.industry_code === loan.industry_code && e.categories.includes(d.de_code.slice(0, 2)),
      );
    case 'digitalMapEmpty':
      return ctx.digitalMap.length === 0;
    case 'industryInElderlyMap':
      return ctx.elderlyIndustries.includes(loan.industry_code);
    case 'greenCatalogueInForce': {
      const g = greenEntry(loan, ctx);
      if (g) ev.greenCatalogue = g;
      return g !== undefined;
    }
    case 'set': {
      const v = text(loan, e.field);
      return v !== null && v !== '';
    }
    case 'bool':
      return loan[e.field] === true;
    case 'hasFlag':
      return (loan.inclusive_flags ?? []).includes(e.flag);
    case 'pbocCode': {
      const v = text(loan, e.field);
      return v !== null && ctx.pbocCodes.some((c) => c.scheme === e.scheme && c.pboc_code === v);
    }
    case 'industryInHtpCategory': {
      const code = loan.tech_htp ?? null;
      if (code === null || !/^HTP\d{2}$/.test(code)) return false;
      const cat = code.slice(3);
      return ctx.techIndustries.some(
        (t) => t.scheme === 'HTP2017' && t.cat_code === cat && t.industry_code === loan.industry_code,
      );
    }
    case 'greenItemValid':
      return greenItemValid(loan, ctx);
    case 'greenIndustryOutsideItem':
      return greenIndustryOutsideItem(loan, ctx);
    default:
      return assertNever(e);
  }
}

/** Every basis under which the loan counts, in declaration order, each with its evidence. */
export function classifyLoan(
  loan: LoanFacts,
  ctx: ClassifyContext,
  opts: ClassifyOptions = DEFAULT_OPTIONS,
  set: RuleSet = RULE_SET_V1,
): Label[] {
  const version = ruleVersion(opts, set);
  const out: Label[] = [];
  for (const r of set.rules) {
    const ev: Evidence = {};
    if (evalExpr(r.when, loan, ctx, opts, ev))
      out.push({
        area: r.area,
        basis: r.basis,
        rule_version: version,
        provisional: r.provisional,
        in_total: r.inTotal === undefined ? true : evalExpr(r.inTotal, loan, ctx, opts, {}),
        evidence: ev,
      });
  }
  return out;
}

/** The reconciliation checks (kinds) that hold for the loan, in declaration order. */
export function reconcileLoan(
  loan: LoanFacts,
  ctx: ClassifyContext,
  checks: readonly { kind: string; when: Expr }[],
  opts: ClassifyOptions = DEFAULT_OPTIONS,
): string[] {
  return checks.filter((c) => evalExpr(c.when, loan, ctx, opts, {})).map((c) => c.kind);
}
