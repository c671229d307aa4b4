/**
 * What every screen of the dashboard shares: the API, who is signed in (with their organisation's
 * current settings), and the programmes (for filters, labels and forms).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, Org, Programme } from '../../shared';
import type { DashboardApi } from './dashboard-api';

/** Signing out of the console (console/console-session.ts). */
export interface Account {
  signOut(): Promise<void>;
  /** After the credential in use was revoked: back to the sign-in screen, asking the server nothing. */
  forget(): void;
}

export interface DashboardSession {
  api: DashboardApi;
  me: Me;
  account: Account;
  /** After the admin saves the settings. */
  setOrg: (org: Org) => void;
  programmes: Programme[];
  reloadProgrammes: () => void;
}

export const SessionContext = createContext<DashboardSession | null>(null);

export function useSession(): DashboardSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the dashboard');
  return session;
}
