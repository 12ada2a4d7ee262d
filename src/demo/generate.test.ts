// The demo generator: determinism, every good row valid against the spec and the reference tables, injected bad
// rows exactly as listed in bad-rows.json, and the registry's shape. Small run: 2,000 loans, 3 months, 5 banks.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { QUALIFICATIONS } from '../registry/schema.sql.ts';
import { derivedSizeSql } from '../registry/size.sql.ts';
import { loadReferenceAnalytics } from '../reference/load.analytics.ts';
import { openAnalytics, type Analytics } from '../store/analytics/duckdb.ts';
import type { BadRow } from './bad-rows.ts';
import { readCsv, refSets, violations, type RefSets } from './check-rows.testkit.ts';
import { generateDemo, type DemoResult } from './generate.ts';
import { isValidUscc } from './ids.ts';

let root: string;
let db: Analytics;
let ref: RefSets;
let a: DemoResult;
const base = { loans: 2000, months: 3, endPeriod: '2025-12', institutions: 5, badRows: 25 };

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else
        out[p] = createHash('sha256')
          .update(await readFile(join(dir, p)))
          .digest('hex');
    }
  };
  await walk('');
  return out;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'fivefin-demo-'));
  a = await generateDemo({ ...base, seed: 7, outDir: join(root, 'a') });
  db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  await loadReferenceAnalytics(db);
  ref = await refSets(db);
});

after(async () => {
  db.close();
  await rm(root, { recursive: true, force: true });
});

test('same seed gives byte-identical files; another seed gives different ones', async () => {
  await generateDemo({ ...base, seed: 7, outDir: join(root, 'b') });
  await generateDemo({ ...base, seed: 8, outDir: join(root, 'c') });
  const [ha, hb, hc] = await Promise.all([
    hashes(join(root, 'a')),
    hashes(join(root, 'b')),
    hashes(join(root, 'c')),
  ]);
  assert.deepEqual(hb, ha);
  assert.ok(Object.keys(ha).length > 5);
  assert.notEqual(hc['registry.csv'], ha['registry.csv']);
  assert.notEqual(hc['loans/B0001_2025-12.csv'], ha['loans/B0001_2025-12.csv']);
});

test('one file per institution and month; good rows break no rule; bad rows break exactly the listed one', async () => {
  assert.deepEqual(a.periods, ['2025-10', '2025-11', '2025-12']);
  const loanFiles = a.files.filter((f) => f.startsWith('loans/'));
  assert.equal(loanFiles.length, 15);
  const bad: BadRow[] = JSON.parse(await readFile(join(root, 'a', 'bad-rows.json'), 'utf8'));
  assert.equal(bad.length, 25);
  assert.equal(new Set(bad.map((b) => b.rule_id)).size, 21); // every kind at least once
  const badAt = new Map(bad.map((b) => [`${b.file}#${b.row}`, b]));
  let good = 0;
  let atEnd = 0;
  for (const f of loanFiles) {
    const [, inst, period] = /^loans\/(B\d{4})_(\d{4}-\d{2})\.csv$/.exec(f) ?? [];
    assert.ok(inst && period, f);
    const text = await readFile(join(root, 'a', f), 'utf8');
    const header = (text.split('\n')[0] ?? '').split(',');
    const rows = await readCsv(db, join(root, 'a', f));
    const vs = violations(rows, period, ref, header);
    rows.forEach((r, i) => {
      const rowNo = i + 2;
      const b = badAt.get(`${f}#${rowNo}`);
      if (b) assert.deepEqual(vs[i], [b.rule_id], `${f} row ${rowNo} (${b.rule_id})`);
      else {
        assert.deepEqual(vs[i], [], `${f} row ${rowNo}: ${JSON.stringify(r)}`);
        assert.equal(r.institution_code, inst);
        good++;
      }
    });
    if (period === '2025-12') atEnd += rows.length;
  }
  assert.equal(atEnd, 2000); // exactly N loans outstanding (or issued) at the end period
  assert.ok(good > 5000);
});

test('registry rows have valid codes, known qualifications and some expired certificates', async () => {
  const rows = await readCsv(db, join(root, 'a', 'registry.csv'));
  assert.ok(rows.length >= a.enterprises);
  let expired = 0;
  for (const r of rows) {
    assert.ok(isValidUscc(r.credit_code ?? ''), r.credit_code ?? '');
    assert.ok(ref.industries.has(r.industry_code ?? ''));
    assert.ok(ref.districts.has(r.district_code ?? ''));
    if (r.qualification) {
      assert.ok((QUALIFICATIONS as readonly string[]).includes(r.qualification));
      assert.match(r.valid_from ?? '', /^\d{4}-\d{2}-\d{2}$/);
      if (r.valid_to && r.valid_to < '2025-10-01') expired++;
    } else assert.equal(r.valid_from, '');
  }
  assert.ok(expired > 0);
  const header = (await readFile(join(root, 'a', 'registry.csv'), 'utf8')).split('\n')[0];
  assert.equal(
    header,
    'credit_code,enterprise_name,qualification,valid_from,valid_to,industry_code,district_code,employees,revenue_wan,total_assets_wan,listing_status',
  );
  const inst = await readCsv(db, join(root, 'a', 'institutions.csv'));
  assert.equal(inst.length, 5);
});

