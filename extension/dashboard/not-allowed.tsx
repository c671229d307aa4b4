/** What the console shows instead of the dashboard: a participant signed in, or a server it cannot reach. */
import type { Me } from '../../shared';
import type { DashboardApi } from './dashboard-api';
import { SessionContext, type Account } from './session';
import { SignedInAs } from './signed-in-as';
import { YourSignIns } from './your-sign-ins';

/**
 * A participant signed in: the dashboard is for coordinators and admins, and says why. They still
 * get what is theirs here: their own sign-ins, to revoke one (a lost laptop's extension).
 */
export function Forbidden({ api, me, session: account }: { api: DashboardApi; me: Me; session: Account }) {
  return (
    <SessionContext.Provider value={{ api, me, account, setOrg: () => undefined, programmes: [], reloadProgrammes: () => undefined }}>
      <header class="topbar">
        <div class="brand">
          <strong>Dyad</strong>
          <span class="org">{me.org.name}</span>
        </div>
        <SignedInAs current={null} />
      </header>
      <main class="dashboard message participant">
        <div class="card" data-dyad="dashboard-forbidden" role="alert">
          <h2>The dashboard is for programme coordinators and admins</h2>
          <p>
            You are signed in as <strong>{me.participant.displayName}</strong>, a <strong>participant</strong> in {me.org.name}'s
            programmes. You tag your own sessions, keep your notes and answer pulses in the Dyad extension, from your calendar and its
            popup; the programme's analytics and administration are not open to participants.
          </p>
          <p>
            This keeps everyone's data where it belongs: coordinators see figures about groups of at least {me.org.minGroupSize} people,
            never anyone's notes or answers, and participants see only their own.
          </p>
          <p>If you coordinate a programme, ask your Dyad admin to make you a coordinator, then sign in again.</p>
        </div>
        <YourSignIns />
      </main>
    </SessionContext.Provider>
  );
}

export function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <main class="dashboard message">
      <h1>Dyad console</h1>
      <div class="card" data-dyad="dashboard-error" role="alert">
        <h2>Could not load the console</h2>
        <p>{message}</p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}
