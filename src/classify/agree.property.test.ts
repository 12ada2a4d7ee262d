// Property: the SQL evaluator (DuckDB) and the TypeScript evaluator label random loans identically,
// under random configuration switches and with the digital/elderly mappings loaded or empty — for classify-v1
// on v1 loans, and for classify-v2 (labels, in_total and the reconciliation checks) on random v2 loans.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import fc from 'fast-check';

import type { Analytics } from '../store/analytics/duckdb.ts';
import { classifySubmission, loadClassifyContext, readLoanFacts } from './classify.ts';
import { compileCheckSelect } from './compile.sql.ts';
import { classifyLoan, reconcileLoan } from './evaluate.ts';
import { INCLUSIVE_FLAGS, TECH_SCHEMES } from './expr.ts';
import { RECONCILE_V2, RULE_SET_V2 } from './rules.v2.ts';
import { RULE_SET_V1, type ClassifyOptions } from './rules.ts';
import { addQualification, insertSubmission, openTestAnalytics, type TestLoan } from './testing.ts';

const ENTS = ['915000000000000001', '915000000000000002', '915000000000000003', '915000000000000004'];
const QUALS = ['high_tech_enterprise', 'tech_sme', 'innovative_sme', 'specialized_sme', 'little_giant'];

let db: Analytics;
before(async () => {
  db = await openTestAnalytics();
  let i = 0;
  for (const e of ENTS)
    for (const q of QUALS) {
      i += 1;
      // validity windows that start and end around the tested period ends
      const from = ['2024-01-01', '2025-10-01', '2025-12-31', '2026-01-01'][i % 4] ?? '2024-01-01';
      const to = [null, '2025-10-31', '2025-12-31', '2025-11-30', null][i % 5] ?? null;
      if (to === null || to >= from) await addQualification(db, e, q, from, to);
    }
});
after(() => db.close());

const money = fc.constantFrom('0.00', '9999999.99', '10000000.00', '10000000.01', '25000000.00', '1.5');
const loanArb: fc.Arbitrary<Partial<TestLoan>> = fc.record({
  borrower_key: fc.constantFrom(...ENTS, 'cd'.repeat(32)),
  borrower_is_person: fc.boolean(),
  borrower_type: fc.constantFrom(
    'enterprise',
    'individual_business',
    'small_business_owner',
    'farmer',
    'other',
  ),
  enterprise_size: fc.constantFrom(null, 'large', 'medium', 'small', 'micro'),
  industry_code: fc.constantFrom('0111', '2710', '3911', '7212', '8514', '6511'),
  product_type: fc.constantFrom('operating', 'consumer', 'working_capital', 'discount'),
  green_category: fc.constantFrom(null, '', '1', '6', '6.6.2', '7', '8', '8.1', '12', 'x', '6.', '06'),
  declared_areas: fc.subarray(['tech', 'green', 'inclusive', 'pension', 'digital']),
  issue_date: fc.constantFrom('2019-01-01', '2025-09-30', '2025-10-01', '2025-12-31'),
  credit_line_total: money,
});
const optsArb: fc.Arbitrary<ClassifyOptions> = fc.record({
  digitalIncludeCategory05: fc.boolean(),
  digitalAcceptDeclaredUntilMapped: fc.boolean(),
  techIndustrySchemes: fc.subarray([...TECH_SCHEMES]),
  nfraS70: fc.boolean(),
  digitalTotalIncludesEfficiency: fc.boolean(),
});

