/**
 * The coordinator's console (`<worker>/console/`, served by the Worker from its static assets) in
 * real Chromium against the real Worker, with the demo organisation (`npm start`'s): the figures
 * shown are the API's, a filter change follows through, a table downloads as the API's CSV, a
 * participants import shows its bad row and then imports, an engagement is created (a too-short
 * rotation refused first), and an invitation made on People signs a leader in on a profile of
 * their own — where the console explains the dashboard is not theirs — and then shows as used.
 * Each person signs in through an invitation link — and a coordinator once through a real OpenID
 * provider on 127.0.0.1 (worker/dev/oidc-provider.ts), PKCE and all; their sign-ins can be revoked on "Your
 * sign-ins"; an admin reads the audit log and the identity providers. Every screen is
 * photographed at 1280 × 800 and 1024 × 768 (test-results/e2e/console-*.png) and checked for
 * horizontal overflow, and no page may trip the console's Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Alerts,
  AuditPage,
  IdentityProvider,
  MemberRole,
  Me,
  Org,
  Engagement,
  EngagementAnalytics,
  Invitation,
  MyCredentials,
  Participant,
  Programme,
  Representation,
} from '../../shared';
import { analyticsPath, type Filters } from '../../extension/dashboard/analytics-paths';
import { releaseLabel } from '../../extension/dashboard/period';
import { personOption } from '../../extension/dashboard/labels';
import { formatPercent, showFigure } from '../../extension/dashboard/figures';
import { ConsoleBrowser, openConsole } from './console-browser';
import { logInAtProvider, startIdentityProvider } from './identity-provider';
import { apiText, overflow, screenReady, screenshot, seedDemo, settled, viewports, type DemoOrg } from './dashboard-support';
import { apiClient, LocalWorker, until } from './harness';

let worker: LocalWorker;
let browser: ConsoleBrowser;
let demo: DemoOrg;
/** The demo's coordinator and admin, each signed in to the console in a profile of their own. */
let asCoordinator: BrowserContext;
let asAdmin: BrowserContext;
let org: Org;

beforeAll(async () => {
  worker = await LocalWorker.start();
  demo = await seedDemo(worker);
  org = (await demo.api.admin.get<Me>('/v1/me')).org;
  browser = await ConsoleBrowser.launch(worker.url);
  asCoordinator = await browser.signedIn(demo.api.admin, demo.data.people.coordinator.id);
  asAdmin = await browser.signedIn(demo.api.admin, demo.data.people.admin.id);
});

afterEach(async () => {
  for (const context of [asCoordinator, asAdmin]) for (const page of context?.pages() ?? []) await page.close();
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

/** The console on `screen`, as the coordinator (or whoever `context` is signed in as). */
const openDashboard = (screen = 'overview', viewport: { width: number; height: number } = viewports.laptop, context = asCoordinator) =>
  openConsole(context, worker.url, screen, viewport);

const figure = (page: Page, name: string) => page.locator(`[data-dyad="figure-${name}"] [data-dyad="figure-value"]`);
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

const sessionStorageKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage));

/** The filters the page shows, as the API query they stand for. */
async function filtersOf(page: Page): Promise<Filters> {
  return {
    programmeId: (await page.locator('[data-dyad="filter-programme"]').inputValue()) || null,
    from: await page.locator('[data-dyad="filter-from"]').inputValue(),
    to: await page.locator('[data-dyad="filter-to"]').inputValue(),
  };
}

/** What the overview's four headline figures should read, from the API's own answer. */
function expectedFigures(a: EngagementAnalytics) {
  return {
    'active-engagements': String(a.totals.activeEngagements),
    sessions: String(a.totals.sessionsHeld),
    commitment: showFigure(a.totals.commitmentMetRate, formatPercent).text,
    'response-rate': showFigure(a.totals.pulseResponseRate, formatPercent).text,
  };
}

async function shownFigures(page: Page) {
  const out: Record<string, string> = {};
  for (const name of ['active-engagements', 'sessions', 'commitment', 'response-rate'])
    out[name] = ((await figure(page, name).textContent()) ?? '').trim();
  return out;
}

