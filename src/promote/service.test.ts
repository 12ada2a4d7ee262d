// State-store tests of the joint promotion mechanism on PGlite (and PostgreSQL when TEST_DATABASE_URL is set):
// seeding, the file → return → resubmit → accept life cycle, scoping, attachments, overdue notices across a
// quarter boundary, carry-over, indicator linkage, e-mail to an SMTP catcher and the XLSX report.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';

import type { AuditEvent } from '../http/route-context.ts';
import { openTestStores, stateKinds } from '../testing/stores.ts';
import type { Stores } from '../store/stores.ts';
import type { Actor } from './domain/access.ts';
import type { IndicatorSeries } from './domain/indicators.ts';
import { mailNotices, refreshNotices } from './notices.ts';
import { getMatrix, getMeasurePage, getMyTasks, getProgressReport, getDistrictPage } from './queries.ts';
import { DETAIL_SHEET, renderReportXlsx, SECTIONS_SHEET, SUMMARY_SHEET } from './report.xlsx.ts';
import { renderReportHtml } from './report.html.ts';
import * as svc from './service.ts';
import * as store from './store.ts';

const admin: Actor = {
  id: 'u-admin',
  role: 'admin',
  unit_id: '人行重庆市分行',
  district_code: null,
  institution_code: null,
};
const regulator: Actor = {
  id: 'u-reg',
  role: 'regulator',
  unit_id: '市委金融办',
  district_code: null,
  institution_code: null,
};
const yuzhong: Actor = {
  id: 'u-yz',
  role: 'district',
  unit_id: null,
  district_code: '500103',
  institution_code: null,
};
const wanzhou: Actor = {
  id: 'u-wz',
  role: 'district',
  unit_id: null,
  district_code: '500101',
  institution_code: null,
};
const auditor: Actor = {
  id: 'u-aud',
  role: 'auditor',
  unit_id: null,
  district_code: null,
  institution_code: null,
};
const bank: Actor = {
  id: 'u-bank',
  role: 'institution',
  unit_id: null,
  district_code: null,
  institution_code: 'B001',
};

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`unexpected ${r.error.code}`);
  return r.value;
}
/** The Subject header of a raw message, with its RFC 2047 encoded words decoded. */
function decodeSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => `\u0000${b64}\u0000`)
    .split('\u0000')
    .map((part, i) => (i % 2 === 1 ? Buffer.from(part, 'base64') : Buffer.from(part)))
    .reduce((acc, b) => Buffer.concat([acc, b]), Buffer.alloc(0))
    .toString('utf8');
}
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

