// End-to-end scoring of the fixture (src/assess/fixture.ts) against real in-memory DuckDB and PGlite/PostgreSQL.
// Every expected number was computed by hand (exact fractions) — the worked example of docs/assessment.md.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Stores } from '../store/stores.ts';
import { openTestStores, stateKinds } from '../testing/stores.ts';
import type { SubjectScore } from './engine/score.domain.ts';
import {
  FIXTURE_CONFIG_YAML,
  FIXTURE_INSTITUTIONS,
  FIXTURE_QUALITATIVE,
  seedFixtureLoans,
} from './fixture.ts';
import { getRunView, getSubjectResult, runResults, whatIf, type StoredResult } from './query.ts';
import { runAssessment, type RunOutcome } from './run.ts';
import { getConfigVersion, listConfigVersions, putConfigVersion, putQualitativeScore } from './store.ts';

const NOW = new Date('2025-07-15T08:00:00Z');

function pick(results: SubjectScore[] | StoredResult[], code: string) {
  const r = results.find((x) => x.code === code);
  assert.ok(r, `no result for ${code}`);
  const by = (id: string) => {
    const b = r.breakdown.find((x) => x.indicator_id === id);
    assert.ok(b, `no ${id} for ${code}`);
    return b;
  };
  return { r, by };
}

