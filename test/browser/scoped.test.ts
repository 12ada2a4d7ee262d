// Browser walk of the statistics pages as the scoped users: the district user lands on its district, sees
// figures equal to the API's (scoped) answer, published ranks with only its own balance, exports both tables
// in the browser (the XLSX holds the same numbers and nothing beyond the scope), cannot read another district,
// and switches language; the bank officer exports its own figures and ranking the same way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { DEMO_DISTRICT } from '../../src/auth/seed.ts';
import { yuanToYi, yuanToYiNumber } from '../../web/src/format.ts';
import type { Figure, Periods, RankingRow } from '../../web/src/types.ts';
import { exportOf, startHarness, type Harness } from './harness.ts';

const near = (a: unknown, b: number | null) => typeof a === 'number' && b !== null && Math.abs(a - b) < 1e-9;

describe('web: statistics pages as scoped users', { timeout: 170_000 }, () => {
  let h: Harness;
  let latest: string;
  before(async () => {
    h = await startHarness();
    latest = (await h.apiAs<Periods>('regulator', '/stats/periods')).latest ?? '';
    assert.ok(latest);
  });
  after(async () => {
    await h?.close();
  });

  it('district user: own figures equal the API, published ranks, in-browser XLSX, no other district', async () => {
    const { figures } = await h.apiAs<{ figures: Figure[] }>(
      'district',
      `/stats/figures?dim=district&period=${latest}`,
    );
    assert.ok(figures.length > 0, 'the demo district has loans');
    assert.ok(
      figures.every((f) => f.dim_value === DEMO_DISTRICT),
      'the API returns only the own district',
    );
    const all5 = figures.find((f) => f.area === 'all5');
    assert.ok(all5);

    const { context, page } = await h.loginAs('district');
    await page.getByTestId('page-district').waitFor();
    assert.ok(page.url().endsWith(`/district/${DEMO_DISTRICT}`), page.url());
    await page.getByTestId('district-name').getByText(all5.dim_label).waitFor();
    const table = await page.getByTestId('figures-table').innerText();
    assert.ok(table.includes(yuanToYi(all5.balance)), `${table} lacks ${yuanToYi(all5.balance)}`);
    assert.equal(await page.getByTestId('drill').count(), 0, 'no bank-level drill-down for districts');

    // Figures export: one row per area shown, the same balances in 亿元 as numbers.
    const fx = await exportOf(page, 'figures-export');
    assert.match(fx.name, new RegExp(`figures-district-${DEMO_DISTRICT}-${latest}\\.xlsx`));
    assert.equal(fx.rows[0]?.[1], '余额（亿元）');
    const five = fx.rows.find((r) => r[0] === '五篇合计');
    assert.ok(five && near(five[1], yuanToYiNumber(all5.balance)), JSON.stringify(fx.rows));

    // Ranking: every district's published rank, a balance only for the own district.
    const ranks = await h.apiAs<{ rows: RankingRow[] }>(
      'district',
      `/stats/rankings?dim=district&area=all5&period=${latest}`,
    );
    await page.getByTestId('ranking-district').locator('tbody tr').first().waitFor();
    const rx = await exportOf(page, 'ranking-export-district');
    const body = rx.rows.slice(1);
    assert.equal(body.length, ranks.rows.length);
    for (const r of ranks.rows) {
      const row = body.find((x) => x[1] === r.code);
      assert.ok(row, `ranking export lacks ${r.code}`);
      assert.equal(row[0], r.rank);
      if (r.code === DEMO_DISTRICT) assert.ok(near(row[3], yuanToYiNumber(r.balance ?? null)));
      else assert.equal(row[3] ?? null, null, `a foreign balance leaked for ${r.code}`);
    }
    await h.shot(page, 'district-user');

    // Another district: the API refuses its history, and the page shows no figures for it.
    const foreign = figures[0]?.dim_value === '500104' ? '500105' : '500104';
    assert.equal(
      await h.statusAs('district', `/stats/history?area=all5&dim=district&dim_value=${foreign}`),
      403,
    );
    await page.goto(h.url + `/district/${foreign}`);
    await page.getByTestId('page-district').waitFor();
    await page.getByTestId('figures-table').waitFor();
    assert.equal(await page.getByTestId('fig-balance').count(), 0);

    // English.
    await page.goto(h.url + `/district/${DEMO_DISTRICT}`);
    await page.getByTestId('lang-switch').click();
    await page.getByText('District ranking').waitFor();
    await page.getByTestId('lang-switch').click();
    await context.close();
  });

  it('bank officer: own bank figures and ranking exported in the browser, within scope', async () => {
    const { user } = await h.apiAs<{ user: { institution_code: string } }>('bank', '/me');
    const code = user.institution_code;
    assert.ok(code);
    const { figures } = await h.apiAs<{ figures: Figure[] }>(
      'bank',
      `/stats/figures?dim=institution&period=${latest}`,
    );
    assert.ok(figures.every((f) => f.dim_value === code));
    const { context, page } = await h.loginAs('bank');
    await page.goto(h.url + `/bank/${code}`);
    await page.getByTestId('figures-table').waitFor();
    const fx = await exportOf(page, 'figures-export');
    const balances = fx.rows.slice(1).map((r) => r[1]);
    for (const f of figures.filter((x) => x.area !== 'all_loans'))
      assert.ok(
        balances.some((b) => near(b, yuanToYiNumber(f.balance))),
        `${f.area} ${f.balance} not in ${JSON.stringify(balances)}`,
      );
    await page.getByTestId('ranking-institution').locator('tbody tr').first().waitFor();
    const rx = await exportOf(page, 'ranking-export-institution');
    const withBalance = rx.rows.slice(1).filter((r) => typeof r[3] === 'number');
    assert.deepEqual(
      withBalance.map((r) => r[1]),
      [code],
    );
    await h.shot(page, 'bank-user');
    await context.close();
  });
});
