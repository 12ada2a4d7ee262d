// The one place every API route's role check comes from (issue 13 item 5): method and path (OpenAPI style)
// → who may call it. The auth hook (src/auth/hook.ts) enforces it on every request before the body is read,
// and refuses at start-up to register an /api route that has no entry here, so a new route cannot be served
// without a decision. Data scoping (which bank or district a user sees) stays in the handlers
// (src/auth/scope.ts); this table says only which roles may call the route at all.
import type { Role } from './route-context.ts';

/** public: no session needed; any: every logged-in role; else the roles allowed. */
export type Access = 'public' | 'any' | readonly Role[];

const ADMIN = ['admin'] as const;
const COORD = ['admin', 'regulator'] as const;
const READERS = ['admin', 'regulator', 'auditor'] as const;
/** Roles that may see bank-level rows (district users may not). */
const BANK_ROWS = ['admin', 'regulator', 'auditor', 'institution'] as const;
/** Roles that file promotion reports for their own unit (ownership checked by the promote service). */
const FILERS = ['admin', 'regulator', 'institution', 'district'] as const;

export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/me': 'any',
  'POST /api/auth/change-password': 'any',
  'POST /api/users': ADMIN,
  'GET /api/users': ADMIN,
  'POST /api/users/{id}/disable': ADMIN,
  'POST /api/users/{id}/enable': ADMIN,
  'POST /api/users/{id}/reset-password': ADMIN,
  'GET /api/audit': ['admin', 'auditor'],
  'POST /api/loans/submissions': ['admin', 'regulator', 'institution'],
  'POST /api/loans/exits': ['admin', 'regulator', 'institution'],
  'GET /api/loans/submissions': BANK_ROWS,
  'GET /api/loans/submissions/{id}': BANK_ROWS,
  'GET /api/loans/submissions/{id}/report.json': BANK_ROWS,
  'GET /api/loans/submissions/{id}/report.csv': BANK_ROWS,
  'GET /api/loans/submissions/{id}/report.xlsx': BANK_ROWS,
  'POST /api/loans/submissions/{id}/explanation': ['admin', 'institution'],
  'POST /api/loans/submissions/{id}/review': ['admin', 'regulator'],
  'GET /api/loans/institutions': 'any',
  'GET /api/loans/template.xlsx': 'any',
  'POST /api/registry/imports': COORD,
  'GET /api/registry/lists': COORD,
  'POST /api/registry/lists/{scheme}/imports': COORD,
  // The official series (DATA-SPEC §5): imported by the statistics division, read with the city-wide figures.
  'POST /api/official/imports': COORD,
  'GET /api/official/imports': READERS,
  'GET /api/official/reconciliation': READERS,
  'GET /api/stats/periods': 'any',
  'GET /api/stats/overview': 'any',
  'GET /api/stats/release': 'any',
  'GET /api/stats/figures': 'any',
  'GET /api/stats/rankings': 'any',
  'GET /api/stats/targets': 'any',
  'GET /api/stats/history': 'any',
  'GET /api/stats/drill': 'any',
  'GET /api/stats/loans/{institution}/{loan_id}/explain': BANK_ROWS,
  'GET /api/stats/reconciliation': BANK_ROWS,
  'GET /api/stats/reconciliation/summary': BANK_ROWS,
  'GET /api/stats/report.xlsx': READERS,
  'POST /api/stats/restatements': COORD,
  // City-wide figures without scoping: the statistics division and auditors only.
  'GET /api/stats/restatements': READERS,
  'GET /api/stats/restatements/{id}/replaced': READERS,
  'GET /api/stats/lines': READERS,
  'GET /api/assess/config': 'any',
  'PUT /api/assess/config': ADMIN,
  'GET /api/assess/config/versions': 'any',
  'PUT /api/assess/qualitative': COORD,
  'POST /api/assess/runs': COORD,
  'GET /api/assess/runs/{period}': 'any',
  'GET /api/assess/runs/{period}/{kind}/{code}': 'any',
  'GET /api/assess/history/{kind}/{code}': 'any',
  'POST /api/assess/runs/{period}/what-if': 'any',
  'GET /api/assess/runs/{period}/export.xlsx': 'any',
  'GET /api/promote/measures': 'any',
  'GET /api/promote/units': 'any',
  'POST /api/promote/units/seed': COORD,
  'GET /api/promote/matrix': 'any',
  'GET /api/promote/my-tasks': 'any',
  'GET /api/promote/measures/{no}/page': 'any',
  'GET /api/promote/districts/{code}': 'any',
  'POST /api/promote/items': COORD,
  'GET /api/promote/items/{id}': 'any',
  'PUT /api/promote/items/{id}/reports/{quarter}': FILERS,
  'POST /api/promote/reports/{id}/review': COORD,
  'POST /api/promote/reports/{id}/attachments': FILERS,
  'GET /api/promote/attachments/{id}': 'any',
  'POST /api/promote/carry-over': COORD,
  'GET /api/promote/notices': 'any',
  'POST /api/promote/notices/{id}/read': 'any',
  // The city's progress report carries every unit's narratives: coordinators and auditors only.
  'GET /api/promote/report': READERS,
  'PUT /api/promote/report/sections': FILERS,
};

/** The table key of a route: `GET /api/x/{id}` for Fastify's `/api/x/:id` (HEAD is checked as GET). */
export function accessKey(method: string, url: string): string {
  const m = method === 'HEAD' ? 'GET' : method;
  return `${m} ${url.replaceAll(/:(\w+)/g, '{$1}')}`;
}

/** The access of a route in a table (default ROUTE_ACCESS), or undefined when it has no entry. */
export function accessOf(
  method: string,
  url: string,
  table: Readonly<Record<string, Access>> = ROUTE_ACCESS,
): Access | undefined {
  return table[accessKey(method, url)];
}

/** Whether a role may call a route with this access. */
export function roleMayCall(access: Access, role: Role): boolean {
  return access === 'public' || access === 'any' || access.includes(role);
}
