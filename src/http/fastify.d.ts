// Type augmentation of Fastify for fivefin: the authenticated user on the request, the auth decorators on the
// instance, and the route `config` flags the auth hook reads (see src/http/route-context.ts for how to use them).
import 'fastify';

import type { AuditEvent, AuthUser, Role } from './route-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user, or null (public route, or before authentication). */
    authUser: AuthUser | null;
    /** The authenticated user; reading it on an unauthenticated request throws a coded 401. */
    readonly user: AuthUser;
    /** Appends to the audit log with this request's user as actor and its client address. */
    audit(event: Omit<AuditEvent, 'actor' | 'ip'>): Promise<void>;
  }
  interface FastifyInstance {
    /** preHandler: requires a logged-in user (already enforced for every non-public /api route). */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler factory: requires a logged-in user whose role is one of `roles`. */
    authorize(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyContextConfig {
    /** The route needs no login (health, login, API docs). */
    public?: boolean;
    /** The route stays usable while the user must change the password, and by read-only users (logout, me…). */
    selfService?: boolean;
  }
}
