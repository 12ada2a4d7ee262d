// Contracts shared by every capability's HTTP routes: who is asking, and what a route plugin receives.
// Each capability exports `xxxRoutes: RoutesPlugin` from its own routes.ts; src/server assembles them.
import type { FastifyInstance } from 'fastify';

import type { Config } from '../config/config.ts';
import type { Stores } from '../platform/open.ts';

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

export interface AuditEvent {
  actor: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  detail?: Record<string, unknown>;
}

export interface RouteDeps {
  config: Config;
  stores: Stores;
  now(): Date;
  /** Appends to the append-only audit log. */
  audit(event: AuditEvent): Promise<void>;
}

export type RoutesPlugin = (app: FastifyInstance, deps: RouteDeps) => Promise<void>;
