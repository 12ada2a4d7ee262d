// Contracts shared by every capability's HTTP routes: who is asking, and what a route plugin receives.
// Each capability exports `xxxRoutes: RoutesPlugin` from its own routes.ts; src/server assembles them.
//
// How a route plugin works with the platform (details in docs/api.md):
// - Plugins are registered under the prefix `/api`: a plugin declaring `app.get('/loans', …)` serves `/api/loans`.
// - Deny by default: every route needs a logged-in user unless it declares `config: { public: true }`. The auth
//   hook runs on onRequest (before body parsing and validation), so `request.user: AuthUser` is set in every
//   handler and preHandler of a non-public route. `{ preHandler: app.authenticate }` is accepted but redundant.
// - Roles: `{ preHandler: app.authorize('admin', 'regulator') }`. Writes: auditors are read-only — every
//   non-GET/HEAD route refuses them (403 auth.read_only) unless it declares `config: { selfService: true }`.
// - Users who must change their password get 403 auth.password_change_required on every route except those
//   declaring `config: { selfService: true }` (change-password, logout, me).
// - Data scoping: `scopeForUser(request.user)` from src/auth/scope.ts gives the scope to pass to query functions;
//   `assertCanSeeInstitution/District(user, code)` and `assertCanWrite(user)` throw coded 403s.
// - Errors: throw `appError(code, details)` (src/http/errors.ts) or `new AppError(code, def)` with a def from the
//   capability's own catalog; every route declares request and response JSON schemas (errorResponses(...)).
import type { FastifyInstance } from 'fastify';

import type { Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';

export const ROLES = ['admin', 'regulator', 'institution', 'district', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated user of a request. institution/district roles are bound to one code. */
export interface AuthUser {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** Set for role = institution: the only institution whose rows this user may see. */
  institution_code: string | null;
  /** Set for role = district: the only district whose figures this user may see. */
  district_code: string | null;
  /** For promote: the responsible unit this user reports for (e.g. '市科技局', a district, a bank), if any. */
  unit_id: string | null;
}

/** One audit-log entry. `actor` is the acting user's username (null for the system or an anonymous client). */
export interface AuditEvent {
  actor: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  detail?: Record<string, unknown>;
  /** Client address; `request.audit(...)` fills it (and the actor) from the request. */
  ip?: string | null;
}

export interface RouteDeps {
  config: Config;
  stores: Stores;
  now(): Date;
  /** Appends to the append-only audit log. */
  audit(event: AuditEvent): Promise<void>;
}

export type RoutesPlugin = (app: FastifyInstance, deps: RouteDeps) => Promise<void>;
