// Hand-built loans with known labels: every basis and every exclusion, checked in DuckDB (SQL evaluator)
// and against the TypeScript evaluator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Analytics } from '../store/analytics/duckdb.ts';
import { classifySubmission, loadClassifyContext, readLoanFacts } from './classify.ts';
import { classifyLoan } from './evaluate.ts';
import { checkRules, DEFAULT_OPTIONS, RULE_SET_V1, ruleVersion } from './rules.ts';
import { addQualification, insertSubmission, openTestAnalytics, type TestLoan } from './testing.ts';

const ENT = (n: number): string => `9150000000000${String(n).padStart(4, '0')}X`;

interface Case {
  name: string;
  loan: Partial<TestLoan>;
  expect: string[];
}

const CASES: Case[] = [
  { name: 'plain large enterprise, nothing', loan: {}, expect: [] },
  {
    name: 'high-tech enterprise valid',
    loan: { borrower_key: ENT(1) },
    expect: ['tech.high_tech_enterprise'],
  },
  { name: 'high-tech certificate expired', loan: { borrower_key: ENT(2) }, expect: [] },
  { name: 'tech SME', loan: { borrower_key: ENT(3), enterprise_size: 'small' }, expect: ['tech.tech_sme'] },
  {
    name: 'innovative SME, medium',
    loan: { borrower_key: ENT(4), enterprise_size: 'medium' },
    expect: ['tech.innovative_sme'],
  },
  { name: 'innovative SME but large', loan: { borrower_key: ENT(4), enterprise_size: 'large' }, expect: [] },
  { name: 'specialised SME', loan: { borrower_key: ENT(5) }, expect: ['tech.specialized_sme'] },
  { name: 'little giant', loan: { borrower_key: ENT(6) }, expect: ['tech.little_giant'] },
  { name: 'demo enterprise', loan: { borrower_key: ENT(7) }, expect: ['tech.tech_innovation_demo'] },
  { name: 'champion', loan: { borrower_key: ENT(8) }, expect: ['tech.manufacturing_champion'] },
  {
    name: 'individual business holding a qualification: excluded from qualification lines',
    loan: { borrower_key: ENT(1), borrower_type: 'individual_business', enterprise_size: null },
    expect: [],
  },
  { name: 'qualification not yet valid at period end', loan: { borrower_key: ENT(9) }, expect: [] },
  {
    name: 'high-tech manufacturing industry 2710',
    loan: { industry_code: '2710' },
    expect: ['tech.industry_high_tech_manufacturing'],
  },
  {
    name: 'green 2025 edition deep code',
    loan: { green_category: '6.6.2', issue_date: '2025-10-15' },
    expect: ['green.catalogue_in_force'],
  },
  { name: 'green 2019 code 6 in 2024', loan: { green_category: '6' }, expect: ['green.catalogue_in_force'] },
  { name: 'green 8 before the 2025 edition', loan: { green_category: '8' }, expect: [] },
  {
    name: 'green 8 under the 2025 edition',
    loan: { green_category: '8.1', issue_date: '2025-11-01' },
    expect: ['green.catalogue_in_force'],
  },
  { name: 'green malformed code', loan: { green_category: '6.x' }, expect: [] },
  {
    name: 'green unknown first level',
    loan: { green_category: '12.1', issue_date: '2025-11-01' },
    expect: [],
  },
  {
    name: 'small enterprise, line 10,000,000.00 (included)',
    loan: { enterprise_size: 'small', credit_line_total: '10000000.00' },
    expect: ['inclusive.small_micro_enterprise_line_le_10m'],
  },
  {
    name: 'micro enterprise, line 10,000,000.01 (excluded)',
    loan: { enterprise_size: 'micro', credit_line_total: '10000000.01' },
    expect: [],
  },
  {
    name: 'medium enterprise (excluded)',
    loan: { enterprise_size: 'medium', credit_line_total: '500000.00' },
    expect: [],
  },
  {
    name: 'individual business operating',
    loan: {
      borrower_type: 'individual_business',
      enterprise_size: null,
      product_type: 'operating',
      credit_line_total: '300000.00',
    },
    expect: ['inclusive.individual_business_operating_line_le_10m'],
  },
  {
    name: 'individual business consumer loan (excluded)',
    loan: {
      borrower_type: 'individual_business',
      enterprise_size: null,
      product_type: 'consumer',
      credit_line_total: '300000.00',
    },
    expect: [],
  },
  {
    name: 'small business owner operating',
    loan: {
      borrower_key: 'ab'.repeat(32),
      borrower_is_person: true,
      borrower_type: 'small_business_owner',
      enterprise_size: null,
      product_type: 'operating',
      credit_line_total: '800000.00',
    },
    expect: ['inclusive.small_business_owner_operating_line_le_10m'],
  },
  { name: 'pension declared', loan: { declared_areas: ['pension'] }, expect: ['pension.declared'] },
  {
    name: 'digital declared (provisional while the map is empty)',
    loan: { declared_areas: ['digital'] },
    expect: ['digital.declared_provisional'],
  },
  {
    name: 'one loan in three areas',
    loan: {
      borrower_key: ENT(1),
      enterprise_size: 'small',
      credit_line_total: '5000000.00',
      green_category: '1',
    },
    expect: [
      'tech.high_tech_enterprise',
      'green.catalogue_in_force',
      'inclusive.small_micro_enterprise_line_le_10m',
    ],
  },
];

