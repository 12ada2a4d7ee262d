// Admin routes over accounts: create, list, disable/enable, reset a password. Every change is audited;
// disabling a user or resetting the password ends the user's sessions.
import type { FastifyInstance } from 'fastify';

import { appError, errorResponses } from '../http/errors.ts';
import { pageSchema, pagingQuerySchema } from '../http/paging.ts';
import type { Role, RouteDeps } from '../http/route-context.ts';
import type { StateTx } from '../store/state/pg.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { adminUserSchema, createUserBodySchema, okSchema, passwordSchema } from './schemas.ts';
import {
  clearAccountFailures,
  deleteUserSessions,
  insertUser,
  listUsers,
  publicUser,
  setDisabled,
  setPassword,
  userById,
  type UserRow,
} from './store.ts';

const tags = ['users'];

interface CreateUserBody {
  username: string;
  display_name: string;
  role: Role;
  institution_code?: string | null;
  district_code?: string | null;
  unit_id?: string | null;
  password: string;
  must_change_password: boolean;
}

export function adminUser(u: UserRow) {
  return {
    ...publicUser(u),
    disabled: u.disabled,
    locked_until: u.locked_until ? u.locked_until.toISOString() : null,
    created_at: u.created_at.toISOString(),
  };
}

/** Institution users need an institution code, district users a known district code; nobody else has either. */
async function checkBinding(db: StateTx, b: CreateUserBody): Promise<void> {
  const inst = b.institution_code ?? null;
  const dist = b.district_code ?? null;
  const ok = (b.role === 'institution') === (inst !== null) && (b.role === 'district') === (dist !== null);
  if (!ok) throw appError('users.binding_invalid', { role: b.role });
  if (dist !== null) {
    const found = await db.query('SELECT 1 FROM ref_district WHERE code = $1', [dist]);
    if (found.length === 0) throw appError('users.binding_invalid', { district_code: dist });
  }
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export async function usersRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const admin = app.authorize('admin');
  const state = deps.stores.state;

  app.post<{ Body: CreateUserBody }>(
    '/users',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Create a local account (admin)',
        body: createUserBodySchema,
        response: { 201: adminUserSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      await checkBinding(state, b);
      const problem = passwordProblem(b.username, b.password);
      if (problem) throw appError('auth.weak_password', { reason: problem });
      const row = await insertUser(
        state,
        {
          username: b.username,
          display_name: b.display_name,
          role: b.role,
          institution_code: b.institution_code ?? null,
          district_code: b.district_code ?? null,
          unit_id: b.unit_id ?? null,
          password_hash: await hashPassword(b.password),
          must_change_password: b.must_change_password,
        },
        deps.now(),
      );
      if (!row) throw appError('users.username_taken', { username: b.username });
      const view = adminUser(row);
      await request.audit({
        action: 'users.create',
        object_type: 'user',
        object_id: row.id,
        detail: { username: row.username, role: row.role, institution_code: row.institution_code },
      });
      return reply.code(201).send(view);
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    '/users',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'List accounts (admin)',
        querystring: { type: 'object', additionalProperties: false, properties: pagingQuerySchema },
        response: {
          200: pageSchema(adminUserSchema),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const { items, total } = await listUsers(state, limit, offset);
      return { items: items.map(adminUser), total, limit, offset };
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/users/:id/${verb}`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: `${verb === 'disable' ? 'Disable' : 'Enable'} an account (admin)`,
          params: idParams,
          response: { 200: okSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const row = await userById(state, request.params.id);
        if (!row) throw appError('users.not_found');
        if (disabled && row.id === request.user.id) throw appError('users.cannot_disable_self');
        await setDisabled(state, row.id, disabled, deps.now());
        if (disabled) await deleteUserSessions(state, row.id);
        await request.audit({ action: `users.${verb}`, object_type: 'user', object_id: row.id });
        return { ok: true };
      },
    );
  }

  app.post<{ Params: { id: string }; Body: { password: string } }>(
    '/users/:id/reset-password',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Set a new initial password; the user must change it at next login (admin)',
        params: idParams,
        body: {
          type: 'object',
          required: ['password'],
          additionalProperties: false,
          properties: { password: passwordSchema },
        },
        response: { 200: okSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await userById(state, request.params.id);
      if (!row) throw appError('users.not_found');
      const problem = passwordProblem(row.username, request.body.password);
      if (problem) throw appError('auth.weak_password', { reason: problem });
      await setPassword(state, row.id, await hashPassword(request.body.password), true, deps.now());
      await clearAccountFailures(state, row.id);
      await deleteUserSessions(state, row.id);
      await request.audit({ action: 'users.reset_password', object_type: 'user', object_id: row.id });
      return { ok: true };
    },
  );
}
