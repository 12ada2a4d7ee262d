// Test helpers: an in-memory analytics store with every migration and the reference data, and hand-built
// submissions / loans / registry entries inserted with bound SQL (no ingest needed).
import { loadReferenceAnalytics } from '../reference/load.analytics.ts';
import { ANALYTICS_MIGRATIONS } from '../platform/migrations.ts';
import {
  migrateAnalytics,
  openAnalytics,
  type Analytics,
  type AnalyticsConn,
} from '../store/analytics/duckdb.ts';

export async function openTestAnalytics(): Promise<Analytics> {
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  await migrateAnalytics(db, ANALYTICS_MIGRATIONS);
  await loadReferenceAnalytics(db);
  return db;
}

export interface TestLoan {
  loan_id: string;
  borrower_key: string;
  borrower_is_person: boolean;
  borrower_type: string;
  enterprise_size: string | null;
  industry_code: string;
  district_code: string;
  product_type: string;
  green_category: string | null;
  declared_areas: string[];
  issue_date: string;
  maturity_date: string;
  balance: string;
  issued_amount: string;
  interest_rate: string;
  guarantee_type: string;
  credit_line_total: string;
  first_loan: boolean;
  quality: string;
  // loan-file-v2 columns (NULL on v1 rows)
  business_category: string | null;
  bill_discount_method: string | null;
  loan_nature: string | null;
  tech_htp: string | null;
  tech_hts: string | null;
  tech_sei: string | null;
  tech_ipi: string | null;
  green_edition: string | null;
  green_item: string | null;
  pension_type: string | null;
  digital_core: string | null;
  elderly_institution: boolean | null;
  digital_efficiency: boolean | null;
  inclusive_flags: string[] | null;
}

export const BASE_LOAN: TestLoan = {
  loan_id: 'L1',
  borrower_key: '91500000000000001A',
  borrower_is_person: false,
  borrower_type: 'enterprise',
  enterprise_size: 'large',
  industry_code: '0111',
  district_code: '500103',
  product_type: 'working_capital',
  green_category: null,
  declared_areas: [],
  issue_date: '2024-06-01',
  maturity_date: '2025-05-31',
  balance: '100.00',
  issued_amount: '0.00',
  interest_rate: '3.5000',
  guarantee_type: 'mortgage',
  credit_line_total: '20000000.00',
  first_loan: false,
  quality: 'normal',
  business_category: null,
  bill_discount_method: null,
  loan_nature: null,
  tech_htp: null,
  tech_hts: null,
  tech_sei: null,
  tech_ipi: null,
  green_edition: null,
  green_item: null,
  pension_type: null,
  digital_core: null,
  elderly_institution: null,
  digital_efficiency: null,
  inclusive_flags: null,
};

/** A v2 loan's defaults: an own (自营) C01 unit loan with no five-area code. */
export const BASE_LOAN_V2: Partial<TestLoan> = {
  business_category: 'C01',
  loan_nature: 'own',
  elderly_institution: false,
  digital_efficiency: false,
  inclusive_flags: [],
};

export interface TestSubmission {
  institution: string;
  period: string;
  /** Acceptance time, 'YYYY-MM-DD HH:MM:SS'; the previous version of (institution, period) is superseded then. */
  acceptedAt: string;
  /** The loan file version (default loan-file-v1); v2 loans get BASE_LOAN_V2's defaults. */
  fileSpec?: 'loan-file-v1' | 'loan-file-v2';
}

function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y ?? 0, m ?? 1, 0));
  return d.toISOString().slice(0, 10);
}

