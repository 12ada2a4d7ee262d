// The TypeScript evaluator of the classification rules: labels one loan and says why (which basis,
// which registry entry, which catalogue edition). Pure: the reference facts come in a ClassifyContext.
import type { Area } from '../loans/spec.ts';
import { assertNever } from '../shared/assert-never.ts';
import { GREEN_CODE, type Expr } from './expr.ts';
import { DEFAULT_OPTIONS, RULES, ruleVersion, type BasisRule, type ClassifyOptions } from './rules.ts';

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
  techIndustries: readonly { scheme: string; industry_code: string }[];
  digitalMap: readonly { de_code: string; industry_code: string }[];
  elderlyIndustries: readonly string[];
  greenCatalogue: readonly GreenCatalogueEntry[];
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
      return loan[e.field] === e.value;
    case 'in': {
      const v = loan[e.field];
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
    default:
      return assertNever(e);
  }
}

/** Every basis under which the loan counts, in declaration order, each with its evidence. */
export function classifyLoan(
  loan: LoanFacts,
  ctx: ClassifyContext,
  opts: ClassifyOptions = DEFAULT_OPTIONS,
  rules: readonly BasisRule[] = RULES,
): Label[] {
  const version = ruleVersion(opts);
  const out: Label[] = [];
  for (const r of rules) {
    const ev: Evidence = {};
    if (evalExpr(r.when, loan, ctx, opts, ev))
      out.push({
        area: r.area,
        basis: r.basis,
        rule_version: version,
        provisional: r.provisional,
        evidence: ev,
      });
  }
  return out;
}