let db: Analytics;
let sub: string;

before(async () => {
  db = await openTestAnalytics();
  await addQualification(db, ENT(1), 'high_tech_enterprise', '2023-01-01', '2025-12-31');
  await addQualification(db, ENT(2), 'high_tech_enterprise', '2022-01-01', '2025-11-30');
  await addQualification(db, ENT(3), 'tech_sme', '2025-01-01', null);
  await addQualification(db, ENT(4), 'innovative_sme', '2025-01-01', null);
  await addQualification(db, ENT(5), 'specialized_sme', '2025-01-01', null);
  await addQualification(db, ENT(6), 'little_giant', '2025-01-01', null);
  await addQualification(db, ENT(7), 'tech_innovation_demo', '2025-01-01', null);
  await addQualification(db, ENT(8), 'manufacturing_champion', '2025-01-01', null);
  await addQualification(db, ENT(9), 'tech_sme', '2026-01-01', null);
  sub = await insertSubmission(
    db,
    { institution: 'B001', period: '2025-12', acceptedAt: '2026-01-10 09:00:00' },
    CASES.map((c, i) => ({ ...c.loan, loan_id: `L${i}` })),
  );
});
after(() => db.close());

async function sqlLabels(submission: string): Promise<Map<string, string[]>> {
  const rows = await db.all<{ row_no: string; basis: string; rule_version: string }>(
    'SELECT row_no::VARCHAR AS row_no, basis, rule_version FROM loan_areas WHERE submission_id = ? ORDER BY row_no, basis',
    [submission],
  );
  const m = new Map<string, string[]>();
  for (const r of rows) m.set(r.row_no, [...(m.get(r.row_no) ?? []), r.basis]);
  return m;
}

