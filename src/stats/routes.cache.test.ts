// Tests of the routes' response cache: answers are reused until the data changes, a burst of requests shares
// one version check and one computation, and a change (announced by a writer, or seen by the background version
// check) recomputes the held answers in the background while readers keep getting the previous ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { dataChanged, VERSION_CHECK_MS, versionedCache } from './routes.cache.ts';

function setup() {
  const store = {};
  const state = { version: 'v1', versionReads: 0, computes: 0, now: 0 };
  const cache = versionedCache(
    store,
    async () => {
      state.versionReads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return state.version;
    },
    1000,
    () => state.now,
  );
  const compute = async () => {
    state.computes += 1;
    await new Promise((r) => setTimeout(r, 5));
    return `answer ${state.computes} of ${state.version}`;
  };
  return { store, state, cache, compute };
}

describe('versionedCache', () => {
  it('shares one version check and one computation among concurrent requests', async () => {
    const { state, cache, compute } = setup();
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', compute)));
    assert.deepEqual(new Set(answers), new Set(['answer 1 of v1']));
    assert.equal(state.versionReads, 1);
    assert.equal(state.computes, 1);
    assert.equal(await cache.get('k', compute), 'answer 1 of v1');
    assert.equal(state.versionReads, 1, 'no check within VERSION_CHECK_MS');
  });

  it('recomputes after dataChanged before the writer goes on, and after a new version once it is read', async () => {
    const { store, state, cache, compute } = setup();
    assert.equal(await cache.get('k', compute), 'answer 1 of v1');
    await dataChanged(store);
    assert.equal(state.computes, 2, 'recomputed before dataChanged resolved');
    assert.equal(await cache.get('k', compute), 'answer 2 of v1');
    state.version = 'v2';
    assert.equal(await cache.get('k', compute), 'answer 2 of v1', 'version not read again yet');
    state.now += VERSION_CHECK_MS;
    assert.equal(await cache.get('k', compute), 'answer 2 of v1', 'served while the check runs');
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(await cache.get('k', compute), 'answer 3 of v2');
    state.now += VERSION_CHECK_MS;
    await cache.get('k', compute);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(await cache.get('k', compute), 'answer 3 of v2', 'same version: kept');
    assert.equal(state.versionReads, 3);
  });

  it('serves the previous answers while a refresh runs, and swaps them in together', async () => {
    const { store, state, cache, compute } = setup();
    const slow = (name: string) => async () => {
      await new Promise((r) => setTimeout(r, 40));
      return `${name} of ${state.version}`;
    };
    assert.equal(await cache.get('a', slow('a')), 'a of v1');
    assert.equal(await cache.get('b', compute), 'answer 1 of v1');
    state.version = 'v2';
    const writer = dataChanged(store);
    const t = performance.now();
    assert.equal(await cache.get('a', slow('a')), 'a of v1');
    assert.equal(await cache.get('b', compute), 'answer 1 of v1', 'b is recomputed but not yet swapped in');
    assert.ok(performance.now() - t < 30, 'readers did not wait for the refresh');
    await writer;
    assert.equal(await cache.get('a', slow('a')), 'a of v2');
    assert.equal(await cache.get('b', compute), 'answer 2 of v2');
  });

  it('does not keep a failed computation', async () => {
    const { cache, compute } = setup();
    await assert.rejects(
      cache.get('k', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await cache.get('k', compute), 'answer 1 of v1');
  });

  it('refreshes once more when a change is announced during a refresh', async () => {
    const { store, state, cache, compute } = setup();
    await cache.get('k', compute);
    const first = dataChanged(store);
    const second = dataChanged(store);
    await Promise.all([first, second]);
    assert.equal(state.computes, 3);
    assert.equal(await cache.get('k', compute), 'answer 3 of v1');
  });
});
