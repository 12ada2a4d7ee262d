// Public entry of the auth capability for other capabilities and the CLI.
export { requireUser } from './hook.ts';
export { DEFAULT_AUTH_POLICY, type AuthPolicy } from './policy.ts';
export {
  assertCanSeeDistrict,
  assertCanSeeInstitution,
  assertCanWrite,
  assertRole,
  scopeAllowsDistrict,
  scopeAllowsInstitution,
  scopeForUser,
  type Scope,
} from './scope.ts';
export { bootstrapAdmin, DEMO_PASSWORD, formatDemoLogins, seedDemoUsers, type DemoLogin } from './seed.ts';
