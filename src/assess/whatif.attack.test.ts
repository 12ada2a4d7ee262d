// Regression test of issue 13 item 10: a bank recovered a peer's hidden score in 18 what-if calls by bisecting
// its own reviewer score until its simulated rank moved past the peer. The attack is replayed here: it still
// works on the `run` basis (which only callers who may see every score get), and against a bank it must fail —
// every answer the bank gets is the same whatever the peer's hidden score is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import { buildServer } from '../server/app.ts';
import type { Stores } from '../store/stores.ts';
import { loginCookie, testConfig } from '../testing/http.ts';
import { openTestStores } from '../testing/stores.ts';
import { FIXTURE_CONFIG_YAML, FIXTURE_INSTITUTIONS, seedFixtureLoans } from './fixture.ts';
import { assessRoutes } from './routes.ts';

const NOW = new Date('2025-07-15T08:00:00Z');
const PERIOD = '2025-Q2';
const CALLS = 18;

interface Answer {
  after: { score: string; grade: string; rank: number | null };
  rank_range: { best: number; worst: number };
}

describe('what-if: hidden scores cannot be recovered by repeated calls', () => {
  let stores: Stores;
  let app: FastifyInstance;
  let admin: string;
  let bank: string;

  const call = async (cookie: string, method: string, url: string, payload?: object) => {
    const res = await app.inject({ method: method as 'GET', url, headers: { cookie }, payload });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** Publishes a run in which B1's hidden reviewer score is `b1`. */
  const publish = async (b1: string) => {
    await call(admin, 'PUT', '/api/assess/qualitative', {
      period: PERIOD,
      subject_kind: 'bank',
      subject_code: 'B1',
      indicator_id: 'q_mech',
      score: b1,
    });
    await call(admin, 'POST', '/api/assess/runs', { period: PERIOD });
    const b1Result = (await call(admin, 'GET', `/api/assess/runs/${PERIOD}/bank/B1`)).result;
    return {
      score: b1Result.score as string,
      rank: b1Result.rank as number,
      grade: b1Result.grade as string,
    };
  };

  /**
   * The attack as B2 runs it: bisect its own reviewer score (q_mech, weight 20) until its simulated rank is
   * no worse than B1's published rank; the score at the crossing is B1's. Returns the estimate and the answers.
   */
  const attack = async (cookie: string, b1Rank: number) => {
    const answers: Answer[] = [];
    let lo = -500;
    let hi = 500;
    let estimate: string | null = null;
    for (let i = 0; i < CALLS; i++) {
      const mid = (lo + hi) / 2;
      const a: Answer = await call(cookie, 'POST', `/api/assess/runs/${PERIOD}/what-if`, {
        subject_kind: 'bank',
        subject_code: 'B2',
        indicator_id: 'q_mech',
        raw: mid.toFixed(4),
      });
      answers.push({
        after: { score: a.after.score, grade: a.after.grade, rank: a.after.rank },
        rank_range: a.rank_range,
      });
      if ((a.after.rank ?? a.rank_range.worst) <= b1Rank) {
        hi = mid;
        estimate = a.after.score;
      } else lo = mid;
    }
    return { estimate, answers };
  };

  before(async () => {
    stores = await openTestStores('pglite');
    await seedFixtureLoans(stores.analytics);
    for (const i of FIXTURE_INSTITUTIONS)
      await stores.state.query(
        'INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code) VALUES ($1, $2, $3, $4, $5)',
        [i.code, i.name_zh, i.name_en, i.peer_group, i.district_code],
      );
    await seedDemoUsers(stores.state, ['B2'], ['500103'], NOW);
    app = await buildServer({ config: testConfig(), stores, now: () => NOW, routes: [assessRoutes] });
    admin = await loginCookie(app, 'admin', DEMO_PASSWORD);
    bank = await loginCookie(app, 'bank', DEMO_PASSWORD);
    await call(admin, 'PUT', '/api/assess/config', { yaml: FIXTURE_CONFIG_YAML });
  });
  after(async () => {
    await app.close();
    await stores.close();
  });

  it('recovers the score on the run basis, and gives a bank nothing that depends on it', async () => {
    const first = await publish('86');
    const exact = await attack(admin, first.rank);
    assert.equal(exact.estimate, first.score); // the attack is real: 18 calls, score to the cent
    assert.ok(exact.answers.every((a) => a.after.rank !== null));

    const seen = await attack(bank, first.rank);
    assert.notEqual(seen.estimate, first.score);
    assert.ok(seen.answers.every((a) => a.after.rank === null));

    // B1's hidden score moves, its published rank and grade do not: the bank's answers stay the same
    const second = await publish('88');
    assert.notEqual(second.score, first.score);
    assert.equal(second.rank, first.rank);
    assert.equal(second.grade, first.grade);
    assert.equal((await attack(admin, second.rank)).estimate, second.score);
    const again = await attack(bank, second.rank);
    assert.deepEqual(again.answers, seen.answers);
  });
});
