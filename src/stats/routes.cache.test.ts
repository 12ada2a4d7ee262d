// Tests of the routes' response cache: answers are reused until the data changes, a burst of requests shares
// one version check and one computation, and a change (announced at once, or seen by the background version
// check) empties the cache.
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

  it('recomputes after dataChanged at once, and after a new version once it is read', async () => {
    const { store, state, cache, compute } = setup();
    assert.equal(await cache.get('k', compute), 'answer 1 of v1');
    dataChanged(store);
    assert.equal(await cache.get('k', compute), 'answer 2 of v1');
    state.version = 'v2';
    assert.equal(await cache.get('k', compute), 'answer 2 of v1', 'version not read again yet');
    state.now += VERSION_CHECK_MS;
    assert.equal(await cache.get('k', compute), 'answer 2 of v1', 'served while the check runs');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await cache.get('k', compute), 'answer 3 of v2');
    state.now += VERSION_CHECK_MS;
    await cache.get('k', compute);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await cache.get('k', compute), 'answer 3 of v2', 'same version: kept');
    assert.equal(state.versionReads, 4);
  });

  it('does not keep a failed computation', async () => {
    const { cache, compute } = setup();
    await assert.rejects(
      cache.get('k', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await cache.get('k', compute), 'answer 1 of v1');
  });

  it('checks again when a change is announced while a check is running', async () => {
    const { store, state, cache, compute } = setup();
    const first = cache.get('k', compute);
    dataChanged(store);
    await first;
    assert.equal(state.versionReads, 2);
  });
});
