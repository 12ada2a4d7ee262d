// HTTP tests of the loans and registry routes on the real server factory and real stores (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set): multipart upload of a good and a bad file, the size limit,
// institution binding, history (cached, and current after each upload), report downloads, audit, the registry
// import and the official series (src/official: import, completeness control of the bank's file, CLI), which share
// this server so that no test file of their own starts one.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';

import type { CliContext } from '../cli/kernel/command.ts';
import { createOutput } from '../cli/kernel/output.ts';
import { officialCommands } from '../official/cli.ts';
import { stateKinds } from '../testing/stores.ts';
import { fixture, fixtureFor, get, startHarness, upload, type Harness } from './routes.testkit.ts';

for (const kind of stateKinds()) {
  describe(`loans HTTP routes (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind, { maxUploadBytes: 64 * 1024 });
    });
    after(async () => h.close());

    it('accepts a good file from its bank, classifies it and answers counts and report links', async () => {
      const res = await upload(h, 'bank', 'utf8.csv', await fixture('ok/utf8.csv'));
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.status, 'accepted');
      assert.equal(body.institution_code, 'B0001');
      assert.equal(body.report_period, '2025-03');
      assert.equal(body.version, 1);
      assert.equal(body.rows, 5);
      assert.equal(body.error_count, 0);
      assert.match(body.log_id, /^\d+$/);
      assert.equal(body.reports.xlsx, `/api/loans/submissions/${body.log_id}/report.xlsx`);
      const [n] = await h.stores.analytics.all<{ n: string }>(
        "SELECT count(*) AS n FROM loans_current WHERE institution_code = 'B0001'",
      );
      assert.equal(n?.n, '5');
      const audit = h.audits.find((a) => a.action === 'loans.upload');
      assert.equal(audit?.actor, 'bank');
      assert.equal(audit?.object_id, body.log_id);
      // The temp upload is gone.
      assert.deepEqual(await readdir(join(h.config.dataDir, 'uploads')), []);
      // Same file again: a no-op.
      const again = await upload(h, 'bank', 'utf8.csv', await fixture('ok/utf8.csv'));
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().status, 'duplicate');
    });

    it('rejects a bad file with coded bilingual violations and downloadable reports', async () => {
      const res = await upload(h, 'bank', 'dup.csv', await fixture('not-ok/LOAN_E_DUP_ID.csv'));
      assert.equal(res.statusCode, 422, res.body);
      const body = res.json();
      assert.equal(body.status, 'rejected');
      assert.ok(body.error_count > 0);
      const v = body.violations.find((x: { rule_id: string }) => x.rule_id === 'LOAN_E_DUP_ID');
      assert.ok(v, JSON.stringify(body.violations));
      assert.ok(v.message_zh.length > 0 && v.message_en.length > 0);
      const json = await get(h, 'bank', body.reports.json);
      assert.equal(json.statusCode, 200);
      assert.equal(json.json().status, 'rejected');
      assert.ok(json.json().violations.some((x: { rule_id: string }) => x.rule_id === 'LOAN_E_DUP_ID'));
      const csv = await get(h, 'bank', body.reports.csv);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /LOAN_E_DUP_ID/);
      const xlsx = await get(h, 'admin', body.reports.xlsx);
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.ok(wb.worksheets.length >= 2);
      const exports = h.audits.filter((a) => a.action === 'loans.report.export');
      assert.deepEqual(
        exports.map((a) => [a.actor, a.detail?.format]),
        [
          ['bank', 'json'],
          ['bank', 'csv'],
          ['admin', 'xlsx'],
        ],
      );
    });

    it('refuses a file larger than the limit with a coded 413 and leaves no partial file', async () => {
      const big = Buffer.concat([await fixture('ok/utf8.csv'), Buffer.alloc(80 * 1024, 0x20)]);
      const res = await upload(h, 'bank', 'big.csv', big);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().code, 'upload.too_large');
      assert.ok(res.json().message_zh.includes('上限'));
      assert.deepEqual(await readdir(join(h.config.dataDir, 'uploads')), []);
    });

    it('binds a bank to its own institution; refuses district and auditor uploads; needs multipart', async () => {
      const other = await upload(h, 'bank', 'b2.csv', await fixtureFor('B0002'));
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().institution_code, 'B0001');
      assert.ok(
        other.json().violations.some((v: { rule_id: string }) => v.rule_id === 'LOAN_E_INSTITUTION_MISMATCH'),
      );
      const asked = await upload(
        h,
        'bank',
        'b2.csv',
        await fixtureFor('B0002'),
        '/api/loans/submissions?institution=B0002',
      );
      assert.equal(asked.statusCode, 403);
      assert.equal(asked.json().code, 'auth.out_of_scope');
      assert.equal((await upload(h, 'district', 'x.csv', await fixtureFor('B0002'))).statusCode, 403);
      const aud = await upload(h, 'auditor', 'x.csv', await fixtureFor('B0002'));
      assert.equal(aud.json().code, 'auth.read_only');
      const admin = await upload(h, 'regulator', 'b2.csv', await fixtureFor('B0002'));
      assert.equal(admin.statusCode, 201, admin.body);
      assert.equal(admin.json().institution_code, 'B0002');
      const json = await h.app.inject({
        method: 'POST',
        url: '/api/loans/submissions',
        headers: { cookie: h.cookies.admin },
        payload: { file: 'x' },
      });
      assert.equal(json.statusCode, 415);
    });

    it('lists the history within the scope', async () => {
      const mine = (await get(h, 'bank', '/api/loans/submissions')).json();
      assert.ok(mine.total >= 4);
      assert.ok(mine.items.every((i: { institution_code: string }) => i.institution_code === 'B0001'));
      const all = (await get(h, 'auditor', '/api/loans/submissions?institution=B0002')).json();
      assert.equal(all.total, 1);
      assert.equal(all.items[0].actor, 'regulator');
      assert.equal((await get(h, 'district', '/api/loans/submissions')).statusCode, 403);
      const insts = (await get(h, 'bank2', '/api/loans/institutions')).json();
      assert.deepEqual(
        insts.map((i: { code: string }) => i.code),
        ['B0002'],
      );
      assert.equal((await get(h, 'admin', '/api/loans/institutions')).json().length, 2);
    });

    it('lists a new upload at once (the cached history is dropped by every upload)', async () => {
      const before = (await get(h, 'bank', '/api/loans/submissions?limit=1')).json();
      const res = await upload(h, 'bank', 'dup2.csv', await fixture('not-ok/LOAN_E_DUP_ID.csv'));
      assert.equal(res.statusCode, 422, res.body);
      const after = (await get(h, 'bank', '/api/loans/submissions?limit=1')).json();
      assert.equal(after.total, before.total + 1);
      assert.equal(after.items[0].id, res.json().log_id);
      assert.equal(after.items[0].status, 'rejected');
    });

    it('reads the file in the encoding the uploader chose; offers the template', async () => {
      const gbk = await fixture('ok/gb18030.csv');
      const asUtf8 = await upload(h, 'bank', 'gbk.csv', gbk, '/api/loans/submissions?encoding=utf-8');
      assert.equal(asUtf8.statusCode, 422, asUtf8.body);
      assert.ok(
        asUtf8.json().violations.some((v: { rule_id: string }) => v.rule_id === 'LOAN_E_BAD_ENCODING'),
      );
      const bogus = await upload(h, 'bank', 'gbk.csv', gbk, '/api/loans/submissions?encoding=latin1');
      assert.equal(bogus.statusCode, 400);
      const template = await get(h, 'bank', '/api/loans/template.xlsx');
      assert.equal(template.statusCode, 200);
      assert.match(String(template.headers['content-type']), /spreadsheetml/);
      assert.equal(template.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
    });

    it('imports a registry file (admin/regulator only)', async () => {
      const csv = Buffer.from(
        'credit_code,enterprise_name,qualification,valid_from,valid_to,industry_code,district_code,employees,revenue_wan,total_assets_wan,listing_status\n' +
          '91500103MA5U00001G,重庆星辰软件有限公司,high_tech_enterprise,2024-01-01,2026-12-31,6511,500103,50,3000,2000,unlisted\n',
      );
      const denied = await upload(h, 'bank', 'reg.csv', csv, '/api/registry/imports');
      assert.equal(denied.statusCode, 403);
      const res = await upload(h, 'regulator', 'reg.csv', csv, '/api/registry/imports');
      assert.ok([201, 422].includes(res.statusCode), res.body);
      if (res.statusCode === 201) assert.equal(res.json().enterprises, 1);
      else assert.ok(res.json().violations.length > 0);
      assert.ok(h.audits.some((a) => a.action === 'registry.import' && a.actor === 'regulator'));
    });

    const officialCsv = (rows: string[]) =>
      Buffer.from(['period,scope,series,value,source', ...rows].join('\n') + '\n');

    it('imports official series for the statistics division only, audited, with coded rejections', async () => {
      const [f] = await h.stores.analytics.all<{ total: string }>(
        "SELECT sum(balance)::VARCHAR AS total FROM loans_current WHERE institution_code = 'B0001' AND report_period = '2025-03'",
      );
      const body = officialCsv([
        `2025-03,B0001,all_loans,${f?.total ?? ''},B0001 各项贷款报表`,
        '2025-03,B0002,all_loans,400.00,B0002 各项贷款报表',
      ]);
      assert.equal((await upload(h, 'bank', 'o.csv', body, '/api/official/imports')).statusCode, 403);
      const res = await upload(h, 'regulator', 'o.csv', body, '/api/official/imports');
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual([res.json().rows, res.json().periods], [2, ['2025-03']]);
      assert.ok(h.audits.some((a) => a.action === 'official.import' && a.actor === 'regulator'));
      const bad = await upload(
        h,
        'regulator',
        'b.csv',
        officialCsv(['2025-03,B9999,tech,1.00,x']),
        '/api/official/imports',
      );
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(
        bad
          .json()
          .violations.map((v: { rule_id: string; row: number; column: string }) => [
            v.rule_id,
            v.row,
            v.column,
          ]),
        [['OFF_E_BAD_SCOPE', 2, 'scope']],
      );
      assert.equal((await get(h, 'auditor', '/api/official/imports')).json().length, 1);
    });

    it('sets each bank file against its official return with the tolerance given', async () => {
      const res = await get(
        h,
        'auditor',
        '/api/official/reconciliation?period=2025-03&tolerance_absolute=5.00',
      );
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.equal(v.tolerance.absolute, '5.00');
      const [b2] = await h.stores.analytics.all<{ d: string }>(
        "SELECT (400.00 - sum(balance))::VARCHAR AS d FROM loans_current WHERE institution_code = 'B0002' AND report_period = '2025-03'",
      );
      // Outside the tolerance first: B0002's return (400.00) is far from its file.
      assert.deepEqual(
        v.completeness.map((r: { institution_code: string; difference: string; status: string }) => [
          r.institution_code,
          r.difference,
          r.status,
        ]),
        [
          ['B0002', b2?.d, 'outside'],
          ['B0001', '0.00', 'within'],
        ],
      );
      assert.equal((await get(h, 'district', '/api/official/reconciliation?period=2025-03')).statusCode, 403);
    });

    it('imports official series from the CLI (audited as cli) and reconciles a period', async () => {
      const printed: unknown[] = [];
      const ctx = {
        config: h.config,
        stores: async () => h.stores,
        out: createOutput({
          json: true,
          tty: false,
          sink: { stdout: (text) => void printed.push(JSON.parse(text)), stderr: () => undefined },
        }),
        now: () => new Date('2025-04-21T08:00:00Z'),
      } satisfies CliContext;
      const run = (name: string, args: string[]) =>
        officialCommands.find((c) => c.path.join(' ') === name)?.run(args, ctx);
      const fixtures = new URL('../../test/fixtures/official/', import.meta.url).pathname;
      assert.equal(await run('official import', [`${fixtures}not-ok.csv`, '--json']), 2);
      assert.equal((printed.pop() as { violations: unknown[] }).violations.length, 6);
      const [audit] = await h.stores.state.query<{ actor: string }>(
        "SELECT actor FROM audit_log WHERE action = 'official.import' ORDER BY id DESC LIMIT 1",
      );
      assert.equal(audit?.actor, 'cli');
      assert.equal(await run('official reconcile', ['--period', '2025-13']), 2);
      assert.equal(await run('official reconcile', ['--period', '2025-03', '--json']), 0);
      assert.equal((printed.pop() as { completeness: unknown[] }).completeness.length, 2);
    });
  });
}