/** Waits until the overview shows what the API answers for its current filters; returns that answer. */
async function overviewMatchesApi(page: Page): Promise<EngagementAnalytics> {
  return until(
    async () => {
      const filters = await filtersOf(page);
      const api = await demo.api.coordinator.get<EngagementAnalytics>(analyticsPath('engagement', filters));
      const shown = await shownFigures(page);
      return JSON.stringify(shown) === JSON.stringify(expectedFigures(api)) ? api : undefined;
    },
    { what: 'the overview to show the API figures' },
  );
}

describe('the overview', () => {
  it("shows the API's figures and alerts, and follows a change of programme and period", async () => {
    const page = await openDashboard('overview');
    await page.locator('[data-dyad="chart-sessions"]').waitFor();

    const all = await overviewMatchesApi(page);
    expect(all.totals.activeEngagements).toBeGreaterThan(0);
    expect(all.totals.sessionsHeld).toBeGreaterThan(0);
    const alerts = await demo.api.coordinator.get<Alerts>('/v1/analytics/alerts');
    await page.locator('[data-dyad="alert-row"]').first().waitFor();
    expect(await page.locator('[data-dyad="alert-row"]').count()).toBe(alerts.alerts.length);
    expect(await text(page, '[data-dyad="alert-row"] [data-dyad="alert-days"]')).toBe(`${alerts.alerts[0]!.daysSinceLastSession} days`);
    // The sessions chart draws the API's monthly totals.
    const bars = await page
      .locator('[data-dyad="chart-sessions"] [data-month]')
      .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-month'), Number(g.getAttribute('data-total'))]));
    expect(bars).toEqual(all.byMonth.map((m) => [m.month, m.sessionsHeld]));
    // And the health chart the API's health counts.
    const health = await page
      .locator('[data-dyad="chart-health"] [data-health]')
      .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-health'), Number(g.getAttribute('data-count'))]));
    expect(Object.fromEntries(health)).toEqual(all.totals.health);

    const { programmes } = await demo.api.coordinator.get<{ programmes: Programme[] }>('/v1/programmes');
    const circle = programmes.find((p) => p.kind === 'classic')!;
    await page.locator('[data-dyad="filter-programme"]').selectOption(circle.id);
    const one = await overviewMatchesApi(page);

    expect(one.programmeId).toBe(circle.id);
    expect(one.totals.activeEngagements).toBeLessThan(all.totals.activeEngagements);

    await page.locator('[data-dyad="filter-preset-previous-quarter"]').click();
    const previous = await overviewMatchesApi(page);

    expect(previous.period.from < all.period.from).toBe(true);
    await settled(page);
    await screenshot(page, 'dashboard-overview-filtered-1280');
  });

  it('lists the engagements most in need first, a page at a time, as the API pages them', async () => {
    const page = await openDashboard('overview');
    await screenReady(page, '[data-dyad="engagement-row"]');
    const filters = await filtersOf(page);
    const shown = () =>
      page.locator('[data-dyad="engagement-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-engagement')));
    const pages = [await demo.api.coordinator.get<EngagementAnalytics>(analyticsPath('engagement', filters))];
    while (pages.at(-1)!.nextCursor)
      pages.push(
        await demo.api.coordinator.get<EngagementAnalytics>(analyticsPath('engagement', filters, { cursor: pages.at(-1)!.nextCursor })),
      );
    const all = pages.flatMap((p) => p.engagements);
    expect(pages.length).toBeGreaterThan(1); // the demo has more engagements than a page holds
    expect(all.map((r) => r.health).indexOf('lapsed')).toBe(0);

    expect(await shown()).toEqual(pages[0]!.engagements.map((r) => r.engagementId));
    for (let i = 1; i < pages.length; i++) {
      const before = (await shown()).length;
      await page.locator('[data-dyad="engagements-more"]').click();
      await page
        .locator('[data-dyad="engagement-row"]')
        .nth(before + pages[i]!.engagements.length - 1)
        .waitFor();
    }

    expect(await shown()).toEqual(all.map((r) => r.engagementId));
    expect(all).toHaveLength(pages[0]!.engagementCount);
    expect(await text(page, '[data-dyad="engagements-shown"]')).toBe(`${all.length} of ${all.length} shown`);
    expect(await page.locator('[data-dyad="engagements-more"]').count()).toBe(0);
    await settled(page);
    await screenshot(page, 'dashboard-overview-engagements-1280');
  });

  it("downloads a table as the API's CSV for the same filters", async () => {
    const page = await openDashboard('overview');
    await page.locator('[data-dyad="csv-programmes"]').waitFor();
    const filters = await filtersOf(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-dyad="csv-programmes"]').click()]);
    const saved = readFileSync((await download.path())!, 'utf8');

    const fromApi = await apiText(
      worker.url,
      demo.tokens.coordinator,
      analyticsPath('engagement', filters, { table: 'programmes' }, 'csv'),
    );
    expect(saved).toBe(fromApi);
    expect(saved.split('\n')[0]).toContain('programmeId,programme,kind,sessionsHeld');
    expect(download.suggestedFilename()).toBe(`dyad-engagement-programmes-${filters.from}-to-${filters.to}.csv`);
  });
});

