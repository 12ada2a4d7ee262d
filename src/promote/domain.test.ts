// Pure domain: the report life cycle, deadlines across a quarter boundary, access rules, carry-over and the
// done_but_falling flag.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actingUnits, mayFile, mayReview } from './domain/access.ts';
import { planCarryOver } from './domain/carry.ts';
import { compareDecimal } from './domain/indicators.ts';
import { nextReviewState, type ReportEvent, type ReportLifeState } from './domain/lifecycle.ts';
import type { ProgressReport, WorkItem } from './domain/model.ts';
import { deadlineOf, quarterEnd, quarterOf, quarterPeriods } from './domain/schedule.ts';
import { itemViews, matrix } from './domain/views.ts';
import { loadPlan } from './plan.load.ts';

const item = (over: Partial<WorkItem> = {}): WorkItem => ({
  id: '1',
  year: 2026,
  measure_no: 1,
  title: '科技企业首贷户拓展',
  owner_unit: 'district:500101',
  co_units: [],
  deliverable: '',
  due_quarter: 2,
  indicators: ['tech.balance'],
  district_code: '500101',
  state: 'open',
  carried_from: null,
  ...over,
});

test('life cycle: legal transitions and coded errors for illegal ones', () => {
  const states: ReportLifeState[] = ['none', 'submitted', 'returned', 'accepted'];
  const events: ReportEvent[] = [
    { kind: 'submit' },
    { kind: 'return', comment: '数据不全' },
    { kind: 'accept' },
  ];
  const table = states.map((s) =>
    events.map((e) => {
      const r = nextReviewState(s, e);
      return r.ok ? r.value : r.error.code;
    }),
  );
  const X = 'PROMOTE_ILLEGAL_TRANSITION';
  assert.deepEqual(table, [
    ['submitted', X, X],
    ['submitted', 'returned', 'accepted'],
    ['submitted', X, X],
    [X, X, X],
  ]);
  const noComment = nextReviewState('submitted', { kind: 'return', comment: '  ' });
  assert.equal(noComment.ok ? '' : noComment.error.code, 'PROMOTE_COMMENT_REQUIRED');
  const illegal = nextReviewState('accepted', { kind: 'accept' });
  assert.ok(!illegal.ok && illegal.error.message_zh.includes('accepted') && illegal.error.status === 409);
});

test('quarter ends in Beijing time; overdue starts the instant the due quarter ends', () => {
  assert.equal(quarterEnd(2026, 2).toISOString(), '2026-06-30T16:00:00.000Z');
  assert.deepEqual(quarterOf(new Date('2026-06-30T15:59:59Z')), { year: 2026, quarter: 2 });
  assert.deepEqual(quarterOf(new Date('2026-06-30T16:00:00Z')), { year: 2026, quarter: 3 });
  assert.deepEqual(quarterPeriods(2026, 1), { previous: '2025-12', current: '2026-03' });
  const i = item();
  assert.equal(deadlineOf(i, new Date('2026-05-01T00:00:00Z'), 15), 'pending');
  assert.equal(deadlineOf(i, new Date('2026-06-20T00:00:00Z'), 15), 'due_soon');
  assert.equal(deadlineOf(i, new Date('2026-06-30T15:59:59Z'), 15), 'due_soon');
  assert.equal(deadlineOf(i, new Date('2026-06-30T16:00:00Z'), 15), 'overdue');
  assert.equal(deadlineOf({ ...i, state: 'done' }, new Date('2027-01-01T00:00:00Z'), 15), 'done');
});

test('access: a unit files only its own reports; coordinators review but not their own', () => {
  const district = {
    id: 'u1',
    role: 'district' as const,
    unit_id: null,
    district_code: '500101',
    institution_code: null,
  };
  const other = { ...district, id: 'u2', district_code: '500102' };
  const auditor = { ...district, id: 'u3', role: 'auditor' as const };
  const admin = {
    id: 'a',
    role: 'admin' as const,
    unit_id: '人行重庆市分行',
    district_code: null,
    institution_code: null,
  };
  assert.deepEqual(actingUnits(district), ['district:500101']);
  assert.ok(mayFile(district, item()).ok);
  const no = mayFile(other, item());
  assert.equal(no.ok ? '' : no.error.code, 'PROMOTE_NOT_OWNER');
  assert.equal(mayFile(auditor, item()).ok, false);
  assert.equal(mayReview(district, { submitted_by: 'x' }).ok, false);
  assert.ok(mayReview(admin, { submitted_by: 'x' }).ok);
  const self = mayReview(admin, { submitted_by: 'a' });
  assert.equal(self.ok ? '' : self.error.code, 'PROMOTE_SELF_REVIEW');
});

test('carry-over: open items move to next year linked to the old ones; done items stay', () => {
  const items = [item({ id: '1' }), item({ id: '2', state: 'done' }), item({ id: '3', year: 2025 })];
  const next = planCarryOver(items, 2026, 1);
  assert.equal(next.length, 1);
  assert.deepEqual([next[0]?.year, next[0]?.carried_from, next[0]?.due_quarter], [2027, '1', 1]);
});

test('done_but_falling: a task marked done while its indicator fell over that quarter', () => {
  const report = (over: Partial<ProgressReport>): ProgressReport => ({
    id: 'r',
    item_id: '1',
    year: 2026,
    quarter: 2,
    unit_id: 'district:500101',
    status: 'done',
    narrative: '',
    numbers: {},
    review_state: 'accepted',
    review_comment: null,
    submitted_by: 'u',
    submitted_at: new Date(0),
    reviewed_by: null,
    reviewed_at: null,
    version: 1,
    ...over,
  });
  const clock = { now: new Date('2026-07-05T00:00:00Z'), dueSoonDays: 15 };
  const falling = {
    'tech.balance': [
      { period: '2026-03', value: '1000.00' },
      { period: '2026-06', value: '999.99' },
    ],
  };
  const rising = {
    'tech.balance': [
      { period: '2026-03', value: '1000.00' },
      { period: '2026-06', value: 1000.01 },
    ],
  };
  const items = [item({ state: 'done' })];
  assert.equal(itemViews(items, [report({})], clock, falling)[0]?.done_but_falling, true);
  assert.equal(itemViews(items, [report({})], clock, rising)[0]?.done_but_falling, false);
  assert.equal(
    itemViews(items, [report({ status: 'on_track' })], clock, falling)[0]?.done_but_falling,
    false,
  );
  assert.equal(compareDecimal('12345678901234567.01', '12345678901234567.1'), -1);
  const m = matrix(loadPlan().measures, itemViews(items, [report({})], clock, falling));
  assert.equal(m.length, 17);
  assert.deepEqual(
    m[0]?.cells.map((c) => c.status),
    ['none', 'done', 'none', 'none'],
  );
});
