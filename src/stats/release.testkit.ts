// Test kit of the release figures: the hand-computed book of fixtures/release (3 banks, 14 months 2023-12 …
// 2025-01) loaded into an analytics store in bulk with DuckDB — one loan-file-v2 submission per bank and month,
// each span row of book.csv standing for the loan in every month from period_from to period_to (issued_amount
// only in the month of issue_date) — then labelled under classify-v2 (all at once) and aggregated like accepted files.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { compileLabelSelect, LOAN_AREAS_COLUMNS } from '../classify/compile.sql.ts';
import { DEFAULT_OPTIONS, ruleVersion } from '../classify/rules.ts';
import { RULE_SET_V2 } from '../classify/rules.v2.ts';
import { ingestExitsFile, type ExitIngestResult } from '../loans/exits/ingest.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { recomputeAggregates } from './aggregates.sql.ts';

export const BOOK_DIR = fileURLToPath(new URL('./fixtures/release/', import.meta.url));
export const BOOK_INSTITUTIONS = ['B1', 'B2', 'B3'] as const;
export const BOOK_FIRST = '2023-12';
export const BOOK_LAST = '2025-01';

/** Loads the book; `skip` leaves out bank-months ('B3 2025-01'). Returns the periods loaded, oldest first. */
export async function loadBook(db: Analytics, skip: readonly string[] = []): Promise<string[]> {
  await db.run(
    `INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code) SELECT code, code, code, 'other', NULL FROM unnest(?::VARCHAR[]) t(code)`,
    [`[${BOOK_INSTITUTIONS.join(',')}]`],
  );
  await db.run(
    `CREATE TEMP TABLE book AS
     SELECT b.*, m.p AS report_period, last_day(m.d) AS period_end
     FROM read_csv(?, header = true, all_varchar = true) b
     JOIN (SELECT d, strftime(d, '%Y-%m') AS p FROM range(DATE '2023-12-01', DATE '2025-02-01', INTERVAL 1 MONTH) t(d)) m
       ON m.p BETWEEN b.period_from AND b.period_to
     WHERE NOT list_contains(?::VARCHAR[], b.institution_code || ' ' || m.p)`,
    [`${BOOK_DIR}book.csv`, `[${skip.join(',')}]`],
  );
  await db.run(
    `INSERT INTO submissions (submission_id, institution_code, report_period, version, content_hash, file_name,
       row_count, warning_count, rule_version, accepted_at, superseded_at, file_spec)
     SELECT nextval('submission_seq'), institution_code, report_period, 1, 'book', 'book.csv', n, 0, 'validate-v2',
       TIMESTAMP '2025-02-01 00:00:00', NULL, 'loan-file-v2'
     FROM (SELECT institution_code, report_period, count(*) AS n FROM book GROUP BY ALL ORDER BY ALL)`,
  );
  await db.run(
    `INSERT INTO loans (submission_id, row_no, report_period, period_end, institution_code, loan_id, contract_id,
       borrower_key, borrower_is_person, borrower_type, enterprise_size, industry_code, district_code,
       branch_district_code, product_type, declared_areas, issue_date, maturity_date, currency, balance,
       issued_amount, interest_rate, guarantee_type, credit_line_total, first_loan, quality, overdue_days,
       revolving, fiscal_support, relending_tool, warn_mask, business_category, bill_discount_method, loan_nature,
       ownership, tech_sei, inclusive_flags, elderly_institution, digital_efficiency)
     SELECT s.submission_id, row_number() OVER (PARTITION BY s.submission_id ORDER BY b.loan_id), b.report_period,
       b.period_end, b.institution_code, b.loan_id, 'C-' || b.loan_id, b.borrower_key, FALSE, 'enterprise', 'large',
       '0111', b.district_code, b.branch_district_code,
       CASE b.business_category WHEN 'C03' THEN 'discount' ELSE 'working_capital' END, [],
       b.issue_date::DATE, DATE '2027-12-31', 'CNY', b.balance::DECIMAL(18,2),
       CASE WHEN strftime(b.issue_date::DATE, '%Y-%m') = b.report_period THEN b.issued_amount ELSE '0' END::DECIMAL(18,2),
       b.interest_rate::DECIMAL(12,6), b.guarantee_type, 20000000.00, b.first_loan::BOOLEAN, b.quality,
       b.overdue_days::INTEGER, FALSE, 'none', 'none', 0, b.business_category, nullif(b.bill_discount_method, ''),
       b.loan_nature, 'private', nullif(b.tech_sei, ''), [], FALSE, FALSE
     FROM book b JOIN submissions s USING (institution_code, report_period)`,
  );
  // Every submission is loan-file-v2 under the default options: labelled in one statement, as classifySubmission
  // labels one.
  const select = compileLabelSelect(
    { sql: 'TRUE', params: [] },
    ruleVersion(DEFAULT_OPTIONS, RULE_SET_V2),
    DEFAULT_OPTIONS,
    RULE_SET_V2.rules,
  );
  await db.run(`INSERT INTO loan_areas ${LOAN_AREAS_COLUMNS} ${select.sql}`, select.params);
  const periods = await db.all<{ p: string }>('SELECT DISTINCT report_period AS p FROM book ORDER BY 1');
  await db.run('DROP TABLE book');
  return periods.map((r) => r.p);
}

/** Submits the book's exit files (exits/*.csv, one bank and month each) through the loan-exits ingest. */
export async function loadBookExits(db: Analytics, now: Date): Promise<ExitIngestResult[]> {
  const files = (await readdir(join(BOOK_DIR, 'exits'))).sort();
  const out: ExitIngestResult[] = [];
  for (const f of files)
    out.push(await ingestExitsFile(db, { path: join(BOOK_DIR, 'exits', f), fileName: f, now: () => now }));
  return out;
}

/** Recomputes the stored figures of every period, oldest first (a period's figures read the ones before). */
export async function aggregateBook(db: Analytics, periods: readonly string[], at: Date): Promise<void> {
  for (const p of periods) await recomputeAggregates(db, p, at);
}
