// The small typed expression language of the classification rules: the AST and its constructors.
// Pure data. Compiled to SQL by compile.sql.ts and evaluated in TypeScript by evaluate.ts — one meaning, two engines.
import type { Area, INCLUSIVE_FLAGS } from '../loans/spec.ts';
import type { Qualification } from '../registry/schema.sql.ts';

/** Loan columns a rule may compare (allow-list; the SQL compiler never sees any other identifier). */
export const TEXT_FIELDS = [
  'borrower_type',
  'enterprise_size',
  'product_type',
  'industry_code',
  'green_category',
  // loan-file-v2 (DATA-SPEC §1); NULL on v1 rows
  'business_category',
  'bill_discount_method',
  'loan_nature',
  'tech_htp',
  'tech_hts',
  'tech_sei',
  'tech_ipi',
  'green_edition',
  'green_item',
  'pension_type',
  'digital_core',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const MONEY_FIELDS = ['credit_line_total'] as const;
export type MoneyField = (typeof MONEY_FIELDS)[number];
/** Boolean loan columns of loan-file-v2 a rule may read (NULL reads as false). */
export const BOOL_FIELDS = ['elderly_institution', 'digital_efficiency'] as const;
export type BoolField = (typeof BOOL_FIELDS)[number];
/** The PBoC 普惠 flags a bank reports in inclusive_flags (DATA-SPEC §1), as the loan file spec lists them. */
export { INCLUSIVE_FLAGS } from '../loans/spec.ts';
export type InclusiveFlag = (typeof INCLUSIVE_FLAGS)[number];
/** Category code lists of the PBoC collection spec (ref_pboc_category.scheme). */
export const PBOC_SCHEMES = ['HTP', 'HTS', 'SE', 'PA', 'EC', 'DE'] as const;
export type PbocScheme = (typeof PBOC_SCHEMES)[number];

/** Tech industry lists (科技产业): the scheme ids used in ref_high_tech / ref_tech_category. */
export const TECH_SCHEMES = ['HTP2017', 'HTS2018', 'SEI2018', 'IPI2019'] as const;
export type TechScheme = (typeof TECH_SCHEMES)[number];

/** Configuration switches a rule may read (settled per rule version and recorded in the version label). */
export type OptionFlag =
  | 'digitalIncludeCategory05'
  | 'digitalAcceptDeclaredUntilMapped'
  | 'nfraS70'
  | 'digitalTotalIncludesEfficiency';

export type Expr =
  | { op: 'true' }
  | { op: 'eq'; field: TextField; value: string }
  | { op: 'in'; field: TextField; values: readonly string[] }
  | { op: 'moneyLe'; field: MoneyField; value: string }
  | { op: 'isPerson' }
  | { op: 'declared'; area: Area }
  | { op: 'and'; args: readonly Expr[] }
  | { op: 'or'; args: readonly Expr[] }
  | { op: 'not'; arg: Expr }
  | { op: 'option'; flag: OptionFlag }
  | { op: 'techSchemeEnabled'; scheme: TechScheme }
  /** The borrower (borrower_key = credit_code) holds the qualification, valid at period_end. */
  | { op: 'qualification'; kind: Qualification }
  /** industry_code is listed in ref_high_tech for the scheme. */
  | { op: 'industryInTechList'; scheme: TechScheme }
  /** industry_code is mapped in ref_digital_industry_map under one of the top categories (first 2 digits). */
  | { op: 'industryInDigitalMap'; categories: readonly string[] }
  /** ref_digital_industry_map has no rows (mapping not loaded). */
  | { op: 'digitalMapEmpty' }
  /** industry_code is mapped in ref_elderly_industry_map. */
  | { op: 'industryInElderlyMap' }
  /** green_category is a dotted code whose first level exists in the edition in force on issue_date. */
  | { op: 'greenCatalogueInForce' }
  // ---- loan-file-v2 (classify-v2) ----
  /** The text field is neither NULL nor empty. */
  | { op: 'set'; field: TextField }
  /** The boolean field is true. */
  | { op: 'bool'; field: BoolField }
  /** inclusive_flags holds the flag. */
  | { op: 'hasFlag'; flag: InclusiveFlag }
  /** The field holds a code of the PBoC category list (ref_pboc_category). */
  | { op: 'pbocCode'; field: TextField; scheme: PbocScheme }
  /** industry_code is a class of the HTP category named by tech_htp (ref_high_tech, cat_code = digits of HTPnn). */
  | { op: 'industryInHtpCategory' }
  /** green_item is valid for green_edition: a 2025 third-level item of ref_green_catalogue_2025, or a 2019 code
   *  whose first level exists in the 2019 edition of ref_green_catalogue. */
  | { op: 'greenItemValid' }
  /** A 2025 green_item whose industry lines are all coded and none covers industry_code (scope warning). */
  | { op: 'greenIndustryOutsideItem' };

export const T: Expr = { op: 'true' };
export const eq = (field: TextField, value: string): Expr => ({ op: 'eq', field, value });
export const isIn = (field: TextField, values: readonly string[]): Expr => ({ op: 'in', field, values });
export const moneyLe = (field: MoneyField, value: string): Expr => ({ op: 'moneyLe', field, value });
export const and = (...args: Expr[]): Expr => ({ op: 'and', args });
export const or = (...args: Expr[]): Expr => ({ op: 'or', args });
export const not = (arg: Expr): Expr => ({ op: 'not', arg });
export const declared = (area: Area): Expr => ({ op: 'declared', area });
export const option = (flag: OptionFlag): Expr => ({ op: 'option', flag });
export const isSet = (field: TextField): Expr => ({ op: 'set', field });
export const bool = (field: BoolField): Expr => ({ op: 'bool', field });
export const hasFlag = (flag: InclusiveFlag): Expr => ({ op: 'hasFlag', flag });
export const pbocCode = (field: TextField, scheme: PbocScheme): Expr => ({ op: 'pbocCode', field, scheme });
export const qualification = (kind: Qualification): Expr => ({ op: 'qualification', kind });

/** Shape of a money literal in a rule (checked when the rules load). */
export const MONEY_LITERAL = /^\d{1,16}(\.\d{1,2})?$/;
/** Shape of a green catalogue code as accepted by classify-v1. */
export const GREEN_CODE = /^[0-9]+(\.[0-9]+)*$/;
export const GREEN_CODE_SQL = '[0-9]+(\\.[0-9]+)*';
