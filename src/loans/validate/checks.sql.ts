// Row checks of the loan-file rules, compiled to SQL over the raw text columns of one file, for each version of
// the loan file (loan-file-v1, loan-file-v2: each has its own list and bit layout). Each check owns one bit of
// the row's violation mask (HUGEINT, ≤ 127 bits); the ingest computes every bit in the same pass that writes the
// typed rows (see ingest/load.sql.ts). The small reference sets (industry classes, districts, green catalogue)
// are read once per load and inlined as constants, so that pass has no join and keeps file order; the checks
// against larger tables (enterprise registry, HTP and green industry lines) are one UPDATE … FROM each after
// the load.
import { ISO4217_CODES } from '../../reference/iso4217.ts';
import type { AnalyticsConn } from '../../store/analytics/duckdb.ts';
import {
  AREAS,
  INCLUSIVE_FLAGS,
  LOAN_FILE_SPECS,
  PERSON_BORROWER_TYPES,
  SPEC_V1,
  SPEC_V2,
  type FileSpec,
  type LoanColumn,
} from '../spec.ts';
import { IMPLAUSIBLE_RE2 } from './plausible.ts';
import { rule } from './rules.ts';

/** The reference data the checks read, as of the load. */
export interface CheckRefs {
  industries: (string | null)[];
  /** Chongqing's county-level codes. */
  districts: (string | null)[];
  green: { code: string | null; f: string | null; t: string | null }[];
  /** Third-level items of the 2025 green catalogue (x.y.z). */
  green2025: (string | null)[];
  /** First levels of the 2019 green catalogue. */
  green2019: (string | null)[];
}

export async function loadCheckRefs(conn: AnalyticsConn): Promise<CheckRefs> {
  const codes = async (sql: string) => (await conn.all<{ code: string | null }>(sql)).map((r) => r.code);
  return {
    industries: await codes("SELECT code FROM ref_industry WHERE level = 'class'"),
    districts: await codes('SELECT code FROM ref_district'),
    green: await conn.all<CheckRefs['green'][number]>(
      'SELECT code, in_force_from::DATE::VARCHAR AS f, in_force_to::DATE::VARCHAR AS t FROM ref_green_catalogue',
    ),
    green2025: await codes("SELECT gf_code AS code FROM ref_green_catalogue_2025 WHERE level = '3'"),
    green2019: await codes(
      "SELECT code FROM ref_green_catalogue WHERE edition = '2019' AND level = '1' AND code IS NOT NULL",
    ),
  };
}

/** Empty reference sets (before a load has read them). */
export const NO_REFS: CheckRefs = { industries: [], districts: [], green: [], green2025: [], green2019: [] };