let runNo = 0;
it('SQL and TypeScript evaluators agree on random loans', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(loanArb, { minLength: 1, maxLength: 12 }),
      optsArb,
      fc.constantFrom('2025-10', '2025-11', '2025-12'),
      fc.boolean(),
      async (loans, opts, period, mapped) => {
        runNo += 1;
        await db.run('DELETE FROM ref_digital_industry_map');
        await db.run('DELETE FROM ref_elderly_industry_map');
        if (mapped) {
          await db.run(
            "INSERT INTO ref_digital_industry_map VALUES ('010101', '3911', 'no'), ('0501', '7212', 'no')",
          );
          await db.run("INSERT INTO ref_elderly_industry_map VALUES ('0101', '8514', 'no')");
        }
        const sub = await insertSubmission(
          db,
          { institution: `P${runNo}`, period, acceptedAt: '2026-01-10 09:00:00' },
          loans.map((l, i) => ({ ...l, loan_id: `R${i}` })),
        );
        await classifySubmission(db, sub, { set: RULE_SET_V1, opts });
        const rows = await db.all<{ row_no: string; basis: string }>(
          'SELECT row_no::VARCHAR AS row_no, basis FROM loan_areas WHERE submission_id = ?',
          [sub],
        );
        const ctx = await loadClassifyContext(db);
        const facts = await readLoanFacts(db, 'l.submission_id = CAST(? AS BIGINT)', [sub]);
        for (const f of facts) {
          const sql = rows
            .filter((r) => r.row_no === f.row_no)
            .map((r) => r.basis)
            .sort();
          const ts = classifyLoan(f, ctx, opts)
            .map((l) => l.basis)
            .sort();
          assert.deepEqual(sql, ts, JSON.stringify(f));
        }
      },
    ),
    { numRuns: 40, seed: 20251231 },
  );
});

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof(fc.constant(null), a);
const v2LoanArb: fc.Arbitrary<Partial<TestLoan>> = fc.record({
  borrower_key: fc.constantFrom(...ENTS, 'cd'.repeat(32)),
  borrower_is_person: fc.boolean(),
  borrower_type: fc.constantFrom(
    'enterprise',
    'individual_business',
    'small_business_owner',
    'farmer',
    'other',
  ),
  enterprise_size: fc.constantFrom(null, 'large', 'medium', 'small', 'micro'),
  // 2710 is HTP01, 3911 HTP04 and a green 2025 industry line; 0111 and 4411 are neither
  industry_code: fc.constantFrom('0111', '2710', '3911', '3411', '4411', '7212'),
  product_type: fc.constantFrom('operating', 'consumer', 'housing', 'working_capital', 'discount', 'leasing'),
  credit_line_total: money,
  business_category: maybe(fc.constantFrom('C01', 'C02', 'C03')),
  bill_discount_method: maybe(fc.constantFrom('direct', 'rediscount')),
  loan_nature: maybe(fc.constantFrom('own', 'entrusted')),
  tech_htp: maybe(fc.constantFrom('', 'HTP01', 'HTP04', 'HTP07')),
  tech_hts: maybe(fc.constantFrom('HTS09', 'HTS10')),
  tech_sei: maybe(fc.constantFrom('SE01', 'SE10')),
  tech_ipi: maybe(fc.constantFrom('PA07', 'PA08')),
  green_edition: maybe(fc.constantFrom('2025', '2019')),
  green_item: maybe(fc.constantFrom('1.1.1', '1.1.10', '6.4.2', '1.1', '9.9.9', '3.1.2', '6', '6.6.2', 'x')),
  pension_type: maybe(fc.constantFrom('EC01', 'EC12', 'EC13')),
  digital_core: maybe(fc.constantFrom('DE01', 'DE04', 'DE05')),
  elderly_institution: maybe(fc.boolean()),
  digital_efficiency: maybe(fc.boolean()),
  inclusive_flags: maybe(fc.subarray([...INCLUSIVE_FLAGS])),
});

it('SQL and TypeScript evaluators agree on random v2 loans (labels, in_total, reconciliation checks)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(v2LoanArb, { minLength: 1, maxLength: 12 }),
      optsArb,
      fc.constantFrom('2025-10', '2025-11', '2025-12'),
      async (loans, opts, period) => {
        runNo += 1;
        const sub = await insertSubmission(
          db,
          { institution: `V${runNo}`, period, acceptedAt: '2026-01-10 09:00:00', fileSpec: 'loan-file-v2' },
          loans.map((l, i) => ({ ...l, loan_id: `R${i}` })),
        );
        await classifySubmission(db, sub, { set: RULE_SET_V2, opts });
        const rows = await db.all<{ row_no: string; basis: string; in_total: boolean }>(
          'SELECT row_no::VARCHAR AS row_no, basis, in_total FROM loan_areas WHERE submission_id = ?',
          [sub],
        );
        const where = { sql: 'l.submission_id = CAST(? AS BIGINT)', params: [sub] };
        const checks = compileCheckSelect(where, RECONCILE_V2, opts);
        const items = await db.all<{ row_no: string; kind: string }>(
          `SELECT row_no::VARCHAR AS row_no, kind FROM (${checks.sql}) c`,
          checks.params,
        );
        const ctx = await loadClassifyContext(db);
        const facts = await readLoanFacts(db, 'l.submission_id = CAST(? AS BIGINT)', [sub]);
        assert.equal(facts.length, loans.length);
        for (const f of facts) {
          const sql = rows
            .filter((r) => r.row_no === f.row_no)
            .map((r) => `${r.basis}:${r.in_total}`)
            .sort();
          const ts = classifyLoan(f, ctx, opts, RULE_SET_V2)
            .map((l) => `${l.basis}:${l.in_total}`)
            .sort();
          assert.deepEqual(sql, ts, JSON.stringify(f));
          const sqlItems = items
            .filter((r) => r.row_no === f.row_no)
            .map((r) => r.kind)
            .sort();
          assert.deepEqual(sqlItems, reconcileLoan(f, ctx, RECONCILE_V2, opts).sort(), JSON.stringify(f));
        }
      },
    ),
    { numRuns: 60, seed: 20250124 },
  );
});
