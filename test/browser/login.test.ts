// Browser test: login (wrong password shows the coded error in each language), layout by role, city overview
// numbers and the release panel's reporting count equal the API's, language switch persists, logout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { yuanToYi } from '../../web/src/format.ts';
import type { ReleaseAnswer, TargetReport } from '../../web/src/types.ts';
import { startHarness, type Harness } from './harness.ts';

describe('web: login, layout, overview', { timeout: 120_000 }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('shows the coded login error in Chinese, then in English after switching language', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(h.url + '/');
    await page.getByTestId('username').fill('regulator');
    await page.getByTestId('password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await h.shot(page, 'login-error-zh');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').getByText('Wrong user name or password').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('fivefin.lang')), 'en');
    await context.close();
  });

  it('regulator: menu, city overview figures equal the API, language switch, logout', async () => {
    const { context, page } = await h.loginAs('regulator');
    await page.getByTestId('page-overview').waitFor();
    const menu = await page.getByTestId('side-menu').innerText();
    for (const label of ['城市概览', '区县地图', '考核评价']) assert.ok(menu.includes(label), label);
    assert.ok(!menu.includes('审计日志'));
    assert.equal(await page.getByTestId('user-role').innerText(), '监管分析员');
    if ((await h.statusAs('regulator', '/stats/targets')) === 404) {
      // The stats routes are not registered yet: the page says so instead of breaking.
      await page.getByTestId('api-error').waitFor();
      await h.shot(page, 'overview-no-api');
      await context.close();
      return;
    }
    const report = await h.apiAs<TargetReport>('regulator', '/stats/targets');
    for (const ev of report.evaluations) {
      const card = page.getByTestId(`area-${ev.area}`);
      await card.waitFor();
      if (ev.kind === 'level') {
        const text = await card.getByTestId('latest').innerText();
        assert.ok(
          text.includes(yuanToYi(ev.latest_value)),
          `${ev.area}: ${text} vs ${yuanToYi(ev.latest_value)}`,
        );
      }
      await card.getByTestId(`trend-${ev.area}`).locator('canvas').first().waitFor();
    }
    // The release panel: the period's "N / M 家机构已报送" as the API answers it (default: latest complete period).
    const release = await h.apiAs<ReleaseAnswer>('regulator', '/stats/release?dim=city');
    const reported = await page.getByTestId('release-reported').innerText();
    assert.ok(
      reported.includes(
        `${release.period} · ${release.institutions_reported} / ${release.institutions_expected}`,
      ),
      reported,
    );
    await h.shot(page, 'overview-zh');
    await page.getByTestId('lang-switch').click();
    await page.getByText('City overview').first().waitFor();
    await h.shot(page, 'overview-en');
    await page.reload();
    await page.getByText('City overview').first().waitFor();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-card').waitFor();
    await context.close();
  });

  it('a new account must change its password first; weak passwords show the coded error', async () => {
    await h.postAs('admin', '/users', {
      username: 'newanalyst',
      display_name: '新分析员',
      role: 'regulator',
      password: 'initial-pass-123',
    });
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(h.url + '/');
    await page.getByTestId('username').fill('newanalyst');
    await page.getByTestId('password').fill('initial-pass-123');
    await page.getByTestId('login-submit').click();
    const form = page.getByTestId('change-password');
    await form.waitFor();
    const fields = form.locator('input[type=password]');
    await fields.nth(0).fill('initial-pass-123');
    await fields.nth(1).fill('short');
    await fields.nth(2).fill('short');
    await form.getByRole('button').last().click();
    await form.getByText('密码至少10位').waitFor();
    await h.shot(page, 'change-password');
    await fields.nth(1).fill('a-much-better-pass-2025');
    await fields.nth(2).fill('a-much-better-pass-2025');
    await form.getByRole('button').last().click();
    await page.getByTestId('user-name').getByText('新分析员').waitFor();
    await context.close();
  });

  it('auditor sees the audit log menu; bank officer lands on its bank', async () => {
    const a = await h.loginAs('auditor');
    assert.ok((await a.page.getByTestId('side-menu').innerText()).includes('审计日志'));
    await a.context.close();
    const b = await h.loginAs('bank');
    await b.page.waitForURL(/\/bank\/B0001$/);
    const menu = await b.page.getByTestId('side-menu').innerText();
    assert.ok(menu.includes('数据报送'));
    assert.ok(!menu.includes('区县地图'));
    await b.context.close();
  });
});
