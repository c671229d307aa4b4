/**
 * The coordinator's dashboard, once someone on the staff is signed in to the console
 * (console/console-app.tsx decides who gets it): the programme's analytics and administration.
 * Screens are picked by the URL's hash (`#pulse`), so each one can be linked to and reloaded.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Me, Org } from '../../shared';
import type { Filters } from './analytics-paths';
import { AuditLog } from './audit-log';
import type { DashboardApi } from './dashboard-api';
import { Engagements } from './engagements';
import { ExtensionHealth } from './extension-health';
import { FiltersBar } from './filters-bar';
import { Overview } from './overview';
import { ParticipantsImport } from './participants-import';
import { People } from './people';
import { periodLabel, quarterOf, todayUtc } from './period';
import { Population } from './population';
import { Programmes } from './programmes';
import { Pulse } from './pulse';
import { Representation } from './representation';
import { SessionContext, type Account, type DashboardSession } from './session';
import { Settings } from './settings';
import { SignedInAs } from './signed-in-as';
import { HatchDefs } from './suppression-note';
import { useLoad } from './use-load';
import { YourSignIns } from './your-sign-ins';

interface Screen {
  id: string;
  label: string;
  Component: ComponentType<{ filters: Filters }>;
  /** Analytics screens share the filter bar. */
  filtered?: boolean;
  adminOnly?: boolean;
  /** Reached from the top bar (the person's own things), not a tab. */
  own?: boolean;
}

export const screens: Screen[] = [
  { id: 'overview', label: 'Overview', Component: Overview, filtered: true },
  { id: 'representation', label: 'Representation', Component: Representation, filtered: true },
  { id: 'pulse', label: 'Pulse', Component: Pulse, filtered: true },
  { id: 'programmes', label: 'Programmes', Component: Programmes },
  { id: 'engagements', label: 'Engagements', Component: Engagements },
  { id: 'people', label: 'People', Component: People },
  { id: 'import', label: 'Import', Component: ParticipantsImport },
  { id: 'population', label: 'Population', Component: Population },
  { id: 'extension-health', label: 'Extension health', Component: ExtensionHealth },
  { id: 'settings', label: 'Settings', Component: Settings, adminOnly: true },
  { id: 'audit', label: 'Audit log', Component: AuditLog, adminOnly: true },
  { id: 'sign-ins', label: 'Your sign-ins', Component: YourSignIns, own: true },
];

const screenFromHash = () => location.hash.replace(/^#\/?/, '') || 'overview';

export function Dashboard({ api, initialMe, session: account }: { api: DashboardApi; initialMe: Me; session: Account }) {
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
    account,
    setOrg: (org: Org) => setMe({ ...me, org }),
    programmes: programmes.value?.programmes ?? [],
    reloadProgrammes: programmes.reload,
  };
  const { Component } = screen;

  return (
    <SessionContext.Provider value={session}>
      <HatchDefs />
      <header class="topbar">
        <div class="brand">
          <strong>Dyad</strong>
          <span class="org">{me.org.name}</span>
        </div>
        <SignedInAs current={screen.id} />
      </header>
      <nav class="tabs" aria-label="Dashboard">
        {visible
          .filter((s) => !s.own)
          .map((s) => (
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
