// The logged-in user and the session context shared by the pages.
import { createContext, useContext } from 'react';

import type { Role, User } from './types.ts';

export interface SessionValue {
  user: User;
  setUser(u: User | null): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

/** Roles that see city-wide figures (every district and bank). */
export function seesAll(role: Role): boolean {
  return role === 'admin' || role === 'regulator' || role === 'auditor';
}
