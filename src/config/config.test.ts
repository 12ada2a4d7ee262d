// Configuration of the loan-file-v1 transition: parsed once, a bad value fails naming the variable.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';

import { ConfigError, DEFAULT_REPORTING_DEADLINE, DEFAULT_V1_ACCEPTED_UNTIL, loadConfig } from './config.ts';

const base = () => ({ FIVEFIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'fivefin-config-')) });

it('reads the end of the loan-file-v1 transition, with a default', () => {
  assert.equal(loadConfig(base(), { mode: 'demo' }).v1AcceptedUntil, DEFAULT_V1_ACCEPTED_UNTIL);
  const c = loadConfig({ ...base(), FIVEFIN_V1_ACCEPTED_UNTIL: '2026-12-31' }, { mode: 'demo' });
  assert.equal(c.v1AcceptedUntil, '2026-12-31');
});

it('fails naming FIVEFIN_V1_ACCEPTED_UNTIL on a value that is not a real date', () => {
  for (const bad of ['2026-13-01', '2026-02-30', '31.12.2026', 'soon'])
    assert.throws(
      () => loadConfig({ ...base(), FIVEFIN_V1_ACCEPTED_UNTIL: bad }, { mode: 'demo' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'FIVEFIN_V1_ACCEPTED_UNTIL',
    );
});

it('reads the reporting deadline ("DD HH:MM", Asia/Shanghai), the 12th 17:00 by default', () => {
  assert.deepEqual(loadConfig(base(), { mode: 'demo' }).reportingDeadline, DEFAULT_REPORTING_DEADLINE);
  assert.deepEqual(DEFAULT_REPORTING_DEADLINE, { day: 12, hour: 17, minute: 0 });
  const c = loadConfig({ ...base(), FIVEFIN_REPORTING_DEADLINE: '15 09:30' }, { mode: 'demo' });
  assert.deepEqual(c.reportingDeadline, { day: 15, hour: 9, minute: 30 });
  for (const bad of ['31 17:00', '12 25:00', '12th', '12 5:00'])
    assert.throws(
      () => loadConfig({ ...base(), FIVEFIN_REPORTING_DEADLINE: bad }, { mode: 'demo' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'FIVEFIN_REPORTING_DEADLINE',
    );
});

it('reads the recompute delay (FIVEFIN_RECOMPUTE_DELAY_MS), 2000 ms by default, 0 = at once', () => {
  assert.equal(loadConfig(base(), { mode: 'demo' }).recomputeDelayMs, 2000);
  assert.equal(
    loadConfig({ ...base(), FIVEFIN_RECOMPUTE_DELAY_MS: '0' }, { mode: 'demo' }).recomputeDelayMs,
    0,
  );
});
