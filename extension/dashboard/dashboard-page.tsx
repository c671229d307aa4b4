/**
 * The coordinator's console (an extension page, `dashboard.html`): who is signed in decides what
 * it shows — coordinators and admins get the programme's analytics and administration, a
 * participant token gets an explanation. Screens are picked by the URL's hash (`#pulse`), so each
 * one can be linked to and reloaded.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Me, Org } from '../../shared';
import { ApiError } from '../lib/api';
import type { Filters } from './analytics-paths';
import { readCredentials, watchCredentials } from './credentials';
import { dashboardApi, type DashboardApi } from './dashboard-api';
import { Engagements } from './engagements';
import { ExtensionHealth } from './extension-health';
import { FiltersBar } from './filters-bar';
import { Forbidden, SignedOut, Unreachable } from './not-allowed';
import { OrgSettings } from './org-settings';
import { Overview } from './overview';
import { ParticipantsImport } from './participants-import';
import { People } from './people';
import { periodLabel, quarterOf, todayUtc } from './period';
import { Population } from './population';
import { Programmes } from './programmes';
import { Pulse } from './pulse';
import { Representation } from './representation';
import { SessionContext, type DashboardSession } from './session';
import { HatchDefs } from './suppression-note';
import { useLoad } from './use-load';

interface Screen {
  id: string;
  label: string;
  Component: ComponentType<{ filters: Filters }>;
  /** Analytics screens share the filter bar. */
  filtered?: boolean;
  adminOnly?: boolean;
}

export const screens: Screen[] = [
  { id: 'overview', label: 'Overview', Component: Overview, filtered: true },
  { id: 'representation', label: 'Representation', Component: Representation, filtered: true },
  { id: 'pulse', label: 'Pulse', Component: Pulse, filtered: true },
  { id: 'programmes', label: 'Programmes', Component: Programmes },
  { id: 'engagements', label: 'Engagements', Component: Engagements },
  { id: 'people', label: 'People & tokens', Component: People },
  { id: 'import', label: 'Import', Component: ParticipantsImport },
  { id: 'population', label: 'Population', Component: Population },
  { id: 'extension-health', label: 'Extension health', Component: ExtensionHealth },
  { id: 'settings', label: 'Settings', Component: OrgSettings, adminOnly: true },
];

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out' | 'refused' }
  | { kind: 'error'; message: string }
  | { kind: 'forbidden'; me: Me }
  | { kind: 'ready'; api: DashboardApi; me: Me };

export function DashboardPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void (async () => {
      const creds = await readCredentials();
      if (!creds) return current && setState({ kind: 'signed-out' });
      const api = dashboardApi(creds);
      try {
        const me = await api.me();
        if (!current) return;
        setState(me.role === 'participant' ? { kind: 'forbidden', me } : { kind: 'ready', api, me });
      } catch (err) {
        if (!current) return;
        if (err instanceof ApiError && err.status === 401) setState({ kind: 'refused' });
        else setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      current = false;
    };
  }, [attempt]);

  // Signing in or out in the options page (another tab) changes who this page acts for.
  useEffect(() => watchCredentials(() => setAttempt((a) => a + 1)), []);

  switch (state.kind) {
    case 'loading':
      return <main class="dashboard message" aria-busy="true" />;
    case 'signed-out':
    case 'refused':
      return <SignedOut reason={state.kind} />;
    case 'error':
      return <Unreachable message={state.message} onRetry={() => setAttempt((a) => a + 1)} />;
    case 'forbidden':
      return <Forbidden me={state.me} />;
    case 'ready':
      return <Console api={state.api} initialMe={state.me} />;
  }
}

const screenFromHash = () => location.hash.replace(/^#\/?/, '') || 'overview';

function Console({ api, initialMe }: { api: DashboardApi; initialMe: Me }) {
  const [me, setMe] = useState(initialMe);
  const programmes = useLoad(() => api.programmes(), []);
  const [screenId, setScreenId] = useState(screenFromHash);
  const [filters, setFilters] = useState<Filters>(() => ({
    programmeId: null,
    ...quarterOf(todayUtc(), initialMe.org.fiscalYearStartMonth),
  }));

  useEffect(() => {
    const onHash = () => setScreenId(screenFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const visible = screens.filter((s) => !s.adminOnly || me.role === 'admin');
  const screen = visible.find((s) => s.id === screenId) ?? visible[0]!;
  const session: DashboardSession = {
    api,
    me,
    setOrg: (org: Org) => setMe({ ...me, org }),
    programmes: programmes.value?.programmes ?? [],
    reloadProgrammes: programmes.reload,
  };
  const { Component } = screen;
  const host = new URL(api.apiUrl).host;

  return (
    <SessionContext.Provider value={session}>
      <HatchDefs />
      <header class="topbar">
        <div class="brand">
          <strong>Dyad</strong>
          <span class="org">{me.org.name}</span>
        </div>
        <span class="who muted" data-dyad="dashboard-signed-in-as" data-role={me.role}>
          {me.participant.displayName} · {me.role === 'admin' ? 'Admin' : 'Coordinator'} · {host}
        </span>
      </header>
      <nav class="tabs" aria-label="Dashboard">
        {visible.map((s) => (
          <a key={s.id} href={`#${s.id}`} data-dyad={`nav-${s.id}`} aria-current={s.id === screen.id ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      <main class="dashboard" data-dyad="dashboard" data-screen={screen.id}>
        {programmes.error && <p class="error">Could not load the programmes: {programmes.error}</p>}
        {screen.filtered && (
          <FiltersBar
            filters={filters}
            onChange={setFilters}
            programmes={session.programmes}
            fiscalYearStartMonth={me.org.fiscalYearStartMonth}
          />
        )}
        {screen.filtered && <span class="sr-only">{periodLabel(filters)}</span>}
        <Component key={screen.id} filters={filters} />
      </main>
    </SessionContext.Provider>
  );
}
