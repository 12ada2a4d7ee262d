// Property: the SQL evaluator (DuckDB) and the TypeScript evaluator label random loans identically,
// under random configuration switches and with the digital/elderly mappings loaded or empty.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import fc from 'fast-check';

import type { Analytics } from '../store/analytics/duckdb.ts';
import { classifySubmission, loadClassifyContext, readLoanFacts } from './classify.ts';
import { classifyLoan } from './evaluate.ts';
import { TECH_SCHEMES } from './expr.ts';
import type { ClassifyOptions } from './rules.ts';
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
        await classifySubmission(db, sub, opts);
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