for (const kind of stateKinds()) {
  describe(`assessment runs (${kind})`, () => {
    let stores: Stores;
    let q1: RunOutcome;
    let q2: RunOutcome;

    before(async () => {
      stores = await openTestStores(kind);
      await seedFixtureLoans(stores.analytics);
      const shipped = await getConfigVersion(stores.state); // seeds version 1 from the shipped YAML
      assert.equal(shipped?.version, 1);
      const put = await putConfigVersion(stores.state, FIXTURE_CONFIG_YAML, 'admin', NOW);
      assert.ok(put.ok);
      assert.equal(put.value.version, 2);
      for (const [period, subject_kind, subject_code, indicator_id, score] of FIXTURE_QUALITATIVE) {
        const r = await putQualitativeScore(
          stores.state,
          put.value.config,
          { period, subject_kind, subject_code, indicator_id, score },
          'reviewer1',
          NOW,
        );
        assert.ok(r.ok);
      }
      const run = (period: string) =>
        runAssessment(stores, { period, institutions: FIXTURE_INSTITUTIONS, actor: 'analyst', now: NOW });
      const a = await run('2025-Q1');
      const b = await run('2025-Q2');
      assert.ok(a.ok && b.ok);
      q1 = a.value;
      q2 = b.value;
    });
    after(async () => stores.close());

    it('scores 2025-Q2 banks to the cent, with a tie at rank 1 (competition ranking)', () => {
      const b1 = pick(q2.results.bank, 'B1');
      assert.equal(b1.by('inc_growth').raw, '6.6519'); // (120−110)/110×100 − (420−410)/410×100
      assert.equal(b1.by('inc_growth').normalised, '97.2504'); // 60 + 40 × 6.6519 / 7.1429
      assert.equal(b1.by('inc_growth').contribution, '29.1751');
      assert.equal(b1.by('inc_share').raw, '28.5714');
      assert.equal(b1.by('inc_share').normalised, '0.0000'); // rank 3 of 3
      assert.equal(b1.by('q_mech').contribution, '16.8200');
      assert.equal(b1.r.quantitative, '59.1751');
      assert.equal(b1.r.score, '76.00'); // 75.9951 rounded half-up
      const b2 = pick(q2.results.bank, 'B2');
      assert.equal(b2.by('inc_npl').raw, '12.0000');
      assert.equal(b2.by('inc_npl').normalised, '0.0000');
      assert.equal(b2.by('recon').raw, '66.6667');
      assert.equal(b2.by('recon').normalised, '33.3334');
      assert.equal(b2.by('recon').contribution, '3.3333');
      assert.equal(b2.r.score, '55.33');
      const b3 = pick(q2.results.bank, 'B3');
      assert.equal(b3.by('inc_growth').raw, '7.1429');
      assert.equal(b3.by('inc_share').normalised, '50.0000');
      assert.equal(b3.r.score, '76.00');
      assert.deepEqual(
        ['B1', 'B2', 'B3'].map((c) => [pick(q2.results.bank, c).r.rank, pick(q2.results.bank, c).r.grade]),
        [
          [1, 'B'],
          [3, 'D'],
          [1, 'B'],
        ],
      );
      assert.deepEqual(b1.by('inc_growth').peer, {
        count: 3,
        min: '0.0000',
        median: '6.6519',
        max: '7.1429',
      });
    });

    it('applies the missing-data rule and ranks peer groups separately', () => {
      const b4 = pick(q2.results.bank, 'B4');
      assert.equal(b4.r.peer_group, 'city_commercial');
      assert.equal(b4.r.peer_count, 1);
      assert.equal(b4.by('inc_growth').raw, null); // no inclusive balance at the base month
      assert.equal(b4.by('inc_growth').missing, true);
      assert.equal(b4.by('inc_growth').normalised, '0.0000'); // no peer has a value → 0
      assert.equal(b4.by('q_mech').missing, true);
      assert.equal(b4.r.score, '50.00');
      assert.equal(b4.r.rank, 1);
      const d104 = pick(q2.results.district, '500104');
      assert.equal(d104.by('q_local').missing, true);
      assert.equal(d104.by('q_local').normalised, '90.0000'); // lowest normalised value among its peers
      assert.equal(d104.by('d_growth').raw, '17.0000');
      assert.equal(d104.r.score, '98.00');
      assert.equal(pick(q2.results.district, '500103').r.score, '18.00');
    });

    it('scores 2025-Q1 (banks and a district tie)', () => {
      assert.deepEqual(
        ['B1', 'B2', 'B3', 'B4'].map((c) => [
          pick(q1.results.bank, c).r.score,
          pick(q1.results.bank, c).r.rank,
        ]),
        [
          ['54.00', 3],
          ['58.00', 2],
          ['60.00', 1],
          ['30.00', 1],
        ],
      );
      assert.equal(pick(q1.results.bank, 'B1').by('inc_share').raw, '26.8293');
      assert.equal(pick(q1.results.bank, 'B4').by('inc_npl').missing, true);
      const d = ['500103', '500104'].map((c) => pick(q1.results.district, c).r);
      assert.deepEqual(
        d.map((r) => [r.name, r.score, r.rank]),
        [
          ['渝中区', '50.00', 1],
          ['大渡口区', '50.00', 1],
        ],
      );
      assert.equal(pick(q1.results.district, '500103').by('d_share').raw, '27.4194');
    });

    it('stores runs with their configuration and data versions, reproducibly', async () => {
      assert.equal(q2.config_version, 2);
      assert.deepEqual(q2.submission_ids, ['102', '103', '105', '106', '108', '109', '111', '112']);
      assert.deepEqual(q2.rule_versions, ['rules-v1']);
      const again = await runAssessment(stores, {
        period: '2025-Q2',
        institutions: [...FIXTURE_INSTITUTIONS].reverse(),
        actor: 'analyst',
        now: NOW,
      });
      assert.ok(again.ok);
      assert.notEqual(again.value.run_id, q2.run_id);
      assert.equal(again.value.inputs_hash, q2.inputs_hash);
      assert.equal(again.value.results_hash, q2.results_hash);
      const [x, y] = await Promise.all([
        runResults(stores.state, q2.run_id),
        runResults(stores.state, again.value.run_id),
      ]);
      assert.deepEqual(x, y);
      assert.equal(pick(x, 'B1').r.score, '76.00');
      assert.deepEqual(
        (await listConfigVersions(stores.state)).map((v) => v.version),
        [1, 2],
      );
    });

    it('scopes: a bank sees only its own breakdown plus the published ranks', async () => {
      const view = await getRunView(stores.state, '2025-Q2', { kind: 'institution', code: 'B2' });
      assert.ok(view.ok);
      assert.deepEqual(
        view.value.detailed.map((r) => r.code),
        ['B2'],
      );
      assert.equal(view.value.ranks.length, 6);
      assert.ok(view.value.ranks.every((r) => !('score' in r) && !('breakdown' in r)));
      const other = await getSubjectResult(
        stores.state,
        '2025-Q2',
        { kind: 'bank', code: 'B1' },
        { kind: 'institution', code: 'B2' },
      );
      assert.equal(other.ok ? 'ok' : other.errors[0]?.code, 'ASSESS_FORBIDDEN');
      const dist = await getRunView(stores.state, '2025-Q2', { kind: 'district', code: '500103' });
      assert.ok(dist.ok);
      assert.deepEqual(
        dist.value.detailed.map((r) => r.code),
        ['500103'],
      );
      const all = await getRunView(stores.state, '2025-Q2', { kind: 'all' });
      assert.ok(all.ok);
      assert.equal(all.value.detailed.length, 6);
    });

    it('what-if: a raw value or a weight changes the score and rank without saving', async () => {
      const scope = { kind: 'all' } as const;
      const raw = await whatIf(
        stores.state,
        '2025-Q2',
        { kind: 'bank', code: 'B3' },
        { kind: 'raw', indicator_id: 'q_mech', raw: '70' },
        scope,
      );
      assert.ok(raw.ok);
      assert.deepEqual([raw.value.before.score, raw.value.before.rank], ['76.00', 1]);
      assert.deepEqual([raw.value.after.score, raw.value.after.rank], ['74.00', 2]);
      const w = await whatIf(
        stores.state,
        '2025-Q2',
        { kind: 'bank', code: 'B2' },
        { kind: 'weight', indicator_id: 'inc_share', weight: '40' },
        scope,
      );
      assert.ok(w.ok);
      assert.deepEqual(
        [w.value.after.score, w.value.after.rank, w.value.weights_total],
        ['75.33', 3, '120.00'],
      );
      const miss = await whatIf(
        stores.state,
        '2025-Q2',
        { kind: 'bank', code: 'B4' },
        { kind: 'raw', indicator_id: 'inc_growth', raw: '5' },
        scope,
      );
      assert.ok(miss.ok);
      assert.equal(miss.value.after.score, '80.00');
      const denied = await whatIf(
        stores.state,
        '2025-Q2',
        { kind: 'bank', code: 'B1' },
        { kind: 'raw', indicator_id: 'q_mech', raw: '1' },
        { kind: 'institution', code: 'B2' },
      );
      assert.equal(denied.ok ? 'ok' : denied.errors[0]?.code, 'ASSESS_FORBIDDEN');
      const stored = await runResults(stores.state, q2.run_id);
      assert.equal(pick(stored, 'B3').r.score, '76.00');
    });
  });
}