describe('representation', () => {
  it('draws each group as the API computes it: suppressed groups hatched, adverse impact highlighted', async () => {
    const page = await openDashboard('representation');
    await page.locator('[data-dyad="chart-representation"]').waitFor();
    await page.locator('[data-dyad="filter-preset-twelve-months"]').click();
    await page.locator('[data-dyad="filter-dimension"]').selectOption('ethnicity');
    await page.locator('[data-dyad="filter-role"]').selectOption('');
    const filters = await filtersOf(page);
    const ask = (f: Filters, role: MemberRole | null = null) =>
      demo.api.coordinator.get<Representation>(analyticsPath('representation', f, { dimension: 'ethnicity', role }));
    const asked = await ask(filters);
    // Twelve months to today end in a quarter not yet released: the screen shows the latest
    // released quarter (the API's answer without dates) and says when the asked one appears.
    expect(asked.disclosure.released).toHaveLength(0);
    expect(asked.disclosure.pending).toHaveLength(1);
    const api = await ask({ ...filters, from: '', to: '' });
    expect(api.disclosure.released).toHaveLength(1);

    const rows = await until(
      async () => {
        const drawn = await page
          .locator('[data-dyad="chart-representation"] [data-group]')
          .evaluateAll((gs) =>
            gs.map((g) => [g.getAttribute('data-group'), g.getAttribute('data-suppressed'), g.getAttribute('data-adverse')]),
          );
        const expected = api.groups.map((g) => [g.group, String(g.suppressed), String(g.adverseImpact === true)]);
        if (JSON.stringify(drawn) !== JSON.stringify(expected))
          throw new Error(`drawn ${JSON.stringify(drawn)}, the API has ${JSON.stringify(expected)}`);
        return drawn;
      },
      { what: 'the chart to draw the API groups' },
    );

    expect(rows.length).toBeGreaterThan(0);
    for (const g of api.groups.filter((x) => x.suppressed)) {
      const row = page.locator(`[data-dyad="chart-representation"] [data-group="${g.group}"]`);
      expect(await row.locator('rect[fill="url(#dyad-hatch)"]').count()).toBeGreaterThan(0);
      expect(await row.locator('.bar-share').count()).toBe(0);
    }
    if (api.groups.some((g) => g.suppressed))
      expect(await text(page, '[data-dyad="suppression-note"]')).toContain(`k = ${api.minGroupSize}`);
    expect(await page.locator('[data-dyad="chart-representation"] line.four-fifths').count()).toBe(1);
    expect(await text(page, '[data-dyad="disclosure-pending"]')).toContain(releaseLabel(asked.disclosure.pending[0]!));
    await screenshot(page, 'dashboard-representation-ethnicity-1280');

    // Eight advisors can never clear k + margin in every group: the whole result is withheld, not drawn.
    const advisors = await ask({ ...filters, from: '', to: '' }, 'advisor');
    expect(advisors.suppressed).toBe(true);
    await page.locator('[data-dyad="filter-role"]').selectOption('advisor');
    await page.locator('[data-dyad="representation-withheld"]').waitFor();
    expect(await page.locator('[data-dyad="chart-representation"]').count()).toBe(0);
    await screenshot(page, 'dashboard-representation-ethnicity-advisors-1280');
  });
});

