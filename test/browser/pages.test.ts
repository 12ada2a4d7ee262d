// Browser test of the main paths: a bank officer uploads a good file and a bad one and reads the report; a
// regulator imports official figures and reads their reconciliation, opens the map, a district (figures equal
// the API's), a bank, drills down to a loan's explanation, exports the XLSX; the auditor reads the audit log; the regulator runs an assessment and a what-if, reads a
// bank's score history and the district map by score; a district user sees the map by grade and its own history.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { yuanToYi } from '../../web/src/format.ts';
import type { Figure, OfficialView, Periods } from '../../web/src/types.ts';
import { exportOf, startHarness, type Harness } from './harness.ts';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures/loans', import.meta.url)));

describe('web: main paths', { timeout: 170_000 }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('bank officer uploads a good file and a bad one and reads the report', async () => {
    const { context, page } = await h.loginAs('bank');
    await page.getByTestId('side-menu').getByText('数据报送').click();
    await page.getByTestId('page-upload').waitFor();
    const input = page.locator('input[type=file]');
    await input.setInputFiles(join(FIXTURES, 'ok/utf8.csv'));
    await page.getByTestId('upload-result').waitFor();
    assert.equal(await page.getByTestId('upload-status').innerText(), '已接收');
    assert.equal(await page.getByTestId('upload-rows').innerText(), '5');
    assert.match(await page.getByTestId('upload-version').innerText(), /^\d+$/);
    await h.shot(page, 'upload-accepted');
    await input.setInputFiles(join(FIXTURES, 'not-ok/LOAN_E_DUP_ID.csv'));
    await page.getByTestId('upload-status').getByText('已拒收').waitFor();
    const groups = await page.getByTestId('violation-groups').innerText();
    assert.ok(groups.includes('LOAN_E_DUP_ID'), groups);
    assert.ok(Number(await page.getByTestId('upload-errors').innerText()) >= 1);
    const href = await page.getByTestId('report-csv').getAttribute('href');
    assert.match(href ?? '', /\/api\/loans\/submissions\/\d+\/report\.csv$/);
    const history = await page.getByTestId('history').innerText();
    assert.ok(history.includes('已接收') && history.includes('已拒收'), history);
    // The history exports in the browser: the bank's own attempts, as the API lists them.
    const { items } = await h.apiAs<{ items: { id: string; status: string }[] }>(
      'bank',
      '/loans/submissions',
    );
    const xlsx = await exportOf(page, 'history-export');
    assert.equal(xlsx.rows.length - 1, items.length);
    assert.ok(xlsx.rows.some((r) => r.includes('已拒收')) && xlsx.rows.some((r) => r.includes('已接收')));
    await h.shot(page, 'upload-rejected');
    await context.close();
  });

  it('regulator imports official figures and reads the reconciliation the API gives', async () => {
    const { latest } = await h.apiAs<Periods>('regulator', '/stats/periods');
    const file = join(tmpdir(), `fivefin-official-${process.pid}.csv`);
    writeFileSync(
      file,
      `period,scope,series,value,source\n${latest},city,all_loans,123456789012.34,release\n`,
    );
    const { context, page } = await h.loginAs('regulator');
    await page.getByTestId('side-menu').getByText('官方数据').click();
    await page.getByTestId('page-official').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('official-status').getByText('已导入').waitFor();
    const view = await h.apiAs<OfficialView>('regulator', `/official/reconciliation?period=${latest}`);
    const line = view.reconciliation.find((l) => l.series === 'all_loans');
    assert.ok(line);
    const table = page.getByTestId('official-reconciliation');
    await table.getByText(yuanToYi(line.unexplained)).waitFor();
    assert.ok((await table.innerText()).includes(yuanToYi(line.official)));
    await h.shot(page, 'official');
    await context.close();
  });

  it('regulator: map, district figures equal the API, bank, drill-down to a loan explanation, XLSX export', async () => {
    const { context, page } = await h.loginAs('regulator');
    const { latest } = await h.apiAs<Periods>('regulator', '/stats/periods');
    assert.ok(latest);
    await page.goto(h.url + '/map');
    await page.getByTestId('district-map').locator('canvas').waitFor();
    await page.waitForTimeout(500);
    await h.shot(page, 'map');

    const { figures } = await h.apiAs<{ figures: Figure[] }>(
      'regulator',
      `/stats/figures?dim=district&area=all5&period=${latest}`,
    );
    const top = figures.sort((a, b) => Number(b.balance) - Number(a.balance))[0];
    assert.ok(top, 'a district with five-area loans');
    await page.goto(h.url + `/district/${top.dim_value}`);
    await page.getByTestId('district-name').getByText(top.dim_label).waitFor();
    const table = await page.getByTestId('figures-table').innerText();
    assert.ok(table.includes(yuanToYi(top.balance)), `${table} lacks ${yuanToYi(top.balance)}`);
    await page.getByTestId('history-chart').locator('canvas').waitFor();
    await h.shot(page, 'district');

    // Drill: this district's banks → loans → explanation.
    await page.getByTestId('drill-institution').locator('tbody tr').first().click();
    await page.getByTestId('loan-link').first().click();
    await page.getByTestId('page-loan').waitFor();
    await page.getByTestId('explain-bases').locator('tbody tr').first().waitFor();
    assert.ok((await page.getByTestId('explain-bases').innerText()).includes('classify'));
    await h.shot(page, 'loan-explanation');

    // Export (server-made XLSX).
    await page.goBack();
    await page.getByTestId('page-district').waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    assert.match(dl.suggestedFilename(), /\.xlsx$/);

    await page.goto(h.url + '/bank/B0001');
    await page.getByTestId('figures-table').waitFor();
    const bank = await h.apiAs<{ figures: Figure[] }>(
      'regulator',
      `/stats/figures?dim=institution&area=all5&period=${latest}`,
    );
    const b1 = bank.figures.find((f) => f.dim_value === 'B0001');
    if (b1) assert.ok((await page.getByTestId('figures-table').innerText()).includes(yuanToYi(b1.balance)));
    await page.getByTestId('ranking-institution').locator('tbody tr').first().waitFor();
    await h.shot(page, 'bank');

    // Switch to English: labels follow.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Bank ranking').waitFor();
    await page.getByTestId('lang-switch').click();
    await context.close();
  });

  it('regulator runs an assessment, opens a breakdown, runs a what-if, exports XLSX', async () => {
    const { context, page } = await h.loginAs('regulator');
    const { latest } = await h.apiAs<Periods>('regulator', '/stats/periods');
    const m = Number((latest ?? '2025-12').slice(5, 7));
    const quarter = `${(latest ?? '2025').slice(0, 4)}-Q${Math.ceil(m / 3)}`;
    await page.goto(h.url + '/assess');
    await page.getByTestId('quarter-select').click();
    await page.getByTitle(quarter).click();
    await page.getByTestId('run-assessment').click();
    const ranks = page.getByTestId('assess-ranks-bank');
    // Either the ranks appear or the page shows the run's coded error.
    const firstRow = ranks.locator('tbody tr').first();
    await firstRow.or(page.locator('.ant-alert-error').first()).waitFor({ timeout: 60_000 });
    await h.shot(page, 'assess');
    // A failed run shows its coded error on the page; the test fails with that text.
    const runError = page.locator('.ant-alert-error');
    assert.equal(
      await runError.count(),
      0,
      await runError
        .first()
        .innerText()
        .catch(() => ''),
    );
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('assess-export').click(),
    ]);
    assert.match(dl.suggestedFilename(), /\.xlsx$/);
    await ranks.locator('tbody tr').first().click();
    await page.getByTestId('assess-radar').locator('canvas').waitFor();
    await page.getByTestId('what-if-form').locator('.ant-select').click();
    // The option of the dropdown just opened (earlier selects leave hidden dropdowns in the page).
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('what-if-raw').fill('1');
    await page.getByTestId('what-if-submit').click();
    const error = page.getByTestId('what-if-error');
    await page.getByTestId('what-if-result').or(error).first().waitFor();
    assert.equal(await error.count(), 0, await error.innerText().catch(() => ''));
    // Score history: the quarter just run, with the score the page shows at the top.
    const history = page.getByTestId('assess-history');
    const row = history.locator('tbody tr', { hasText: quarter });
    await row.waitFor();
    const score = await page.getByTestId('assess-score').locator('.ant-statistic-content-value').innerText();
    assert.ok((await row.innerText()).includes(score), `${await row.innerText()} lacks ${score}`);
    await page.getByTestId('assess-history-chart').locator('canvas').waitFor();
    await h.shot(page, 'assess-subject');

    // The district map of the run, coloured by score for the regulator.
    await page.goto(h.url + '/assess');
    await page.getByTestId('quarter-select').click();
    await page.getByTitle(quarter).click();
    await page.getByRole('tab', { name: '区县得分地图' }).click();
    await page.getByTestId('assess-map').locator('canvas').waitFor();
    assert.match(await page.getByTestId('assess-map-mode').innerText(), /按考核得分着色/);
    await h.shot(page, 'assess-map');
    await context.close();

    // A district user sees the map by published grade, and its own score history.
    const d = await h.loginAs('district');
    await d.page.goto(h.url + '/assess');
    await d.page.getByTestId('quarter-select').click();
    await d.page.getByTitle(quarter).click();
    await d.page.getByRole('tab', { name: '区县得分地图' }).click();
    assert.match(await d.page.getByTestId('assess-map-mode').innerText(), /按已公布的考核等级着色/);
    const own = await h.apiAs<{ entries: { period: string; score: string | null }[] }>(
      'district',
      '/assess/history/district/500103',
    );
    const mine = own.entries.find((e) => e.period === quarter);
    assert.ok(mine?.score, 'the district sees its own score');
    await d.page.goto(h.url + `/assess/${quarter}/district/500103`);
    await d.page.getByTestId('assess-history').locator('tbody tr', { hasText: mine.score }).waitFor();
    await h.shot(d.page, 'assess-district-history');
    await d.context.close();
  });

  it('auditor reads the audit log', async () => {
    const { context, page } = await h.loginAs('auditor');
    await page.goto(h.url + '/audit');
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
    assert.ok((await page.getByTestId('audit-table').innerText()).includes('auth.login'));
    await h.shot(page, 'audit');
    await context.close();
  });
});
