// Classification against the analytics store: labels a whole submission in one INSERT … SELECT inside DuckDB,
// and loads the reference facts the TypeScript evaluator needs to label (and explain) single loans.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { compileLabelSelect } from './compile.sql.ts';
import type { ClassifyContext, GreenCatalogueEntry, LoanFacts, QualificationEntry } from './evaluate.ts';
import { DEFAULT_OPTIONS, ruleVersion, type ClassifyOptions } from './rules.ts';

/**
 * (Re)labels every loan of a submission: deletes its previous labels, then one INSERT … SELECT.
 * Callers that need both statements atomic run this inside their own transaction.
 */
export async function classifySubmission(
  db: AnalyticsConn,
  submissionId: bigint | string,
  opts: ClassifyOptions = DEFAULT_OPTIONS,
): Promise<void> {
  const id = String(submissionId);
  const select = compileLabelSelect(
    { sql: 'l.submission_id = CAST(? AS BIGINT)', params: [id] },
    ruleVersion(opts),
    opts,
  );
  await db.run('DELETE FROM loan_areas WHERE submission_id = CAST(? AS BIGINT)', [id]);
  await db.run(`INSERT INTO loan_areas ${select.sql}`, select.params);
}

/** The columns of `loans` the rules read, as LoanFacts (select list over alias l). */
export const LOAN_FACTS_SQL = `strftime(l.period_end, '%Y-%m-%d') AS period_end, l.borrower_key,
  l.borrower_is_person, l.borrower_type, l.enterprise_size, l.industry_code, l.product_type, l.green_category,
  l.declared_areas, strftime(l.issue_date, '%Y-%m-%d') AS issue_date, l.credit_line_total::VARCHAR AS credit_line_total`;

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
  const techIndustries = await db.all<{ scheme: string; industry_code: string }>(
    'SELECT scheme, industry_code FROM ref_high_tech',
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
  return {
    qualifications,
    techIndustries,
    digitalMap,
    elderlyIndustries: elderly.map((r) => r.industry_code),
    greenCatalogue,
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
