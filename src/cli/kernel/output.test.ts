// Progress for people: on a TTY one redrawn line; in logs and CI (no TTY) a line per tenth of the work.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createOutput } from './output.ts';

test('without a TTY, progress prints one line per tenth, each with done/total', () => {
  let err = '';
  const out = createOutput({
    json: false,
    tty: false,
    sink: { stdout: () => {}, stderr: (t) => void (err += t) },
  });
  const p = out.progress('载入 loading', 200);
  for (let i = 0; i <= 200; i++) p.update(i);
  p.done();
  const lines = err.trim().split('\n');
  assert.equal(lines.length, 11, err);
  assert.match(lines[0] ?? '', /^载入 loading 0% \(0\/200, /);
  assert.match(lines[5] ?? '', /^载入 loading 50% \(100\/200, /);
  assert.match(lines[10] ?? '', /^载入 loading 100% \(200\/200, /);
});

test('with --json, progress prints nothing', () => {
  let err = '';
  const out = createOutput({
    json: true,
    tty: false,
    sink: { stdout: () => {}, stderr: (t) => void (err += t) },
  });
  const p = out.progress('x', 10);
  for (let i = 0; i <= 10; i++) p.update(i);
  p.done();
  assert.equal(err, '');
});