test('the book is plausible under the PBoC 2025 caliber (loan-file-v2)', async () => {
  // The good rows of every file (the injected bad rows are checked by the test above).
  const rows = (
    await Promise.all(
      a.files
        .filter((f) => f.startsWith('loans/'))
        .map(async (f) => {
          const rs = await readCsv(db, join(root, 'a', f));
          const header = ((await readFile(join(root, 'a', f), 'utf8')).split('\n')[0] ?? '').split(',');
          const vs = violations(rs, f.slice(-11, -4), ref, header);
          return rs.filter((_, i) => (vs[i] ?? []).length === 0);
        }),
    )
  ).flat();
  const share = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length / rows.length;
  const bal = (p: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(p).reduce((x, r) => x + Number(r.balance), 0) /
    rows.reduce((x, r) => x + Number(r.balance), 0);
  // 单位贷款 most of the balance, 个人贷款 most of the loans, some bills; a few entrusted loans.
  assert.ok(bal((r) => r.business_category === 'C01') > 0.5, 'C01 balance share');
  assert.ok(share((r) => r.business_category === 'C02') > 0.4, 'C02 count share');
  const c03 = share((r) => r.business_category === 'C03');
  assert.ok(c03 > 0.005 && c03 < 0.1, `C03 share ${c03}`);
  const entrusted = share((r) => r.loan_nature === 'entrusted');
  assert.ok(entrusted > 0 && entrusted < 0.02, `entrusted share ${entrusted}`);
  // Tech codes on C01 only, each scheme used; green items valid; pension EC and digital DE codes present.
  const tech = ['tech_htp', 'tech_hts', 'tech_sei', 'tech_ipi'];
  assert.ok(rows.every((r) => r.business_category === 'C01' || tech.every((c) => !r[c])));
  for (const c of tech)
    assert.ok(
      rows.some((r) => r[c]),
      c,
    );
  assert.ok(rows.some((r) => r.green_edition === '2025' && ref.green2025.has(r.green_item ?? '')));
  assert.ok(rows.some((r) => /^EC(0[1-9]|1[0-2])$/.test(r.pension_type ?? '')));
  assert.ok(rows.some((r) => /^DE0[1-4]$/.test(r.digital_core ?? '')));
  assert.ok(
    rows.some((r) => r.district_code && !ref.districts.has(r.district_code)),
    'a borrower outside Chongqing',
  );
  // 普惠小微 flags exactly where DATA-SPEC v2 §6 derives them (line ≤ 10,000,000.00, operating purpose).
  const operating = (r: (typeof rows)[number]) => !['consumer', 'housing'].includes(r.product_type ?? '');
  const le10m = (r: (typeof rows)[number]) => Number(r.credit_line_total) <= 10_000_000;
  for (const r of rows) {
    const flags = (r.inclusive_flags ?? '').split(';');
    const derived =
      (r.borrower_type === 'enterprise' &&
        ['small', 'micro'].includes(r.enterprise_size ?? '') &&
        le10m(r)) ||
      (['individual_business', 'small_business_owner'].includes(r.borrower_type ?? '') &&
        operating(r) &&
        le10m(r));
    const reported = flags.some((f) =>
      ['sme_le10m', 'ib_operating_le10m', 'owner_operating_le10m'].includes(f),
    );
    assert.equal(reported, derived, JSON.stringify(r));
  }
});

test('every enterprise loan declares the size the SME rules derive from the registry (no size warning)', async () => {
  // A run of its own: 3,000 loans from 40 banks draw enough enterprises near the industries' thresholds.
  const run = await generateDemo({
    loans: 3000,
    months: 1,
    endPeriod: '2025-12',
    seed: 7,
    outDir: join(root, 'z'),
  });
  const files = run.files.filter((f) => f.startsWith('loans/')).map((f) => join(root, 'z', f));
  const rows = await db.all<{ n: string; mismatched: string }>(
    `WITH reg AS (SELECT DISTINCT credit_code, industry_code, employees, revenue_wan, total_assets_wan
                  FROM read_csv('${join(root, 'z', 'registry.csv')}', types = {'credit_code': 'VARCHAR', 'industry_code': 'VARCHAR'})),
          l AS (SELECT borrower_id, enterprise_size FROM read_csv([${files.map((f) => `'${f}'`).join(', ')}], all_varchar = true, union_by_name = true)
                WHERE borrower_type = 'enterprise')
     SELECT count(*) AS n, count(*) FILTER (WHERE l.enterprise_size <> ${derivedSizeSql('reg')}) AS mismatched
     FROM l JOIN reg ON reg.credit_code = l.borrower_id`,
  );
  assert.ok(Number(rows[0]?.n) > 100, `enterprise loans joined: ${rows[0]?.n}`);
  assert.equal(rows[0]?.mismatched, '0');
});

test('--single writes one file with exactly N rows, reproducibly', async () => {
  const one = { loans: 3000, months: 1, endPeriod: '2025-06', single: true };
  const r = await generateDemo({ ...one, seed: 5, outDir: join(root, 's1') });
  await generateDemo({ ...one, seed: 5, outDir: join(root, 's2') });
  assert.deepEqual(r.files, ['loans.csv', 'institutions.csv']);
  const [h1, h2] = await Promise.all([hashes(join(root, 's1')), hashes(join(root, 's2'))]);
  assert.deepEqual(h2, h1);
  const text = await readFile(join(root, 's1', 'loans.csv'), 'utf8');
  const header = (text.split('\n')[0] ?? '').split(',');
  const rows = await readCsv(db, join(root, 's1', 'loans.csv'));
  assert.equal(rows.length, 3000);
  const vs = violations(rows, '2025-06', ref, header);
  assert.deepEqual(
    vs.filter((v) => v.length > 0),
    [],
  );
});
