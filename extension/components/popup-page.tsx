import { useState } from 'preact/hooks';
import { browser } from '#imports';
import type { Me } from '../../shared';
import { dayMs } from '../../shared/rules/days';
import { IcsImport } from '../features/ics-import';
import { consoleUrl } from '../lib/api-url';
import { send } from '../lib/send';
import { PendingPulses } from './pending-pulses';
import { SessionList } from './session-list';
import { SignedOut } from './signed-out';
import { SyncStatus } from './sync-status';
import { roleLabel } from './labels';
import { useLive } from './use-live';

/** The popup: pending pulses, next and recent sessions, the sync state, and .ics import. */
export function PopupPage() {
  const auth = useLive(() => send('auth.state', undefined));
  if (auth.error)
    return (
      <main class="dyad popup">
        <p class="error">{auth.error}</p>
      </main>
    );
  if (!auth.value) return <main class="dyad popup" />;
  if (!auth.value.signedIn) return <SignedOut lapsed={auth.value.lapsed} />;
  return <SignedIn me={auth.value.me} apiUrl={auth.value.apiUrl} />;
}

/** How far back Recent looks at first, and how much further each "Earlier" goes. */
const recentDays = 30;
const recentShown = 5;

function SignedIn({ me, apiUrl }: { me: Me; apiUrl: string }) {
  // Pages back: each "Earlier" looks another 30 days back (fetched from the API beyond the local copy's dates).
  const [pages, setPages] = useState(1);
  const [loadedAt] = useState(() => Date.now());
  const back = pages * recentDays;
  const sessions = useLive(
    () =>
      send(
        'sessions.list',
        pages === 1
          ? {}
          : { from: new Date(loadedAt - back * dayMs).toISOString(), to: new Date(loadedAt + recentDays * dayMs).toISOString() },
      ),
    [pages],
  );
  const pending = useLive(() => send('pulse.pending', undefined));
  const sync = useLive(() => send('sync.state', undefined));
  const engagements = useLive(() => send('engagements.list', undefined));
  const lastUsed = useLive(() => send('engagements.lastUsed', undefined));
  const meId = me.participant.id;
  const list = engagements.value ?? [];

  const now = new Date().toISOString();
  const all = sessions.value ?? [];
  const next = all.filter((s) => s.endsAt >= now && s.status === 'held').slice(0, 5);
  const past = all.filter((s) => s.endsAt < now).reverse();
  // The first page shows the latest five; once the leader pages back, every session of the dates.
  const recent = pages === 1 ? past.slice(0, recentShown) : past;
  const staff = me.role === 'coordinator' || me.role === 'admin';

  return (
    <main class="dyad popup">
      <header>
        <h1>Dyad</h1>
        <span class="muted" data-dyad="popup-signed-in-as">
          {me.participant.displayName} · {roleLabel[me.role]}
        </span>
        {staff && (
          // Coordinators and admins run the programme from the console the Worker serves (they sign in there too).
          <a data-dyad="dashboard-link" href={consoleUrl(apiUrl, me.org.slug)} target="_blank" rel="noopener">
            Dashboard
          </a>
        )}
      </header>
      {sessions.error && <p class="error">{sessions.error}</p>}
      <PendingPulses
        sessions={pending.value ?? []}
        engagements={list}
        meId={meId}
        onAnswer={(sessionId, value) => void send('pulse.answer', { sessionId, value }).then(pending.reload, () => pending.reload())}
      />
      <SessionList heading="Next" sessions={next} engagements={list} meId={meId} empty="No upcoming tagged session." />
      <SessionList
        heading="Recent"
        sessions={recent}
        engagements={list}
        meId={meId}
        empty={`No tagged session in the last ${back} days.`}
      />
      <button type="button" class="link" data-dyad="recent-earlier" onClick={() => setPages((p) => p + 1)}>
        {pages === 1 && past.length > recentShown ? 'Show all, and earlier' : `Earlier (before the last ${back} days)`}
      </button>
      {sync.value && <SyncStatus sync={sync.value} onRetry={() => send('sync.flush', undefined).then(sync.reload)} />}
      <IcsImport engagements={list} meId={meId} lastUsed={lastUsed.value ?? null} />
      <footer>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </footer>
    </main>
  );
}
