// Classification against the analytics store: labels a whole submission in one INSERT … SELECT inside DuckDB,
// and loads the reference facts the TypeScript evaluator needs to label (and explain) single loans.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { compileLabelSelect, LOAN_AREAS_COLUMNS } from './compile.sql.ts';
import type { ClassifyContext, GreenCatalogueEntry, LoanFacts, QualificationEntry } from './evaluate.ts';
import {
  DEFAULT_OPTIONS,
  parseRuleVersion,
  RULE_SET_V1,
  ruleVersion,
  type ClassifyOptions,
  type RuleSet,
} from './rules.ts';
import { RULE_SET_V2 } from './rules.v2.ts';

/** The rule set of a loan file version: v1 files keep classify-v1 (DATA-SPEC intro), v2 files classify-v2. */
export function ruleSetForFile(fileSpec: string): RuleSet {
  return fileSpec === 'loan-file-v2' ? RULE_SET_V2 : RULE_SET_V1;
}

/** The rule set of a version label ('classify-v2;s70=on' → classify-v2). */
export function ruleSetById(id: RuleSet['id']): RuleSet {
  return id === 'classify-v2' ? RULE_SET_V2 : RULE_SET_V1;
}

/**
 * The rule set and options a submission is labelled under: its file version's set, with the options of the
 * version its period was last restated to (classify_period_versions) when that is the same set, else defaults.
 */
export async function labellingFor(
  db: AnalyticsConn,
  submissionId: string,
): Promise<{ set: RuleSet; opts: ClassifyOptions; version: string }> {
  const [row] = await db.all<{ file_spec: string; version: string | null }>(
    `SELECT coalesce(s.file_spec, 'loan-file-v1') AS file_spec, pv.rule_version AS version
     FROM submissions s LEFT JOIN classify_period_versions pv
       ON pv.report_period = s.report_period AND pv.rule_set = (CASE s.file_spec WHEN 'loan-file-v2'
         THEN 'classify-v2' ELSE 'classify-v1' END)
     WHERE s.submission_id = CAST(? AS BIGINT)`,
    [submissionId],
  );
  const set = ruleSetForFile(row?.file_spec ?? 'loan-file-v1');
  const opts = row?.version ? parseRuleVersion(row.version).opts : DEFAULT_OPTIONS;
  return { set, opts, version: ruleVersion(opts, set) };
}

/**
 * (Re)labels every loan of a submission under its rule set (ruleSetForFile) and the options in force for its
 * period, unless given: deletes its previous labels, then one INSERT … SELECT. Callers that need both statements
 * atomic run this inside their own transaction.
 */
export async function classifySubmission(
  db: AnalyticsConn,
  submissionId: bigint | string,
  given?: { set: RuleSet; opts: ClassifyOptions },
): Promise<void> {
  const id = String(submissionId);
  const { set, opts } = given ?? (await labellingFor(db, id));
  const select = compileLabelSelect(
    { sql: 'l.submission_id = CAST(? AS BIGINT)', params: [id] },
    ruleVersion(opts, set),
    opts,
    set.rules,
  );
  await db.run('DELETE FROM loan_areas WHERE submission_id = CAST(? AS BIGINT)', [id]);
  await db.run(`INSERT INTO loan_areas ${LOAN_AREAS_COLUMNS} ${select.sql}`, select.params);
}

/** The columns of `loans` the rules read, as LoanFacts (select list over alias l). */
export const LOAN_FACTS_SQL = `strftime(l.period_end, '%Y-%m-%d') AS period_end, l.borrower_key,
  l.borrower_is_person, l.borrower_type, l.enterprise_size, l.industry_code, l.product_type, l.green_category,
  l.declared_areas, strftime(l.issue_date, '%Y-%m-%d') AS issue_date, l.credit_line_total::VARCHAR AS credit_line_total,
  l.business_category, l.bill_discount_method, l.loan_nature, l.tech_htp, l.tech_hts, l.tech_sei, l.tech_ipi,
  l.green_edition, l.green_item, l.pension_type, l.digital_core, l.elderly_institution, l.digital_efficiency,
  l.inclusive_flags`;

export type LoanFactsRow = LoanFacts;

/** Loads the reference facts; qualifications only for the given borrower keys (all when omitted). */
export async function loadClassifyContext(
  db: AnalyticsConn,
  borrowerKeys?: readonly string[],
): Promise<ClassifyContext> {
  const qualSql = `SELECT credit_code, qualification, strftime(valid_from, '%Y-%m-%d') AS valid_from,
    strftime(valid_to, '%Y-%m-%d') AS valid_to, import_id::VARCHAR AS import_id FROM enterprise_qualifications`;
  let qualifications: QualificationEntry[] = [];
  if (borrowerKeys === undefined) qualifications = await db.all<QualificationEntry>(qualSql);
  else if (borrowerKeys.length > 0)
    qualifications = await db.all<QualificationEntry>(
      `${qualSql} WHERE credit_code IN (${borrowerKeys.map(() => '?').join(', ')})`,
      [...borrowerKeys],
    );
  const techIndustries = await db.all<{ scheme: string; cat_code: string; industry_code: string }>(
    'SELECT scheme, cat_code, industry_code FROM ref_high_tech',
  );
  const digitalMap = await db.all<{ de_code: string; industry_code: string }>(
    'SELECT de_code, industry_code FROM ref_digital_industry_map',
  );
  const elderly = await db.all<{ industry_code: string }>(
    'SELECT industry_code FROM ref_elderly_industry_map',
  );
  const greenCatalogue = await db.all<GreenCatalogueEntry>(
    'SELECT edition, code, level, in_force_from, in_force_to FROM ref_green_catalogue',
  );
  const pbocCodes = await db.all<{ scheme: string; pboc_code: string }>(
    'SELECT scheme, pboc_code FROM ref_pboc_category',
  );
  const green2025 = await db.all<{ gf_code: string }>(
    "SELECT gf_code FROM ref_green_catalogue_2025 WHERE level = '3'",
  );
  const green2025Lines = await db.all<{ gf_code: string; industry_code: string | null }>(
    'SELECT gf_code, industry_code FROM ref_green_industry_map_2025',
  );
  return {
    qualifications,
    techIndustries,
    digitalMap,
    elderlyIndustries: elderly.map((r) => r.industry_code),
    greenCatalogue,
    pbocCodes,
    green2025Items: green2025.map((r) => r.gf_code),
    green2025Lines,
  };
}

/** Reads LoanFacts of loans selected by a WHERE fragment over `l`. */
export async function readLoanFacts(
  db: AnalyticsConn,
  where: string,
  params: (string | number)[],
): Promise<(LoanFacts & { submission_id: string; row_no: string })[]> {
  const rows = await db.all<LoanFacts & { submission_id: string; row_no: string; declared_areas: string[] }>(
    `SELECT l.submission_id::VARCHAR AS submission_id, l.row_no::VARCHAR AS row_no, ${LOAN_FACTS_SQL}
     FROM loans l WHERE ${where} ORDER BY l.submission_id, l.row_no`,
    params,
  );
  return rows;
}