/** Inserts a submission (superseding the one in force) with the given loans; returns its id. */
export async function insertSubmission(
  db: AnalyticsConn,
  sub: TestSubmission,
  loans: Partial<TestLoan>[],
): Promise<string> {
  const fileSpec = sub.fileSpec ?? 'loan-file-v1';
  const [idRow] = await db.all<{ id: string }>("SELECT nextval('submission_seq')::VARCHAR AS id");
  const id = idRow?.id ?? '0';
  const [v] = await db.all<{ v: string }>(
    'SELECT (coalesce(max(version), 0) + 1)::VARCHAR AS v FROM submissions WHERE institution_code = ? AND report_period = ?',
    [sub.institution, sub.period],
  );
  await db.run(
    `UPDATE submissions SET superseded_at = CAST(? AS TIMESTAMP)
     WHERE institution_code = ? AND report_period = ? AND superseded_at IS NULL`,
    [sub.acceptedAt, sub.institution, sub.period],
  );
  await db.run(
    `INSERT INTO submissions (submission_id, institution_code, report_period, version, content_hash, file_name,
       row_count, warning_count, rule_version, accepted_at, superseded_at, file_spec)
     VALUES (CAST(? AS BIGINT), ?, ?, CAST(? AS INTEGER), ?, 'test.csv', ?, 0, ?,
       CAST(? AS TIMESTAMP), NULL, ?)`,
    [
      id,
      sub.institution,
      sub.period,
      v?.v ?? '1',
      `hash-${id}`,
      loans.length,
      fileSpec,
      sub.acceptedAt,
      fileSpec,
    ],
  );
  let rowNo = 0;
  for (const partial of loans) {
    rowNo += 1;
    const l: TestLoan = { ...BASE_LOAN, ...(fileSpec === 'loan-file-v2' ? BASE_LOAN_V2 : {}), ...partial };
    await db.run(
      `INSERT INTO loans (submission_id, row_no, report_period, period_end, institution_code, loan_id, contract_id,
        borrower_key, borrower_is_person, borrower_name, borrower_type, enterprise_size, industry_code,
        district_code, product_type, green_category, declared_areas, issue_date, maturity_date, currency, balance,
        issued_amount, interest_rate, guarantee_type, credit_line_total, first_loan, quality, overdue_days,
        revolving, fiscal_support, relending_tool, carbon_reduction_t, warn_mask, business_category,
        bill_discount_method, loan_nature, tech_htp, tech_hts, tech_sei, tech_ipi, green_edition, green_item,
        pension_type, digital_core, elderly_institution, digital_efficiency, inclusive_flags)
       VALUES (CAST(? AS BIGINT), ?, ?, CAST(? AS DATE), ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?,
        CAST(? AS VARCHAR[]), CAST(? AS DATE), CAST(? AS DATE), 'CNY', CAST(? AS DECIMAL(18,2)),
        CAST(? AS DECIMAL(18,2)), CAST(? AS DECIMAL(12,6)), ?, CAST(? AS DECIMAL(18,2)), ?, ?, 0, FALSE, 'none',
        'none', NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS VARCHAR[]))`,
      [
        id,
        rowNo,
        sub.period,
        periodEnd(sub.period),
        sub.institution,
        l.loan_id,
        `C-${l.loan_id}`,
        l.borrower_key,
        l.borrower_is_person,
        l.borrower_type,
        l.enterprise_size,
        l.industry_code,
        l.district_code,
        l.product_type,
        l.green_category,
        `[${l.declared_areas.join(',')}]`,
        l.issue_date,
        l.maturity_date,
        l.balance,
        l.issued_amount,
        l.interest_rate,
        l.guarantee_type,
        l.credit_line_total,
        l.first_loan,
        l.quality,
        l.business_category,
        l.bill_discount_method,
        l.loan_nature,
        l.tech_htp,
        l.tech_hts,
        l.tech_sei,
        l.tech_ipi,
        l.green_edition,
        l.green_item,
        l.pension_type,
        l.digital_core,
        l.elderly_institution,
        l.digital_efficiency,
        l.inclusive_flags === null ? null : `[${l.inclusive_flags.join(',')}]`,
      ],
    );
  }
  return id;
}

/** Adds a registry qualification (creating the registry import record on first use). */
export async function addQualification(
  db: AnalyticsConn,
  creditCode: string,
  qualification: string,
  validFrom: string,
  validTo: string | null,
): Promise<void> {
  await db.run(
    `INSERT INTO registry_imports SELECT 1, 'test-registry.csv', 'test-hash', 0, TIMESTAMP '2024-01-01 00:00:00'
     WHERE NOT EXISTS (SELECT 1 FROM registry_imports WHERE import_id = 1)`,
  );
  await db.run('INSERT INTO enterprise_qualifications VALUES (?, ?, CAST(? AS DATE), CAST(? AS DATE), 1)', [
    creditCode,
    qualification,
    validFrom,
    validTo,
  ]);
}
