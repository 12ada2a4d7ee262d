// Browser test of the joint promotion flow: a bank (owner unit) files a quarterly report with an attachment, the
// coordinator returns it with a comment, the bank re-files, the coordinator accepts, the matrix cell turns green
// (done) and the quarterly report downloads.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startHarness, type Harness } from './harness.ts';

describe('web: joint promotion', { timeout: 170_000 }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ loans: 500, months: 1 });
  });
  after(async () => {
    await h?.close();
  });

  it('file → return → re-file → accept; matrix turns green; report downloads', async () => {
    const now = new Date();
    const year = now.getFullYear();
    const quarter = Math.floor(now.getMonth() / 3) + 1;
    await h.postAs('admin', '/promote/units/seed', { institutions: [{ code: 'B0001', name: '演示银行一' }] });
    const item = await h.postAs<{ id: string }>('admin', '/promote/items', {
      year,
      measure_no: 1,
      title: '浏览器测试重点任务',
      owner_unit: 'institution:B0001',
      due_quarter: quarter,
    });
    const attachment = join(tmpdir(), `evidence-${process.pid}.txt`);
    writeFileSync(attachment, '佐证材料 evidence');

    const fileReport = async (narrative: string) => {
      const { context, page } = await h.loginAs('bank');
      await page.goto(`${h.url}/promote/item/${item.id}`);
      await page.getByTestId('report-form').waitFor();
      await page.getByTestId('report-status').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '已完成' }).click();
      await page.getByTestId('report-narrative').fill(narrative);
      await page.getByTestId('report-form').locator('input[type=file]').setInputFiles(attachment);
      await page.getByTestId('report-submit').click();
      await page.getByTestId(`report-${quarter}`).getByText(narrative).waitFor();
      await page.getByTestId('item-review').getByText('待审核').waitFor();
      await h.shot(page, 'promote-filed');
      await context.close();
    };
    const reviewAs = async (decision: 'return' | 'accept') => {
      const { context, page } = await h.loginAs('regulator');
      await page.goto(`${h.url}/promote/item/${item.id}`);
      await page.getByTestId('review-comment').fill(decision === 'return' ? '请补充量化成效' : '同意');
      await page.getByTestId(`review-${decision}`).click();
      await page
        .getByTestId('item-review')
        .getByText(decision === 'return' ? '已退回' : '已通过')
        .waitFor();
      await h.shot(page, `promote-${decision}`);
      await context.close();
    };

    await fileReport('第一次报送：已完成签约。');
    await reviewAs('return');
    await fileReport('第二次报送：已完成签约，投放 3 亿元。');
    await reviewAs('accept');

    const { context, page } = await h.loginAs('regulator');
    await page.goto(`${h.url}/promote`);
    const cell = page.getByTestId(`cell-1-${quarter}`);
    await cell.waitFor();
    assert.equal(await cell.getAttribute('data-status'), 'done');
    await h.shot(page, 'promote-matrix');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('promote-report').click(),
    ]);
    assert.match(dl.suggestedFilename(), /\.xlsx$/);
    // The measure page shows the work item and the card of the statistics it is meant to move (the small
    // browser demo book has no month of the current year, so the card is empty here).
    await page.goto(`${h.url}/promote/measure/1`);
    await page.getByTestId('measure-indicators').waitFor();
    await page.getByTestId('measure-items').locator('tbody tr').first().waitFor();
    assert.match(await page.getByTestId('measure-items').innerText(), /浏览器测试重点任务/);
    await h.shot(page, 'promote-measure');
    await context.close();
  });
  it('a district sees its local tasks and an overdue notice in the app', async () => {
    const year = new Date().getFullYear() - 1;
    await h.postAs('admin', '/promote/items', {
      year,
      measure_no: 3,
      title: '区县浏览器测试任务',
      owner_unit: 'district:500103',
      due_quarter: 4,
    });
    await h.postAs('admin', '/promote/items', {
      year: year + 1,
      measure_no: 3,
      title: '区县本年度任务',
      owner_unit: 'district:500103',
      due_quarter: 4,
    });
    const { context, page } = await h.loginAs('district');
    await page.goto(`${h.url}/promote`);
    await page.getByRole('tab', { name: /提醒/ }).click();
    const notices = page.getByTestId('promote-notices');
    await notices.waitFor();
    assert.match(await notices.innerText(), /区县浏览器测试任务/);
    assert.match(await notices.innerText(), /overdue/);
    await page.getByRole('tab', { name: /区县任务/ }).click();
    const tasks = page.getByTestId('district-tasks');
    await tasks.waitFor();
    assert.match(await tasks.innerText(), /区县本年度任务/);
    await h.shot(page, 'promote-district');
    await context.close();
  });
});