describe('administration', () => {
  it('imports a participants CSV: shows the bad row, and imports once it is fixed', async () => {
    const tag = Date.now().toString(36);
    const bad = [
      'displayName,email,level,function,region,attr:gender',
      `Imani Mwangi,imani.${tag}@northwind.example,senior,Finance,EMEA,woman`,
      `Jonas Berg,jonas.${tag}@northwind,mid,Sales,EMEA,man`,
      `Keiko Sato,keiko.${tag}@northwind.example,early,Engineering,APAC,woman`,
    ].join('\n');
    const page = await openDashboard('import');

    await page.locator('[data-dyad="import-file"]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await until(async () => ((await page.locator('[data-dyad="import-text"]').inputValue()) === bad ? true : undefined), {
      what: 'the file to load',
    });
    await page.locator('[data-dyad="import-check"]').click();
    const errorRow = page.locator('[data-dyad="import-row-error"]');
    await errorRow.waitFor();

    expect(await errorRow.count()).toBe(1);
    expect(await errorRow.getAttribute('data-row')).toBe('3');
    expect(await errorRow.locator('.problem').textContent()).toMatch(/^email: /);
    expect(await page.locator('[data-dyad="import-commit"]').count()).toBe(0);
    expect((await demo.api.coordinator.get<{ total: number }>(`/v1/participants?q=${tag}`)).total).toBe(0);
    await screenshot(page, 'dashboard-import-error-1280');

    await page.locator('[data-dyad="import-text"]').fill(bad.replace(`jonas.${tag}@northwind,`, `jonas.${tag}@northwind.example,`));
    await page.locator('[data-dyad="import-check"]').click();
    await page.locator('[data-dyad="import-commit"]').waitFor();
    expect(await text(page, '[data-dyad="import-summary"]')).toContain('3 to add');
    await page.locator('[data-dyad="import-commit"]').click();
    await page.locator('[data-dyad="import-done"]').waitFor();

    expect(await text(page, '[data-dyad="import-done"]')).toBe('Imported: 3 added, 0 updated.');
    const imported = await demo.api.coordinator.get<{ participants: Participant[] }>(`/v1/participants?q=${tag}`);
    expect(imported.participants.map((p) => p.displayName).sort()).toEqual(['Imani Mwangi', 'Jonas Berg', 'Keiko Sato']);
  });

  it('creates an engagement, refusing a three-day rotation next to its end date first', async () => {
    const tag = Date.now().toString(36);
    const rotator = await demo.api.coordinator.post<Participant>('/v1/participants', {
      displayName: 'Lina Haddad',
      email: `lina.${tag}@northwind.example`,
    });
    const host = await demo.api.coordinator.post<Participant>('/v1/participants', {
      displayName: 'Mateo Rossi',
      email: `mateo.${tag}@northwind.example`,
    });
    const { programmes } = await demo.api.coordinator.get<{ programmes: Programme[] }>('/v1/programmes');
    const rotations = programmes.find((p) => p.kind === 'rotation')!;
    const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const day = (n: number) => new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const page = await openDashboard('engagements');
    const form = page.locator('[data-dyad="form-engagement"]');

    await form.locator('[name="programmeId"]').selectOption(rotations.id);
    await form.locator('[name="members.0.person"]').fill(personOption(rotator));
    await form.locator('[name="members.1.person"]').fill(personOption(host));
    await form.locator('[name="startsOn"]').fill(start);
    await form.locator('[name="endsOn"]').fill(day(2));
    await form.locator('button[type="submit"]').click();
    const endError = form.locator('.field:has([name="endsOn"]) [data-dyad="field-error"]');
    await endError.waitFor();

    expect(await endError.textContent()).toBe('A rotation lasts 7 to 42 days; this one lasts 3');
    await screenshot(page, 'dashboard-engagement-error-1280');

    await form.locator('[name="endsOn"]').fill(day(13));
    await form.locator('[name="objectives"]').fill('Ship one supply-chain improvement');
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-dyad="engagement-created"]').waitFor();

    const { engagements } = await demo.api.coordinator.get<{ engagements: Engagement[] }>(`/v1/engagements?programmeId=${rotations.id}`);
    const created = engagements.find((e) => e.members.some((m) => m.participantId === rotator.id));
    expect(created).toMatchObject({
      startsOn: start,
      endsOn: day(13),
      status: 'active',
      objectives: ['Ship one supply-chain improvement'],
    });
    expect(created!.members.map((m) => [m.displayName, m.role]).sort()).toEqual([
      ['Lina Haddad', 'rotator'],
      ['Mateo Rossi', 'host'],
    ]);
  });

  it('invites a leader from People: the link, shown once, signs them in on their own profile, where the console explains it is not theirs; the invitation then shows as used', async () => {
    const tag = Date.now().toString(36);
    const leader = await demo.api.coordinator.post<Participant>('/v1/participants', {
      displayName: 'Nadia Petrova',
      email: `nadia.${tag}@northwind.example`,
      level: 'executive',
    });
    const page = await openDashboard('people');

    await page.locator('[data-dyad="people-search"]').fill(leader.email);
    await page.locator(`[data-participant="${leader.id}"] [data-dyad="person-open"]`).click();
    expect(await page.locator('[data-dyad="person-role"]').getAttribute('data-role')).toBe('participant');
    await page.locator('[data-dyad="form-invitation"] button[type="submit"]').click();
    await page.locator('[data-dyad="invitation-link"]').waitFor();
    const link = await text(page, '[data-dyad="invitation-link"]');
    const message = await page.locator('[data-dyad="invitation-text"]').inputValue();

    expect(link).toMatch(new RegExp(`^${worker.url}/console/#invite=[A-Za-z0-9._~-]+$`));
    expect(message).toContain(link);
    expect(message).toContain('Install the Dyad extension');
    await page.locator('[data-dyad="invitation-list"] [data-status="pending"]').waitFor();
    await settled(page);
    await screenshot(page, 'console-invitation-issued-1280');
    await page.setViewportSize(viewports.narrow);
    await screenshot(page, 'console-invitation-issued-1024');
    expect(await overflow(page)).toEqual({ by: 0, culprits: [] });

    const theirs = await browser.profile();
    try {
      const arrived = await theirs.newPage();
      await arrived.setViewportSize(viewports.laptop);
      await arrived.goto(link);
      const forbidden = arrived.locator('[data-dyad="dashboard-forbidden"]');
      await forbidden.waitFor();

      expect(await forbidden.textContent()).toContain('The dashboard is for programme coordinators and admins');
      expect(await forbidden.textContent()).toContain('Nadia Petrova');
      expect(new URL(arrived.url()).hash).toBe(''); // the code left the address bar
      expect(await arrived.locator('[data-dyad="dashboard"]').count()).toBe(0);
      await arrived.locator('[data-dyad="credential-current"]').waitFor();
      await settled(arrived);
      await screenshot(arrived, 'console-forbidden-1280');
      expect(await overflow(arrived)).toEqual({ by: 0, culprits: [] });
      await arrived.setViewportSize(viewports.narrow);
      await screenshot(arrived, 'console-forbidden-1024');
      expect(await overflow(arrived)).toEqual({ by: 0, culprits: [] });

      // The link works once: opened again, it signs no one in.
      const again = await (await browser.profile()).newPage();
      await again.goto(link);
      await again.locator('[data-dyad="sign-in-notice"]').waitFor();
      expect(await again.locator('[data-dyad="console-sign-in"]').count()).toBe(1);
      await again.context().close();
    } finally {
      await theirs.close();
    }

    await page.locator('[data-dyad="invitation-done"]').click();
    await page.locator(`[data-participant="${leader.id}"] [data-dyad="person-open"]`).click();
    const { invitations } = await demo.api.coordinator.get<{ invitations: Invitation[] }>(`/v1/participants/${leader.id}/invitations`);
    expect(invitations.map((i) => i.status)).toEqual(['redeemed']);
    await page.reload();
    await page.locator('[data-dyad="people-search"]').fill(leader.email);
    await page.locator(`[data-participant="${leader.id}"] [data-dyad="person-open"]`).click();
    await page.locator('[data-dyad="invitation-list"] [data-status="redeemed"]').waitFor();
    expect(await page.locator('[data-dyad="invitation-revoke"]').count()).toBe(0);
  });

  it("lets an admin change a person's role, which a coordinator only reads", async () => {
    const tag = Date.now().toString(36);
    const person = await demo.api.coordinator.post<Participant>('/v1/participants', {
      displayName: 'Omar Haddad',
      email: `omar.${tag}@northwind.example`,
    });
    const page = await openDashboard('people', viewports.laptop, asAdmin);

    await page.locator('[data-dyad="people-search"]').fill(person.email);
    await page.locator(`[data-participant="${person.id}"] [data-dyad="person-open"]`).click();
    await page.locator('[data-dyad="form-role"] [name="role"]').selectOption('coordinator');
    await page.locator('[data-dyad="form-role"] button[type="submit"]').click();
    await page.locator('[data-dyad="form-role"] .ok').waitFor();

    const saved = await demo.api.coordinator.get<{ participants: Participant[] }>(`/v1/participants?q=${tag}`);
    expect(saved.participants.map((p) => p.role)).toEqual(['coordinator']);
    await screenshot(page, 'console-people-admin-1280');
  });
});

