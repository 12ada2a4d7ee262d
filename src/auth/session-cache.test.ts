// The session cache: hits within the TTL, never past the session's expiry, emptied by invalidateSessions(),
// and a load that races with an invalidation is not kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { invalidateSessions, SessionCache } from './session-cache.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function counter(value: string | null, expiresAt = at(3_600_000)) {
  let calls = 0;
  return {
    load: async () => {
      calls += 1;
      return value === null ? null : { value, expiresAt };
    },
    calls: () => calls,
  };
}

test('serves a hit within the TTL and reloads after it', async () => {
  const c = new SessionCache<string>(5_000);
  const l = counter('alice');
  assert.equal(await c.get('tok', T0, l.load), 'alice');
  assert.equal(await c.get('tok', at(4_999), l.load), 'alice');
  assert.equal(l.calls(), 1);
  assert.equal(await c.get('tok', at(5_000), l.load), 'alice');
  assert.equal(l.calls(), 2);
});

test('never serves a session past its expiry, and does not cache misses', async () => {
  const c = new SessionCache<string>(60_000);
  const l = counter('bob', at(1_000));
  await c.get('tok', T0, l.load);
  const gone = counter(null);
  assert.equal(await c.get('tok', at(1_000), gone.load), null);
  assert.equal(gone.calls(), 1);
  assert.equal(await c.get('tok', at(1_001), gone.load), null);
  assert.equal(gone.calls(), 2);
});

test('invalidateSessions() empties the cache at once', async () => {
  const c = new SessionCache<string>(60_000);
  await c.get('tok', T0, counter('carol').load);
  invalidateSessions();
  const after = counter(null);
  assert.equal(await c.get('tok', at(1), after.load), null);
  assert.equal(after.calls(), 1);
});

test('a load that overlaps an invalidation is returned but not kept', async () => {
  const c = new SessionCache<string>(60_000);
  const racing = async () => {
    invalidateSessions(); // e.g. a logout committed while this lookup was in flight
    return { value: 'dave', expiresAt: at(3_600_000) };
  };
  assert.equal(await c.get('tok', T0, racing), 'dave');
  const l = counter('dave');
  await c.get('tok', at(1), l.load);
  assert.equal(l.calls(), 1);
});
