// Data scoping by role (pure): scopes, visibility of institutions and districts, read-only auditors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AppError } from '../http/errors.ts';
import type { AuthUser, Role } from '../http/route-context.ts';
import {
  assertCanSeeDistrict,
  assertCanSeeInstitution,
  assertCanWrite,
  assertRole,
  scopeForUser,
} from './scope.ts';

function user(
  role: Role,
  institution_code: string | null = null,
  district_code: string | null = null,
): AuthUser {
  return {
    id: role,
    username: role,
    display_name: role,
    role,
    institution_code,
    district_code,
    unit_id: null,
  };
}

const bank = user('institution', 'C1');
const district = user('district', null, '500103');

function code(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.statusCode, 403);
    return e.code;
  }
}

test('scopeForUser by role', () => {
  for (const r of ['admin', 'regulator', 'auditor'] as const)
    assert.deepEqual(scopeForUser(user(r)), { kind: 'all' });
  assert.deepEqual(scopeForUser(bank), { kind: 'institution', code: 'C1' });
  assert.deepEqual(scopeForUser(district), { kind: 'district', code: '500103' });
  assert.equal(
    code(() => scopeForUser(user('institution'))),
    'auth.forbidden',
  );
});

test('institution visibility', () => {
  assert.equal(
    code(() => assertCanSeeInstitution(user('regulator'), 'C2')),
    null,
  );
  assert.equal(
    code(() => assertCanSeeInstitution(bank, 'C1')),
    null,
  );
  assert.equal(
    code(() => assertCanSeeInstitution(bank, 'C2')),
    'auth.out_of_scope',
  );
  assert.equal(
    code(() => assertCanSeeInstitution(district, 'C1')),
    'auth.out_of_scope',
  );
});

test('district visibility', () => {
  assert.equal(
    code(() => assertCanSeeDistrict(user('auditor'), '500101')),
    null,
  );
  assert.equal(
    code(() => assertCanSeeDistrict(district, '500103')),
    null,
  );
  assert.equal(
    code(() => assertCanSeeDistrict(district, '500101')),
    'auth.out_of_scope',
  );
  assert.equal(
    code(() => assertCanSeeDistrict(bank, '500103')),
    'auth.out_of_scope',
  );
});

test('writes and roles', () => {
  assert.equal(
    code(() => assertCanWrite(user('auditor'))),
    'auth.read_only',
  );
  for (const r of ['admin', 'regulator', 'institution', 'district'] as const) {
    assert.equal(
      code(() => assertCanWrite(user(r, 'C1', '500103'))),
      null,
    );
  }
  assert.equal(
    code(() => assertRole(bank, 'admin', 'regulator')),
    'auth.forbidden',
  );
  assert.equal(
    code(() => assertRole(user('regulator'), 'admin', 'regulator')),
    null,
  );
});