describe('signing in and out', () => {
  it("shows a signed-out browser the organisation's sign-in options, named by ?org=", async () => {
    const context = await browser.profile();
    try {
      for (const [size, viewport] of Object.entries(viewports)) {
        const page = await context.newPage();
        await page.setViewportSize(viewport);
        await page.goto(`${worker.url}/console/?org=${org.slug}`);
        await page.locator('[data-dyad="sign-in-org"]').waitFor();

        expect(await text(page, '[data-dyad="sign-in-org"]')).toBe(`Sign in to ${org.name}`);
        await settled(page);
        await screenshot(page, `console-sign-in-${viewport.width}`);
        expect(await overflow(page), size).toEqual({ by: 0, culprits: [] });
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it("signs a coordinator in through the organisation's identity provider (PKCE), back at /console/ with the code gone from the address", async () => {
    const coordinator = demo.data.people.coordinator;
    const idp = await startIdentityProvider({
      workerOrigins: [worker.url],
      accounts: [{ email: coordinator.email, name: coordinator.displayName }],
    });
    const provider = await demo.api.admin.post<IdentityProvider>('/v1/org/identity-providers', {
      label: 'Northwind (local IdP)',
      issuer: idp.issuer,
      clientId: idp.clientId,
    });
    const context = await browser.profile();
    try {
      const page = await context.newPage();
      await page.goto(`${worker.url}/console/?org=${org.slug}`);
      await page.locator('[data-dyad="sign-in-provider"]', { hasText: 'Sign in with Northwind (local IdP)' }).click();
      // oidc-provider's development login page (any password): worker/dev/oidc-provider.ts.
      await logInAtProvider(page, coordinator.email, idp.issuer);
      await page.locator('[data-dyad="dashboard"]').waitFor();

      expect(page.url()).toBe(`${worker.url}/console/`);
      expect(await text(page, '[data-dyad="dashboard-signed-in-as"]')).toContain(demo.data.people.coordinator.displayName);
      await page.locator('[data-dyad="nav-sign-ins"]').click();
      const current = page.locator('[data-dyad="credential-row"]:has([data-dyad="credential-current"])');
      await current.waitFor();
      expect(await current.locator('td').first().textContent()).toBe('SSO via Northwind (local IdP)');
      expect(await sessionStorageKeys(page)).toEqual([]); // the verifier was used once, and forgotten
    } finally {
      await context.close();
      await fetch(`${worker.url}/v1/org/identity-providers/${provider.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${demo.tokens.admin}` },
      });
      await idp.close();
    }
  });

  it('lists your sign-ins, this browser marked; revoking this one signs the console out, and the cookie with it', async () => {
    const context = await browser.signedIn(demo.api.admin, demo.data.people.coordinator.id);
    try {
      const page = await openConsole(context, worker.url, 'sign-ins');
      const current = page.locator('[data-dyad="credential-row"]:has([data-dyad="credential-current"])');
      await current.waitFor();

      expect(await current.locator('td').nth(1).textContent()).toBe('Console (web)');
      expect(await current.locator('td').first().textContent()).toBe('Invitation');
      await settled(page);
      await screenshot(page, 'console-sign-ins-1280');
      await page.setViewportSize(viewports.narrow);
      await screenshot(page, 'console-sign-ins-1024');
      expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
      const id = await current.getAttribute('data-credential');

      await current.locator('[data-dyad="credential-revoke"]').click();
      await page.locator('[data-dyad="console-sign-in"]').waitFor();

      const reopened = await openConsole(context, worker.url, 'overview');
      expect(await reopened.locator('[data-dyad="console-sign-in"]').count()).toBe(1);
      // The coordinator's other profile is unaffected, and sees this one revoked.
      const mine = await apiClient(worker.url, demo.tokens.coordinator).get<MyCredentials>('/v1/me/credentials');
      expect(mine.credentials.find((c) => c.id === id)?.revokedAt).not.toBeNull();
    } finally {
      await context.close();
    }
  });

  it('signs out from the top bar', async () => {
    const context = await browser.signedIn(demo.api.admin, demo.data.people.coordinator.id);
    try {
      const page = await openConsole(context, worker.url, 'overview');
      await page.locator('[data-dyad="sign-out"]').click();
      await page.locator('[data-dyad="console-sign-in"]').waitFor();

      const reopened = await openConsole(context, worker.url, 'overview');
      expect(await reopened.locator('[data-dyad="console-sign-in"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('every screen, as a coordinator sees it', () => {
  const screens: { id: string; ready: string }[] = [
    { id: 'overview', ready: '[data-dyad="alert-row"], [data-dyad="engagement-row"]' },
    { id: 'representation', ready: '[data-dyad="chart-representation"]' },
    { id: 'pulse', ready: '[data-dyad="chart-pulse"]' },
    { id: 'programmes', ready: '[data-dyad="form-programme"]' },
    { id: 'engagements', ready: '[data-dyad="engagement-list"] li' },
    { id: 'people', ready: '[data-dyad="people-list"] li' },
    { id: 'import', ready: '[data-dyad="form-import"]' },
    { id: 'population', ready: '[data-dyad="population-list"] li' },
    { id: 'extension-health', ready: '[data-dyad="extension-health-table"]' },
    { id: 'sign-ins', ready: '[data-dyad="credential-row"]' },
  ];
  const adminScreens: { id: string; ready: string }[] = [
    { id: 'settings', ready: '[data-dyad="identity-providers"] .muted, [data-dyad="identity-provider"]' },
    { id: 'audit', ready: '[data-dyad="audit-row"]' },
  ];

  for (const [size, viewport] of Object.entries(viewports)) {
    it(`fits ${viewport.width} px without horizontal scrolling (screenshots: console-<screen>-${viewport.width}.png)`, async () => {
      const problems: string[] = [];
      // One page per person, going from tab to tab as they would: the console signs in once (the
      // Worker rate-limits refreshes per address, and every reload is one).
      for (const [as, list] of [
        [asCoordinator, screens],
        [asAdmin, adminScreens],
      ] as const) {
        const page = await openDashboard('overview', viewport, as);
        for (const screen of list) {
          await page.locator(`[data-dyad="nav-${screen.id}"]`).click();
          await page.locator(`[data-dyad="dashboard"][data-screen="${screen.id}"]`).waitFor();
          await screenReady(page, screen.ready);
          await screenshot(page, `console-${screen.id}-${viewport.width}`);
          const { by, culprits } = await overflow(page);
          if (by > 0 || culprits.length > 0) problems.push(`${screen.id} (${size}): ${by}px too wide, ${culprits.join(', ')}`);
        }
        await page.close();
      }

      expect(problems).toEqual([]);
      expect(browser.cspViolations).toEqual([]);
    });
  }

  it('warns of a calendar selector that stopped matching, from the demo’s anonymous counts', async () => {
    const page = await openDashboard('extension-health');
    const warning = page.locator('[data-dyad="extension-health-warning"]');
    await warning.first().waitFor();

    expect(await warning.allTextContents()).toEqual([expect.stringMatching(/^Outlook · event time: not found since /)]);
    await page.close();
  });

  it('shows an admin the organisation settings, and checks them before saving', async () => {
    const page = await openDashboard('settings', viewports.laptop, asAdmin);
    const form = page.locator('[data-dyad="form-settings"]');
    await form.waitFor();

    expect(await form.locator('[name="minGroupSize"]').inputValue()).toBe('5');
    await form.locator('[name="minGroupSize"]').fill('11');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('.field:has([name="minGroupSize"]) [data-dyad="field-error"]').textContent()).toBe(
      'A whole number from 3 to 10',
    );
    expect(await text(page, '[data-dyad="sign-in-address"]')).toBe(`${worker.url}/console/?org=${org.slug}`);
    await screenshot(page, 'console-settings-error-1280');
    expect(await overflow(page)).toEqual({ by: 0, culprits: [] });
  });

  it("lets an admin add an identity provider, which the organisation's sign-in screen then offers", async () => {
    const tag = Date.now().toString(36);
    const page = await openDashboard('settings', viewports.laptop, asAdmin);
    const form = page.locator('[data-dyad="form-identity-provider"]').last();

    await form.locator('[name="label"]').fill(`Northwind SSO ${tag}`);
    await form.locator('[name="issuer"]').fill(`https://login-${tag}.northwind.example`);
    await form.locator('[name="clientId"]').fill('dyad-console');
    await form.locator('[name="emailDomains"]').fill(`sso-${tag}.northwind.example`);
    await form.locator('button[type="submit"]').click();
    const added = page.locator('[data-dyad="identity-provider"]', { hasText: `Northwind SSO ${tag}` });
    await added.waitFor();
    await settled(page);
    await screenshot(page, 'console-identity-providers-1280');
    await page.setViewportSize(viewports.narrow);
    await screenshot(page, 'console-identity-providers-1024');
    expect(await overflow(page)).toEqual({ by: 0, culprits: [] });

    const signedOut = await (await browser.profile()).newPage();
    await signedOut.goto(`${worker.url}/console/?org=${org.slug}`);
    await signedOut.locator('[data-dyad="sign-in-provider"]', { hasText: `Sign in with Northwind SSO ${tag}` }).waitFor();
    await signedOut.context().close();

    await added.locator('[data-dyad="identity-provider-delete"]').click();
    await added.locator('[data-dyad="identity-provider-delete-confirm"]').click();
    await until(async () => ((await added.count()) === 0 ? true : undefined), { what: 'the provider to go' });
  });

  it('shows an admin the audit log, newest first, the invitations the tests made among it', async () => {
    const page = await openDashboard('audit', viewports.laptop, asAdmin);
    await page.locator('[data-dyad="audit-row"]').first().waitFor();
    const api = await demo.api.admin.get<AuditPage>('/v1/audit?limit=50');

    const shown = await page.locator('[data-dyad="audit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(shown).toEqual(api.events.map((e) => e.action));
    expect(shown).toContain('invitation_redeemed');

    await page.locator('[data-dyad="audit-action"]').selectOption('invitation_created');
    await until(
      async () => {
        const actions = await page.locator('[data-dyad="audit-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
        return actions.length > 0 && actions.every((a) => a === 'invitation_created') ? true : undefined;
      },
      { what: 'only invitations to be listed' },
    );
  });
});