export interface RowCheck {
  bit: number;
  /** Rule reported when the raw value is present; LOAN_E_REQUIRED is reported instead when it is empty. */
  ruleId: string;
  column: string;
  /** SQL boolean over the normalised raw columns (CTE `s`) and params (CTE `p`): true = violated. */
  when: string | ((refs: CheckRefs) => string);
  /**
   * Computed after the load, over the stored rows (alias `s` = loans), by an UPDATE … FROM this relation
   * (its alias is `e`); `when` then reads the stored columns and `e`.
   */
  afterLoad?: { from: string; where: string; on: string };
  /** SQL for the `expected` shown in the message, over `s`/`p` (or a constant). */
  expected: string;
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
/**
 * SQL: x IN (values) for non-empty constant values, as one regular expression (a DFA). DuckDB plans a long
 * IN list as a join, which would cost a hash probe per row and give up file order in the load.
 */
export function inSet(x: string, values: readonly string[]): string {
  const re = values.map((c) => c.replaceAll(/[\\^$.|?*+()[\]{}-]/g, (ch) => `\\${ch}`)).join('|');
  return `regexp_full_match(${x}, ${q(`(?:${re})`)})`;
}
/**
 * SQL: x is not in the reference set `codes` (no join). Same result as `x NOT IN (SELECT code …)` for a
 * non-null x, including NULL (not false) for a value not in a set that holds a NULL.
 */
function notInSet(x: string, codes: readonly (string | null)[]): string {
  const values = codes.filter((c): c is string => c !== null);
  const notIn = values.length === 0 ? 'true' : `NOT ${inSet(x, values)}`;
  return values.length < codes.length ? `(${notIn} AND NULL)` : notIn;
}
/** SQL: the in-force date ranges of a first-level green catalogue code (NULL for an unknown code). */
function greenRanges(code: string, refs: CheckRefs): string {
  const byCode = new Map<string, string[]>();
  for (const g of refs.green) {
    if (g.code === null) continue;
    const d = (v: string | null) => (v === null ? 'NULL::DATE' : `DATE ${q(v)}`);
    byCode.set(g.code, [...(byCode.get(g.code) ?? []), `{'f': ${d(g.f)}, 't': ${d(g.t)}}`]);
  }
  if (byCode.size === 0) return `NULL::STRUCT(f DATE, t DATE)[]`;
  const whens = [...byCode].map(([c, r]) => `WHEN ${q(c)} THEN [${r.join(', ')}]`).join(' ');
  return `(CASE ${code} ${whens} END)`;
}

const MONEY = '[0-9]{1,16}([.][0-9]{1,2})?';
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** SQL: the weighted sum of the 17 decimal digits of `digits` (a BIGINT), integer arithmetic only. */
function digitSum(digits: string, weights: readonly number[]): string {
  return weights.map((w, i) => `(${digits} // ${10n ** BigInt(16 - i)} % 10) * ${w}`).join(' + ');
}

/**
 * SQL: is x a valid 统一社会信用代码 (GB 32100-2015 check character)? With `digits` (x's first 17 characters as
 * a BIGINT, NULL unless all are digits), a code whose first 17 characters are digits gets its check sum by
 * integer arithmetic; the others look each character up in the code alphabet.
 */
export function usccValidSql(x: string, digits?: string): string {
  const lookup = USCC_WEIGHTS.map(
    (w, i) => `(instr('${USCC_CHARS}', substr(${x}, ${i + 1}, 1)) - 1) * ${w}`,
  ).join(' + ');
  const sum = digits
    ? `CASE WHEN ${digits} IS NOT NULL THEN ${digitSum(digits, USCC_WEIGHTS)} ELSE ${lookup} END`
    : lookup;
  return `(regexp_full_match(${x}, '[0-9A-HJ-NPQRTUWXY]{18}') AND substr('${USCC_CHARS}', ((31 - ((${sum}) % 31)) % 31) + 1, 1) = substr(${x}, 18, 1))`;
}

/**
 * SQL: is x a valid 18-digit resident ID number (GB 11643 check digit, real birth date)? The check letter X
 * may be written in lower case (only that character is upper-cased, not the whole value on every use).
 * `digits` is x's first 17 characters as a BIGINT (computed once per row, `DERIVED_SQL`): once the pattern
 * holds, the check-digit sum and the birth date (YYYYMMDD, characters 7–14) are integer arithmetic on it,
 * about 4× cheaper than one substring and cast per character and a `strptime`. The date test accepts exactly
 * what `try_strptime(…, '%Y%m%d')` accepts (checked over every year 0000–9999).
 */
export function residentIdValidSql(x: string, digits: string): string {
  const sum = digitSum(digits, ID_WEIGHTS);
  const birth = `(${digits} // 1000 % 100000000)`;
  const [y, m, d] = [`(${birth} // 10000)`, `(${birth} // 100 % 100)`, `(${birth} % 100)`];
  const leap = `(${y} % 4 = 0 AND (${y} % 100 <> 0 OR ${y} % 400 = 0))`;
  const days = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `(regexp_full_match(${x}, '[0-9]{17}[0-9Xx]') AND substr('10X98765432', ((${sum}) % 11) + 1, 1) = upper(substr(${x}, 18, 1)) AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${days})`;
}

const isPerson = inSet('s.borrower_type', PERSON_BORROWER_TYPES);
// YYYY-MM-DD exactly (length and dashes), and a real calendar date (TRY_CAST refuses 2026-02-30).
const validDate = (c: string) =>
  `(length(s.${c}) = 10 AND s.${c}[5] = '-' AND s.${c}[8] = '-' AND TRY_CAST(s.${c} AS DATE) IS NOT NULL)`;
const validMoney = (c: string) => `regexp_full_match(s.${c}, '${MONEY}')`;
// The value of a valid date or amount column, else NULL: computed once per row (`DERIVED_SQL`), read by
// several checks.
const date = (c: string) => `s.${c}__date`;
const money = (c: string) => `s.${c}__money`;

/** Columns the load adds to CTE `s` (over the raw columns `s.*`) for the checks of `spec` to read. */
export function derivedSql(spec: FileSpec): string {
  return [
    'TRY_CAST(left(s.borrower_id, 17) AS BIGINT) AS borrower_id__digits',
    ...LOAN_FILE_SPECS[spec].flatMap((c) =>
      c.type === 'date'
        ? [`CASE WHEN ${validDate(c.name)} THEN TRY_CAST(s.${c.name} AS DATE) END AS ${c.name}__date`]
        : c.type === 'money'
          ? [
              `CASE WHEN ${validMoney(c.name)} THEN TRY_CAST(s.${c.name} AS DECIMAL(18,2)) END AS ${c.name}__money`,
            ]
          : [],
    ),
  ].join(', ');
}
/** Unicode control (Cc) and format (Cf) characters. */
const INVISIBLE = '[\\p{Cc}\\p{Cf}]';
const BOOLS = ['true', 'false', '1', '0', 'yes', 'no', 'y', 'n', '是', '否'];

type Def = Omit<RowCheck, 'bit'>;

/** Code columns of loan-file-v2 with a fixed code list, and the rule a value outside it fires. */
const CODE_RULES: Readonly<Record<string, string>> = {
  tech_htp: 'LOAN_E_BAD_TECH_CODE',
  tech_hts: 'LOAN_E_BAD_TECH_CODE',
  tech_sei: 'LOAN_E_BAD_TECH_CODE',
  tech_ipi: 'LOAN_E_BAD_TECH_CODE',
  pension_type: 'LOAN_E_BAD_PENSION_CODE',
  digital_core: 'LOAN_E_BAD_DIGITAL_CODE',
};
/**
 * SQL: a county-level code of GB/T 2260 outside Chongqing (6 digits: a province prefix, a last pair ≠ 00). The
 * national list is not held; Chongqing's (prefix 50) is, so a 50xxxx code must be in it.
 */
const OUTSIDE_COUNTY =
  "regexp_full_match(s.district_code, '(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[1-4]|6[1-5]|71|81|82)[0-9]{2}(0[1-9]|[1-9][0-9])')";

function columnChecks(spec: FileSpec): Def[] {
  const out: Def[] = [];
  for (const c of LOAN_FILE_SPECS[spec]) {
    const v = `s.${c.name}`;
    const missing = c.required ? `${v} IS NULL OR ` : `${v} IS NOT NULL AND `;
    const add = (ruleId: string, bad: string | ((refs: CheckRefs) => string), expected = 'NULL') => {
      rule(ruleId);
      const when =
        typeof bad === 'string' ? `(${missing}(${bad}))` : (refs: CheckRefs) => `(${missing}(${bad(refs)}))`;
      out.push({ ruleId, column: c.name, when, expected });
    };
    switch (c.type) {
      case 'period':
        add('LOAN_E_BAD_PERIOD', `NOT regexp_full_match(${v}, '[0-9]{4}-(0[1-9]|1[0-2])')`);
        break;
      case 'money':
        add(`LOAN_E_BAD_AMOUNT`, `${money(c.name)} IS NULL`);
        break;
      case 'date':
        add('LOAN_E_BAD_DATE', `${date(c.name)} IS NULL`);
        break;
      case 'bool':
        add('LOAN_E_BAD_BOOL', `NOT ${inSet(`lower(${v})`, BOOLS)}`, q(BOOLS.join('/')));
        break;
      case 'int':
        add('LOAN_E_BAD_INT', `NOT regexp_full_match(${v}, '[0-9]{1,9}')`);
        break;
      case 'decimal':
        if (c.name === 'interest_rate')
          add(
            'LOAN_E_BAD_RATE',
            `NOT regexp_full_match(${v}, '[0-9]{1,2}([.][0-9]{1,6})?') OR TRY_CAST(${v} AS DECIMAL(9,6)) > 36`,
          );
        else add('LOAN_E_BAD_DECIMAL', `NOT regexp_full_match(${v}, '[0-9]{1,14}([.][0-9]{1,6})?')`);
        break;
      case 'enum':
        if (c.name === 'enterprise_size') {
          out.push({
            ruleId: 'LOAN_E_SIZE_REQUIRED',
            column: c.name,
            when: `(s.borrower_type = 'enterprise' AND ${v} IS NULL)`,
            expected: 'NULL',
          });
          out.push({
            ruleId: 'LOAN_E_BAD_ENUM',
            column: c.name,
            when: `(${v} IS NOT NULL AND NOT ${inSet(v, c.values ?? [])})`,
            expected: q((c.values ?? []).join('/')),
          });
        } else add('LOAN_E_BAD_ENUM', `NOT ${inSet(v, c.values ?? [])}`, q((c.values ?? []).join('/')));
        break;
      case 'list':
        if (c.name === 'inclusive_flags')
          add(
            'LOAN_E_BAD_INCLUSIVE_FLAG',
            `len(list_filter(string_split(${v}, ';'), a -> trim(a) <> '' AND NOT ${inSet('trim(a)', INCLUSIVE_FLAGS)})) > 0`,
            q(INCLUSIVE_FLAGS.join(';')),
          );
        else
          add(
            'LOAN_E_BAD_AREA',
            `len(list_filter(string_split(${v}, ';'), a -> trim(a) <> '' AND NOT ${inSet('trim(a)', AREAS)})) > 0`,
            q(AREAS.join(';')),
          );
        break;
      case 'code':
        codeCheck(spec, c, add);
        break;
      case 'text':
        if (c.name === 'currency') add('LOAN_E_BAD_CURRENCY', `NOT ${inSet(v, ISO4217_CODES)}`);
        else if (c.name === 'borrower_id') {
          // CASE (not AND) so that each check-digit sum runs only on the rows it applies to. Credit codes are
          // upper case by the standard; personal ID numbers accept a lower-case check letter x.
          out.push({
            ruleId: 'LOAN_E_BAD_CREDIT_CODE',
            column: c.name,
            when: `(${v} IS NULL OR CASE WHEN ${isPerson} THEN false ELSE NOT ${usccValidSql(v, 's.borrower_id__digits')} END)`,
            expected: 'NULL',
          });
          out.push({
            ruleId: 'LOAN_E_BAD_PERSON_ID',
            column: c.name,
            when: `CASE WHEN ${v} IS NOT NULL AND ${isPerson} THEN NOT ${residentIdValidSql(v, 's.borrower_id__digits')} ELSE false END`,
            expected: 'NULL',
          });
        } else {
          add('LOAN_E_TOO_LONG', `length(${v}) > ${c.maxLength ?? 64}`, String(c.maxLength ?? 64));
          // Identifiers are compared as written (no trimming): an invisible control or format character
          // (U+200B copied from a web page, a tab, a BOM) would make the same loan two loans.
          if (c.name === 'loan_id' || c.name === 'contract_id')
            add(
              'LOAN_E_INVISIBLE_CHAR',
              `regexp_matches(${v}, '${INVISIBLE}')`,
              `'U+' || upper(format('{:04x}', unicode(regexp_extract(${v}, '${INVISIBLE}'))))`,
            );
        }
        break;
    }
  }
  return out;
}

/** The check of one code column (reference sets inlined at load time). */
function codeCheck(
  spec: FileSpec,
  c: LoanColumn,
  add: (ruleId: string, bad: string | ((refs: CheckRefs) => string), expected?: string) => void,
): void {
  const v = `s.${c.name}`;
  const fixed = CODE_RULES[c.name];
  if (fixed) {
    add(fixed, `NOT ${inSet(v, c.values ?? [])}`, q((c.values ?? []).join('/')));
    return;
  }
  switch (c.name) {
    case 'industry_code':
      add('LOAN_E_UNKNOWN_INDUSTRY', (refs) => notInSet(v, refs.industries));
      return;
    case 'district_code':
      // v2: any county-level code; outside Chongqing it is accepted (reported as 市外).
      if (spec === SPEC_V1) add('LOAN_E_UNKNOWN_DISTRICT', (refs) => notInSet(v, refs.districts));
      else
        add(
          'LOAN_E_BAD_DISTRICT',
          (refs) => `${notInSet(v, refs.districts)} AND (left(${v}, 2) = '50' OR NOT ${OUTSIDE_COUNTY})`,
        );
      return;
    case 'branch_district_code':
      add('LOAN_E_BAD_BRANCH_DISTRICT', (refs) => notInSet(v, refs.districts));
      return;
    case 'green_category':
      add('LOAN_E_BAD_GREEN_CATEGORY', (refs) => {
        const ranges = greenRanges(`split_part(${v}, '.', 1)`, refs);
        return `NOT regexp_full_match(${v}, '[0-9]+([.][0-9]+)*') OR ${ranges} IS NULL OR ${date('issue_date')} IS NULL OR NOT list_bool_or(list_transform(${ranges}, r -> (r.f IS NULL OR r.f <= ${date('issue_date')}) AND (r.t IS NULL OR ${date('issue_date')} <= r.t)))`;
      });
      return;
    case 'green_item':
      // Judged against the edition given; an empty or unknown edition is its own rule.
      add(
        'LOAN_E_BAD_GREEN_ITEM',
        (refs) =>
          `CASE s.green_edition WHEN '2025' THEN ${notInSet(v, refs.green2025)}
             WHEN '2019' THEN NOT regexp_full_match(${v}, '[0-9]+([.][0-9]+)*') OR ${notInSet(`split_part(${v}, '.', 1)`, refs.green2019)}
             ELSE false END`,
        "CASE s.green_edition WHEN '2025' THEN '绿色金融支持项目目录（2025年版）三级项目 x.y.z' ELSE '2019年版一级类别下的代码' END",
      );
      return;
  }
}

/** Rows issued in the reporting month (issue date within the month and an amount issued). */
const issuedInMonth = `(${date('issue_date')} >= date_trunc('month', p.period_end) AND ${date('issue_date')} <= p.period_end)`;

function crossChecks(spec: FileSpec): Def[] {
  const common: Def[] = [
    {
      ruleId: 'LOAN_E_PERIOD_MISMATCH',
      column: 'report_period',
      when: `(s.report_period IS NOT NULL AND s.report_period <> p.period)`,
      expected: 'p.period',
    },
    {
      ruleId: 'LOAN_E_INSTITUTION_MISMATCH',
      column: 'institution_code',
      when: `(s.institution_code IS NOT NULL AND s.institution_code <> p.institution)`,
      expected: 'p.institution',
    },
    {
      ruleId: 'LOAN_E_NAME_REQUIRED',
      column: 'borrower_name',
      when: `(s.borrower_name IS NULL AND s.borrower_type IS NOT NULL AND NOT ${isPerson})`,
      expected: 'NULL',
    },
    {
      ruleId: 'LOAN_E_ISSUE_AFTER_MATURITY',
      column: 'issue_date',
      when: `(${date('issue_date')} > ${date('maturity_date')})`,
      expected: 's.maturity_date',
    },
    {
      ruleId: 'LOAN_E_ISSUE_AFTER_PERIOD',
      column: 'issue_date',
      when: `(${date('issue_date')} > p.period_end)`,
      expected: 'p.period_end::VARCHAR',
    },
    {
      ruleId: 'LOAN_E_BALANCE_OVER_LINE',
      column: 'balance',
      when: `(${money('balance')} > ${money('credit_line_total')})`,
      expected: 's.credit_line_total',
    },
    // Warnings.
    {
      ruleId: 'LOAN_W_SIZE_MISMATCH',
      column: 'enterprise_size',
      when: `(s.borrower_type = 'enterprise' AND e.derived_size IS NOT NULL AND s.enterprise_size IS NOT NULL AND s.enterprise_size <> e.derived_size)`,
      expected: 'e.derived_size',
      afterLoad: {
        from: 'enterprises e',
        where: 'NOT s.borrower_is_person AND e.credit_code = s.borrower_key',
        on: 'e.credit_code = s.borrower_id',
      },
    },
    {
      ruleId: 'LOAN_W_QUALITY_OVERDUE',
      column: 'overdue_days',
      when: `(s.quality = 'normal' AND regexp_full_match(s.overdue_days, '[0-9]{1,9}') AND TRY_CAST(s.overdue_days AS BIGINT) > 90)`,
      expected: 'NULL',
    },
    {
      ruleId: 'LOAN_W_CARBON_MISSING',
      column: 'carbon_reduction_t',
      when: `(s.relending_tool = 'carbon_reduction' AND s.carbon_reduction_t IS NULL)`,
      expected: 'NULL',
    },
    {
      ruleId: 'LOAN_W_NO_ACTIVITY',
      column: 'balance',
      when: `(${money('balance')} = 0 AND ${money('issued_amount')} = 0)`,
      expected: 'NULL',
    },
    ...['borrower_name', 'loan_id', 'contract_id'].map((column) => ({
      ruleId: 'LOAN_W_FORMULA_TEXT',
      column,
      when: `(regexp_matches(s.${column}, '^[=+\\-@]'))`,
      expected: 'NULL',
    })),
  ];
  return spec === SPEC_V2 ? [...common, ...v2CrossChecks()] : common;
}

/** The cross-column rules of loan-file-v2 (DATA-SPEC v2 §1). */
function v2CrossChecks(): Def[] {
  const bill = `s.business_category = 'C03'`;
  return [
    {
      ruleId: 'LOAN_E_BILL_PRODUCT',
      column: 'product_type',
      when: `(s.business_category IN ('C01', 'C02', 'C03') AND s.product_type IS NOT NULL AND (s.product_type = 'discount') <> (${bill}))`,
      expected: `CASE WHEN ${bill} THEN 'discount' ELSE '≠ discount' END`,
    },
    {
      ruleId: 'LOAN_E_BILL_METHOD',
      column: 'bill_discount_method',
      when: `(s.business_category IN ('C01', 'C02', 'C03') AND (s.bill_discount_method IS NULL) = (${bill}))`,
      expected: `CASE WHEN ${bill} THEN 'direct/rediscount' ELSE '' END`,
    },
    {
      ruleId: 'LOAN_E_CATEGORY_BORROWER',
      column: 'business_category',
      when: `((s.business_category = 'C02' AND s.borrower_type = 'enterprise') OR (s.business_category = 'C01' AND s.borrower_type = 'individual'))`,
      expected: `CASE s.business_category WHEN 'C02' THEN '个人借款人 / a person' ELSE '单位借款人 / an entity' END`,
    },
    ...['tech_htp', 'tech_hts', 'tech_sei', 'tech_ipi'].map((column) => ({
      ruleId: 'LOAN_E_TECH_ON_PERSONAL',
      column,
      when: `(s.business_category = 'C02' AND s.${column} IS NOT NULL)`,
      expected: 'NULL',
    })),
    {
      ruleId: 'LOAN_E_GREEN_EDITION_REQUIRED',
      column: 'green_edition',
      when: `(s.green_item IS NOT NULL AND s.green_edition IS NULL)`,
      expected: "'2025/2019'",
    },
    {
      ruleId: 'LOAN_E_BALANCE_ORIG_REQUIRED',
      column: 'balance_orig',
      when: `(regexp_full_match(s.currency, '[A-Z]{3}') AND s.currency <> 'CNY' AND s.balance_orig IS NULL)`,
      expected: 'NULL',
    },
    {
      ruleId: 'LOAN_E_OWNERSHIP_REQUIRED',
      column: 'ownership',
      when: `(s.business_category = 'C01' AND s.borrower_type IS NOT NULL AND NOT ${isPerson} AND s.ownership IS NULL)`,
      expected: 'NULL',
    },
    {
      ruleId: 'LOAN_E_RENEWAL_NOT_ISSUED',
      column: 'renewal_type',
      when: `(s.renewal_type IS NOT NULL AND ${date('issue_date')} IS NOT NULL AND NOT ${issuedInMonth})`,
      expected: 'NULL',
    },
    {
      ruleId: 'LOAN_E_ELDERLY_WITHOUT_PENSION',
      column: 'elderly_institution',
      when: `(${inSet('lower(s.elderly_institution)', ['true', '1', 'yes', 'y', '是'])} AND s.pension_type IS NULL)`,
      expected: 'NULL',
    },
    // Warnings.
    {
      ruleId: 'LOAN_W_RENEWAL_MISSING',
      column: 'renewal_type',
      when: `(s.renewal_type IS NULL AND ${issuedInMonth} AND ${money('issued_amount')} > 0)`,
      expected: "'new/refinance/renewal/extension'",
    },
    {
      ruleId: 'LOAN_W_INCLUSIVE_FLAG_LINE',
      column: 'inclusive_flags',
      when: `(s.inclusive_flags IS NOT NULL AND ${money('credit_line_total')} > CASE
          WHEN regexp_matches(s.inclusive_flags, 'farmer_operating_le5m') THEN 5000000
          WHEN regexp_matches(s.inclusive_flags, '(sme|ib_operating|owner_operating)_le10m') THEN 10000000 END)`,
      expected: 's.credit_line_total',
    },
    {
      ruleId: 'LOAN_W_HTP_INDUSTRY',
      column: 'tech_htp',
      when: `(s.tech_htp IS NOT NULL AND NOT list_contains(e.classes, s.industry_code))`,
      expected: "array_to_string(e.classes, '/')",
      afterLoad: {
        from: `(SELECT 'HTP' || cat_code AS code, list(industry_code ORDER BY industry_code) AS classes
                FROM ref_high_tech GROUP BY cat_code) e`,
        where: 'e.code = s.tech_htp',
        on: 'e.code = s.tech_htp',
      },
    },
    {
      ruleId: 'LOAN_W_GREEN_INDUSTRY',
      column: 'green_item',
      when: `(s.green_edition = '2025' AND NOT list_contains(e.classes, s.industry_code))`,
      expected: "array_to_string(e.classes, '/')",
      afterLoad: {
        from: `(SELECT gf_code AS code, list(DISTINCT industry_code ORDER BY industry_code) AS classes
                FROM ref_green_industry_map_2025 WHERE industry_code IS NOT NULL AND industry_code <> ''
                GROUP BY gf_code) e`,
        where: "s.green_edition = '2025' AND e.code = s.green_item",
        on: 'e.code = s.green_item',
      },
    },
    {
      ruleId: 'LOAN_W_QUALITY_OVERDUE_TIER',
      column: 'quality',
      when: `(regexp_full_match(s.overdue_days, '[0-9]{1,9}') AND ${QUALITY_RANK('s.quality')} BETWEEN 1 AND 3
        AND ${QUALITY_RANK('s.quality')} < ${REQUIRED_RANK('TRY_CAST(s.overdue_days AS BIGINT)')})`,
      expected: `CASE ${REQUIRED_RANK('TRY_CAST(s.overdue_days AS BIGINT)')} WHEN 4 THEN 'loss' WHEN 3 THEN 'doubtful'
        ELSE 'substandard' END`,
    },
    {
      // A newly issued loan flagged first_loan whose borrower is in an earlier stored period (any bank): the
      // borrower is not a new first-loan borrower (issue 14). The borrowers looked up are the first-loan ones of
      // the rows being loaded (not yet referenced by a submission).
      ruleId: 'LOAN_W_FIRST_LOAN_SEEN',
      column: 'first_loan',
      when: `(s.first_loan AND strftime(s.issue_date, '%Y-%m') = s.report_period AND e.first_period < s.report_period)`,
      expected: 'e.first_period',
      afterLoad: {
        from: `(SELECT c.borrower_key, min(c.report_period) AS first_period FROM loans_current c
                WHERE c.borrower_key IN (SELECT n.borrower_key FROM loans n
                  WHERE n.first_loan AND n.submission_id NOT IN (SELECT submission_id FROM submissions))
                GROUP BY c.borrower_key) e`,
        where: 'e.borrower_key = s.borrower_key',
        on: 'e.borrower_key = s.borrower_id',
      },
    },
  ];
}

/** Names decoded into letters no Chinese file holds: almost surely the wrong encoding (a warning). */
function textChecks(): Def[] {
  return [
    {
      ruleId: 'LOAN_W_IMPLAUSIBLE_TEXT',
      column: 'borrower_name',
      when: `(regexp_matches(s.borrower_name, '${IMPLAUSIBLE_RE2}'))`,
      expected: 'NULL',
    },
  ];
}

/** SQL: the rank of a five-tier quality (normal 0 … loss 4). */
const QUALITY_RANK = (q: string): string =>
  `(CASE ${q} WHEN 'normal' THEN 0 WHEN 'special_mention' THEN 1 WHEN 'substandard' THEN 2 WHEN 'doubtful' THEN 3 WHEN 'loss' THEN 4 END)`;
/** SQL: the least quality rank a loan this many days overdue may have (risk classification rules, 2023). */
const REQUIRED_RANK = (days: string): string =>
  `(CASE WHEN ${days} > 360 THEN 4 WHEN ${days} > 270 THEN 3 WHEN ${days} > 90 THEN 2 ELSE 0 END)`;

const CHECKS = new Map<FileSpec, readonly RowCheck[]>();
/** All row checks of one version of the loan file, with their mask bits (at most 127, checked here). */
export function rowChecks(spec: FileSpec): readonly RowCheck[] {
  let checks = CHECKS.get(spec);
  if (!checks) {
    // The text checks come last: the bits of the earlier checks keep their places.
    const defs = [...columnChecks(spec), ...crossChecks(spec), ...textChecks()];
    if (defs.length > 127) throw new Error(`too many row checks for one HUGEINT mask: ${defs.length}`);
    checks = defs.map((d, bit) => ({ ...d, bit }));
    CHECKS.set(spec, checks);
  }
  return checks;
}

/** The row checks of every version of the loan file. */
export const ALL_ROW_CHECKS: readonly RowCheck[] = [...rowChecks(SPEC_V1), ...rowChecks(SPEC_V2)];

const bitOf = (c: RowCheck) => 1n << BigInt(c.bit);

/** Bits of the checks of `spec` whose rule is an error (a row with any of them rejects the submission). */
export function errorBits(spec: FileSpec): bigint {
  return rowChecks(spec)
    .filter((c) => rule(c.ruleId).severity === 'error')
    .reduce((m, c) => m | bitOf(c), 0n);
}

const bitSql = (c: RowCheck, refs: CheckRefs) =>
  `(CASE WHEN ${typeof c.when === 'string' ? c.when : c.when(refs)} THEN ${bitOf(c)} ELSE 0 END)::HUGEINT`;

/** SQL for the HUGEINT violation mask of one row of a `spec` file, but for the after-load checks. */
export function maskSql(spec: FileSpec, refs: CheckRefs): string {
  return rowChecks(spec)
    .filter((c) => !c.afterLoad)
    .map((c) => bitSql(c, refs))
    .join('\n  | ');
}

/**
 * The UPDATEs that add the bits of the after-load checks of `spec` to the stored rows of one loaded submission
 * (bind each: submission_id). A non-person's `borrower_key` is its raw ID.
 */
export function afterLoadSql(spec: FileSpec, refs: CheckRefs): string[] {
  return rowChecks(spec)
    .filter((c) => c.afterLoad)
    .map((c) => {
      const when = typeof c.when === 'string' ? c.when : c.when(refs);
      return `UPDATE loans AS s SET warn_mask = s.warn_mask | ${bitOf(c)}
FROM ${c.afterLoad?.from}
WHERE s.submission_id = ? AND ${c.afterLoad?.where} AND ${when}`;
    });
}

/** The joins the checks' `expected` values read: alias `e` of each after-load check, by its bit. */
export function checkJoin(c: RowCheck): string {
  return c.afterLoad ? `LEFT JOIN ${c.afterLoad.from} ON ${c.afterLoad.on}` : '';
}