describe('classify-v1 on hand-built loans', () => {
  it('declares sound rules', () => {
    assert.deepEqual(checkRules(), []);
    assert.equal(ruleVersion(), 'classify-v1');
    assert.equal(
      ruleVersion({ ...DEFAULT_OPTIONS, digitalIncludeCategory05: true }),
      'classify-v1;digital05=on',
    );
  });

  it('labels every case in SQL and in TypeScript with the expected bases', async () => {
    await classifySubmission(db, sub);
    const sql = await sqlLabels(sub);
    const ctx = await loadClassifyContext(db);
    const facts = await readLoanFacts(db, 'l.submission_id = CAST(? AS BIGINT)', [sub]);
    for (const [i, c] of CASES.entries()) {
      const rowNo = String(i + 1);
      assert.deepEqual([...(sql.get(rowNo) ?? [])].sort(), [...c.expect].sort(), `SQL: ${c.name}`);
      const f = facts.find((x) => x.row_no === rowNo);
      assert.ok(f);
      const ts = classifyLoan(f, ctx).map((l) => l.basis);
      assert.deepEqual(ts.sort(), [...c.expect].sort(), `TS: ${c.name}`);
    }
    const versions = await db.all<{ v: string }>('SELECT DISTINCT rule_version AS v FROM loan_areas');
    assert.deepEqual(versions, [{ v: 'classify-v1' }]);
  });

  it('is idempotent: re-classifying replaces the labels', async () => {
    await classifySubmission(db, sub);
    await classifySubmission(db, sub);
    const [n] = await db.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM loan_areas WHERE submission_id = ?',
      [sub],
    );
    assert.equal(n?.n, String(CASES.reduce((s, c) => s + c.expect.length, 0)));
  });

  it('switches the provisional digital basis off, and uses the mappings once loaded', async () => {
    const off = { ...DEFAULT_OPTIONS, digitalAcceptDeclaredUntilMapped: false };
    await classifySubmission(db, sub, { set: RULE_SET_V1, opts: off });
    const noDigital = await db.all('SELECT * FROM loan_areas WHERE submission_id = ? AND area = ?', [
      sub,
      'digital',
    ]);
    assert.equal(noDigital.length, 0);
    const s2 = await insertSubmission(
      db,
      { institution: 'B002', period: '2025-12', acceptedAt: '2026-01-10 09:00:00' },
      [
        { loan_id: 'D1', industry_code: '3911', declared_areas: ['digital'] },
        { loan_id: 'D2', industry_code: '7212' },
        { loan_id: 'P1', industry_code: '8514' },
      ],
    );
    await db.run(
      "INSERT INTO ref_digital_industry_map VALUES ('010101', '3911', 'no'), ('050101', '7212', 'no')",
    );
    await db.run("INSERT INTO ref_elderly_industry_map VALUES ('0101', '8514', 'no')");
    try {
      await classifySubmission(db, s2);
      assert.deepEqual(Object.fromEntries(await sqlLabels(s2)), {
        '1': ['digital.core_industry', 'tech.industry_high_tech_manufacturing'],
        '3': ['pension.elderly_industry'],
      });
      const on05 = { ...DEFAULT_OPTIONS, digitalIncludeCategory05: true };
      await classifySubmission(db, s2, { set: RULE_SET_V1, opts: on05 });
      const got = await sqlLabels(s2);
      assert.deepEqual(got.get('2'), ['digital.efficiency_industry_05']);
      const ctx = await loadClassifyContext(db);
      const facts = await readLoanFacts(db, 'l.submission_id = CAST(? AS BIGINT)', [s2]);
      for (const f of facts)
        assert.deepEqual(
          classifyLoan(f, ctx, on05)
            .map((l) => l.basis)
            .sort(),
          [...(got.get(f.row_no) ?? [])].sort(),
        );
      const [v] = await db.all<{ v: string }>(
        'SELECT DISTINCT rule_version AS v FROM loan_areas WHERE submission_id = ?',
        [s2],
      );
      assert.equal(v?.v, 'classify-v1;digital05=on');
    } finally {
      await db.run('DELETE FROM ref_digital_industry_map');
      await db.run('DELETE FROM ref_elderly_industry_map');
    }
  });

  it('names the registry entry behind a tech label', async () => {
    const ctx = await loadClassifyContext(db, [ENT(1)]);
    const [f] = await readLoanFacts(db, 'l.submission_id = CAST(? AS BIGINT) AND l.loan_id = ?', [sub, 'L1']);
    assert.ok(f);
    const [label] = classifyLoan(f, ctx);
    assert.equal(label?.basis, 'tech.high_tech_enterprise');
    assert.deepEqual(label?.evidence.qualification, {
      credit_code: ENT(1),
      qualification: 'high_tech_enterprise',
      valid_from: '2023-01-01',
      valid_to: '2025-12-31',
      import_id: '1',
    });
  });
});