for (const kind of stateKinds()) {
  describe(`promote on ${kind}`, () => {
    let stores: Stores;
    let t = new Date('2026-05-10T02:00:00Z').getTime();
    const audit: AuditEvent[] = [];
    let deps: svc.PromoteDeps;
    const series: Record<string, Record<string, string>> = {
      'tech.balance': { '2026-03': '800000000000.00', '2026-06': '790000000000.00' },
      'green.balance': { '2026-03': '100.00', '2026-06': '120.00' },
    };
    const indicatorSeries: IndicatorSeries = async (id, periods) =>
      periods
        .filter((p) => series[id]?.[p] !== undefined)
        .map((p) => ({ period: p, value: series[id]?.[p] ?? '' }));
    const q = () => ({ db: stores.state, now: () => new Date(t), indicatorSeries });

    before(async () => {
      stores = await openTestStores(kind);
      deps = { db: stores.state, now: () => new Date(t), audit: async (e) => void audit.push(e) };
      await svc.seedPlanAndUnits(deps, [{ code: 'B001', name: '测试银行重庆分行', email: 'b001@bank.test' }]);
    });
    after(async () => stores?.close());

    test('seeding writes the 17 measures and the unit directory', async () => {
      const measures = await store.listMeasures(stores.state);
      assert.equal(measures.length, 17);
      assert.deepEqual(measures[12]?.units, ['人行重庆市分行']);
      const units = await store.listUnits(stores.state);
      assert.equal(units.filter((u) => u.kind === 'district').length, 38);
      assert.equal(units.filter((u) => u.kind !== 'district' && u.kind !== 'institution').length, 16);
      assert.equal(units.find((u) => u.id === 'institution:B001')?.name, '测试银行重庆分行');
      assert.equal(units.find((u) => u.id === 'district:500103')?.name, '渝中区');
    });

    test('file → return with comment → resubmit → accept; illegal moves are coded', async () => {
      const item = unwrap(
        await svc.createWorkItem(deps, admin, {
          year: 2026,
          measure_no: 16,
          title: '渝中区打造“一把手”负责的金融服务示范街区',
          owner_unit: 'district:500103',
          deliverable: '示范街区建设方案',
          due_quarter: 2,
        }),
      );
      assert.equal(item.district_code, '500103');
      const filed = unwrap(
        await svc.fileReport(deps, yuzhong, item.id, 2, {
          status: 'on_track',
          narrative: '方案起草中',
          numbers: { 走访企业: '35' },
        }),
      );
      assert.equal(filed.review_state, 'submitted');
      assert.equal(
        codeOf(await svc.reviewReport(deps, regulator, filed.id, { decision: 'return', comment: ' ' })),
        'PROMOTE_COMMENT_REQUIRED',
      );
      const returned = unwrap(
        await svc.reviewReport(deps, regulator, filed.id, { decision: 'return', comment: '请补充走访清单' }),
      );
      assert.deepEqual([returned.review_state, returned.review_comment], ['returned', '请补充走访清单']);
      assert.equal(
        codeOf(await svc.reviewReport(deps, admin, filed.id, { decision: 'accept' })),
        'PROMOTE_ILLEGAL_TRANSITION',
      );
      const notices = await store.listNotices(stores.state, { units: ['district:500103'] });
      assert.ok(notices.some((n) => n.kind === 'returned' && n.message_zh.includes('请补充走访清单')));
      const again = unwrap(
        await svc.fileReport(deps, yuzhong, item.id, 2, { status: 'done', narrative: '方案已印发' }),
      );
      assert.deepEqual([again.review_state, again.version, again.id], ['submitted', 2, filed.id]);
      const accepted = unwrap(await svc.reviewReport(deps, admin, filed.id, { decision: 'accept' }));
      assert.equal(accepted.review_state, 'accepted');
      assert.equal((await store.getItem(stores.state, item.id))?.state, 'done');
      assert.equal(
        codeOf(await svc.fileReport(deps, yuzhong, item.id, 2, { status: 'done', narrative: 'x' })),
        'PROMOTE_ITEM_CLOSED',
      );
      assert.deepEqual(
        (await store.reportEvents(stores.state, filed.id)).map((e) => e.event),
        ['submit', 'return', 'resubmit', 'accept'],
      );
      assert.deepEqual(
        audit
          .filter((a) => a.object_type === 'promote_report' && a.object_id === filed.id)
          .map((a) => a.action),
        ['promote.report.file', 'promote.report.return', 'promote.report.file', 'promote.report.accept'],
      );
      const page = await getDistrictPage(q(), '500103', 2026);
      assert.deepEqual(
        page.local_measures.map((m) => m.measure.no),
        [16, 17],
      );
      assert.equal(page.local_measures[0]?.items[0]?.item.id, item.id);
    });

    test('scoping: a district cannot file, attach to or review another district’s report', async () => {
      const item = unwrap(
        await svc.createWorkItem(deps, admin, {
          year: 2026,
          measure_no: 17,
          title: '万州区金融风险监测',
          owner_unit: 'district:500101',
          due_quarter: 3,
        }),
      );
      assert.equal(
        codeOf(await svc.fileReport(deps, yuzhong, item.id, 2, { status: 'on_track', narrative: '越权' })),
        'PROMOTE_NOT_OWNER',
      );
      assert.equal(
        codeOf(await svc.fileReport(deps, auditor, item.id, 2, { status: 'on_track', narrative: 'x' })),
        'PROMOTE_FORBIDDEN',
      );
      assert.equal(
        codeOf(
          await svc.createWorkItem(deps, wanzhou, {
            year: 2026,
            measure_no: 17,
            title: 'x',
            owner_unit: 'district:500101',
            due_quarter: 3,
          }),
        ),
        'PROMOTE_FORBIDDEN',
      );
      assert.equal(
        codeOf(
          await svc.fileReport(deps, wanzhou, item.id, 4, { status: 'on_track', narrative: '未来季度' }),
        ),
        'PROMOTE_QUARTER_OUT_OF_RANGE',
      );
      const r = unwrap(
        await svc.fileReport(deps, wanzhou, item.id, 2, { status: 'at_risk', narrative: '监测系统建设滞后' }),
      );
      assert.equal(
        codeOf(await svc.reviewReport(deps, wanzhou, r.id, { decision: 'accept' })),
        'PROMOTE_FORBIDDEN',
      );
      const pdf = Buffer.from('%PDF-1.4 evidence');
      assert.equal(
        codeOf(
          await svc.addAttachment(deps, yuzhong, r.id, {
            name: 'a.pdf',
            mime: 'application/pdf',
            content: pdf,
          }),
        ),
        'PROMOTE_NOT_OWNER',
      );
      assert.equal(
        codeOf(
          await svc.addAttachment(
            deps,
            wanzhou,
            r.id,
            { name: 'big.bin', mime: 'application/octet-stream', content: Buffer.alloc(11) },
            10,
          ),
        ),
        'PROMOTE_ATTACHMENT_TOO_LARGE',
      );
      const meta = unwrap(
        await svc.addAttachment(deps, wanzhou, r.id, {
          name: '监测报告.pdf',
          mime: 'application/pdf',
          content: pdf,
        }),
      );
      assert.equal(meta.size, pdf.length);
      const back = unwrap(await svc.readAttachment(deps, admin, meta.id));
      assert.ok(back.content.equals(pdf));
      assert.equal(codeOf(await svc.readAttachment(deps, yuzhong, meta.id)), 'PROMOTE_FORBIDDEN');
      const mine = await getMyTasks(q(), wanzhou, 2026, ['district:500101']);
      assert.deepEqual(
        mine.tasks.map((x) => [x.item.id, x.role, x.at_risk]),
        [[item.id, 'owner', true]],
      );
    });

    test('overdue across the quarter boundary, notices once, mailed to the SMTP catcher', async () => {
      const item = unwrap(
        await svc.createWorkItem(deps, admin, {
          year: 2026,
          measure_no: 8,
          title: '银发贷产品推广',
          owner_unit: 'institution:B001',
          due_quarter: 2,
        }),
      );
      t = new Date('2026-06-30T15:59:59Z').getTime(); // 23:59:59 on 30 June, Beijing time
      let m = await getMatrix(q(), 2026);
      const cell = () => m.rows[7]?.cells[1]?.items.find((i) => i.id === item.id)?.status;
      assert.equal(cell(), 'not_started');
      const soon = await refreshNotices({ ...q(), dueSoonDays: 15 });
      assert.ok(soon.some((n) => n.item_id === item.id && n.kind === 'due_soon'));
      t = new Date('2026-06-30T16:00:01Z').getTime(); // 1 July, Beijing time
      m = await getMatrix(q(), 2026);
      assert.equal(cell(), 'overdue');
      const overdue = await refreshNotices(q());
      assert.deepEqual(
        overdue.filter((n) => n.item_id === item.id).map((n) => n.kind),
        ['overdue'],
      );
      assert.equal((await refreshNotices(q())).filter((n) => n.item_id === item.id).length, 0);

      const received: { to: string[]; data: string }[] = [];
      const server = new SMTPServer({
        authOptional: true,
        disableReverseLookup: true,
        closeTimeout: 1000,
        disabledCommands: ['STARTTLS'],
        onData(stream, session, cb) {
          let data = '';
          stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
          stream.on('end', () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
            cb();
          });
        },
      });
      await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
      const port = (server.server.address() as { port: number }).port;
      try {
        const sent = await mailNotices({ ...q(), smtpUrl: `smtp://127.0.0.1:${port}` });
        assert.ok(sent >= 2);
        const mails = received.filter((r) => r.to.includes('b001@bank.test'));
        assert.equal(mails.length, 2);
        const subjects = mails.map((r) => decodeSubject(r.data)).sort();
        assert.deepEqual(subjects, [
          '【金融“五篇大文章”联合推进】临近到期提醒 / Due soon',
          '【金融“五篇大文章”联合推进】逾期提醒 / Overdue',
        ]);
        assert.equal(await mailNotices({ ...q(), smtpUrl: `smtp://127.0.0.1:${port}` }), 0);
      } finally {
        await new Promise<void>((res) => server.close(() => res()));
      }
    });

    test('indicators: measure page shows linked values and flags done_but_falling', async () => {
      const item = unwrap(
        await svc.createWorkItem(deps, admin, {
          year: 2026,
          measure_no: 1,
          title: '科技企业首贷拓展',
          owner_unit: 'institution:B001',
          due_quarter: 3,
        }),
      );
      assert.deepEqual(item.indicators, ['tech.balance', 'tech.first_loan_borrowers']);
      const r = unwrap(await svc.fileReport(deps, bank, item.id, 2, { status: 'done', narrative: '完成' }));
      unwrap(await svc.reviewReport(deps, admin, r.id, { decision: 'accept' }));
      const page = unwrap(await getMeasurePage(q(), 1, 2026));
      assert.deepEqual(page.done_but_falling, [item.id]);
      assert.deepEqual(
        page.indicators.find((i) => i.id === 'tech.balance')?.quarters.map((x) => x.trend),
        [null, 'down', null, null],
      );
      const green = unwrap(
        await svc.createWorkItem(deps, admin, {
          year: 2026,
          measure_no: 2,
          title: '碳减排贷款投放',
          owner_unit: 'institution:B001',
          due_quarter: 3,
        }),
      );
      const g = unwrap(await svc.fileReport(deps, bank, green.id, 2, { status: 'done', narrative: '完成' }));
      unwrap(await svc.reviewReport(deps, admin, g.id, { decision: 'accept' }));
      assert.deepEqual(unwrap(await getMeasurePage(q(), 2, 2026)).done_but_falling, []);
    });

    test('carry-over: unfinished items move to next year linked to the old ones', async () => {
      const open = await store.listItems(stores.state, { year: 2026 });
      const unfinished = open
        .filter((i) => i.state === 'open')
        .map((i) => i.id)
        .sort();
      const created = unwrap(await svc.carryOver(deps, admin, 2026, 1));
      assert.deepEqual(created.map((i) => i.carried_from).sort(), unfinished);
      assert.ok(created.every((i) => i.year === 2027 && i.due_quarter === 1));
      const after2026 = await store.listItems(stores.state, { year: 2026 });
      assert.ok(after2026.filter((i) => unfinished.includes(i.id)).every((i) => i.state === 'carried_over'));
      assert.equal(unwrap(await svc.carryOver(deps, admin, 2026, 1)).length, 0);
      assert.equal(codeOf(await svc.carryOver(deps, yuzhong, 2026)), 'PROMOTE_FORBIDDEN');
    });

    test('report sections: units write their own, the coordinator merges, refusals are coded', async () => {
      const base = { year: 2026, quarter: 2, kind: 'problems' as const };
      unwrap(await svc.fileSection(deps, yuzhong, { ...base, body: '首贷服务中心人手不足' }));
      unwrap(await svc.fileSection(deps, bank, { ...base, body: '科技企业缺少抵押物' }));
      unwrap(
        await svc.fileSection(deps, yuzhong, { ...base, kind: 'requests', body: '请求增加风险补偿资金' }),
      );
      const refused = [
        await svc.fileSection(deps, wanzhou, { ...base, body: 'x', unit: 'district:500103' }),
        await svc.fileSection(deps, yuzhong, { ...base, body: 'x', merged: true }),
        await svc.fileSection(deps, auditor, { ...base, body: 'x' }),
        await svc.fileSection(deps, yuzhong, { ...base, quarter: 5, body: 'x' }),
      ].map(codeOf);
      assert.deepEqual(refused, [
        'PROMOTE_NOT_OWNER',
        'PROMOTE_FORBIDDEN',
        'PROMOTE_FORBIDDEN',
        'PROMOTE_BAD_QUARTER',
      ]);
      const before = (await getProgressReport(q(), 2026, 2)).sections;
      assert.deepEqual(before.problems, [
        { unit: '渝中区', body: '首贷服务中心人手不足' },
        { unit: '测试银行重庆分行', body: '科技企业缺少抵押物' },
      ]);
      assert.deepEqual(before.next_steps, []);
      unwrap(
        await svc.fileSection(deps, admin, {
          ...base,
          body: '一是服务人手不足；二是缺少抵押物。',
          merged: true,
        }),
      );
      const merged = (await getProgressReport(q(), 2026, 2)).sections;
      assert.deepEqual(merged.problems, [{ unit: '', body: '一是服务人手不足；二是缺少抵押物。' }]);
      assert.deepEqual(merged.requests, [{ unit: '渝中区', body: '请求增加风险补偿资金' }]);
      assert.equal(audit.filter((e) => e.action === 'promote.section.file').length, 4);
    });

    test('quarterly report as XLSX (read back) and printable HTML', async () => {
      const data = await getProgressReport(q(), 2026, 2);
      const items = await store.listItems(stores.state, { year: 2026 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderReportXlsx(data)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
      const detail = wb.getWorksheet(DETAIL_SHEET);
      assert.ok(detail);
      assert.equal(detail.actualRowCount, items.length + 1);
      assert.deepEqual((detail.getRow(1).values as unknown[]).slice(1, 4), ['措施', '重点任务', '责任单位']);
      const titles = new Set<string>();
      detail.eachRow((row, n) => void (n > 1 && titles.add(String(row.getCell(2).value))));
      assert.deepEqual(titles, new Set(items.map((i) => i.title)));
      const yz = [] as string[];
      detail.eachRow(
        (row) => void (String(row.getCell(3).value) === '渝中区' && yz.push(String(row.getCell(7).value))),
      );
      assert.deepEqual(yz, ['已完成']);
      const summary = wb.getWorksheet(SUMMARY_SHEET);
      assert.equal(summary?.actualRowCount, 3 + 17);
      assert.equal(
        String(summary?.getRow(1).getCell(1).value),
        '重庆市金融“五篇大文章”联合推进机制2026年第2季度工作推进情况报告',
      );
      const html = renderReportHtml(data);
      assert.ok(html.includes('@media print') && html.includes('<td>渝中区</td>'));
      assert.ok(html.includes('<h2>八、意见建议</h2>\n<p><b>渝中区：</b>请求增加风险补偿资金</p>'));
      assert.equal(wb.getWorksheet(SECTIONS_SHEET)?.getRow(2).getCell(2).value, '汇总');
    });
  });
}
