/** What the dashboard says instead of itself: nobody signed in, a refused token, or a participant's token. */
import { browser } from '#imports';
import type { Me } from '../../shared';

const openOptions = () => void browser.runtime.openOptionsPage();

/** A participant token: the dashboard is for coordinators and admins, and says why. */
export function Forbidden({ me }: { me: Me }) {
  return (
    <main class="dashboard message">
      <h1>Dyad dashboard</h1>
      <div class="card" data-dyad="dashboard-forbidden" role="alert">
        <h2>This dashboard is for programme coordinators and admins</h2>
        <p>
          You are signed in as <strong>{me.participant.displayName}</strong> with a <strong>participant</strong> token for {me.org.name}. A
          participant token lets you tag your own sessions, keep your notes and answer pulses, from the calendar and the Dyad popup; it
          cannot open the programme's analytics or administration.
        </p>
        <p>
          This keeps everyone's data where it belongs: coordinators see figures about groups of at least {me.org.minGroupSize} people, never
          anyone's notes or answers, and participants see only their own.
        </p>
        <p>If you coordinate a programme, ask your Dyad admin for a coordinator token, then sign in with it on the options page.</p>
        <button type="button" onClick={openOptions}>
          Open options
        </button>
      </div>
    </main>
  );
}

export function SignedOut({ reason }: { reason: 'signed-out' | 'refused' }) {
  return (
    <main class="dashboard message">
      <h1>Dyad dashboard</h1>
      <div class="card" data-dyad="dashboard-signed-out" role="alert">
        <h2>{reason === 'refused' ? 'The API refused the saved token' : 'Sign in to open the dashboard'}</h2>
        <p>
          {reason === 'refused'
            ? 'It may have been revoked. Sign in again on the options page with a coordinator or admin token.'
            : 'Sign in on the options page with the API URL and a coordinator or admin token.'}
        </p>
        <button type="button" onClick={openOptions}>
          Open options
        </button>
      </div>
    </main>
  );
}

export function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <main class="dashboard message">
      <h1>Dyad dashboard</h1>
      <div class="card" data-dyad="dashboard-error" role="alert">
        <h2>Could not load the dashboard</h2>
        <p>{message}</p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}
