/**
 * The coordinator's console in real Chromium against the real Worker, with the demo organisation
 * (`npm start`'s): the figures shown are the API's, a filter change follows through, a table
 * downloads as the API's CSV, a participants import shows its bad row and then imports, an
 * engagement is created (a too-short rotation refused first), and a token issued here signs a
 * leader in on a second profile — where the dashboard explains why it will not open. Every screen
 * is photographed at 1280×800 and 1024 wide (test-results/e2e/dashboard-*.png) and checked for
 * horizontal overflow.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Alerts, Engagement, EngagementAnalytics, Participant, Programme, Representation } from '../../shared';
import { analyticsPath, type Filters } from '../../extension/dashboard/analytics-paths';
import { personOption } from '../../extension/dashboard/labels';
import { formatPercent, showFigure } from '../../extension/dashboard/figures';
import {
  apiText,
  launchBrowser,
  openDashboard,
  overflow,
  screenReady,
  screenshot,
  seedDemo,
  settled,
  viewports,
  type DemoOrg,
} from './dashboard-support';
import { LocalWorker, until, type ExtensionBrowser } from './harness';

let worker: LocalWorker;
let browser: ExtensionBrowser;
let demo: DemoOrg;

beforeAll(async () => {
  // Settled, not Promise.all: if one fails, the other is still kept, so afterAll stops it.
  const [started, launched] = await Promise.allSettled([LocalWorker.start(), launchBrowser()]);
  if (started.status === 'fulfilled') worker = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  demo = await seedDemo(worker);
});

beforeEach(async () => {
  await browser.signIn(worker.url, demo.tokens.coordinator);
});

afterEach(async () => {
  await browser?.closePages();
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

const figure = (page: Page, name: string) => page.locator(`[data-dyad="figure-${name}"] [data-dyad="figure-value"]`);
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

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
    const page = await openDashboard(browser, 'overview');
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
    const page = await openDashboard(browser, 'overview');
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
    const page = await openDashboard(browser, 'overview');
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
    const page = await openDashboard(browser, 'representation');
    await page.locator('[data-dyad="chart-representation"]').waitFor();
    await page.locator('[data-dyad="filter-preset-twelve-months"]').click();
    await page.locator('[data-dyad="filter-dimension"]').selectOption('ethnicity');
    await page.locator('[data-dyad="filter-role"]').selectOption('advisor');
    const filters = await filtersOf(page);
    const api = await demo.api.coordinator.get<Representation>(
      analyticsPath('representation', filters, { dimension: 'ethnicity', role: 'advisor' }),
    );

    const rows = await until(
      async () => {
        const drawn = await page
          .locator('[data-dyad="chart-representation"] [data-group]')
          .evaluateAll((gs) =>
            gs.map((g) => [g.getAttribute('data-group'), g.getAttribute('data-suppressed'), g.getAttribute('data-adverse')]),
          );
        const expected = api.groups.map((g) => [g.group, String(g.suppressed), String(g.adverseImpact === true)]);
        return JSON.stringify(drawn) === JSON.stringify(expected) ? drawn : undefined;
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
    const page = await openDashboard(browser, 'import');

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
    const page = await openDashboard(browser, 'engagements');
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

  it('issues a token whose invitation signs the leader in on a second profile, where the dashboard explains it is not theirs', async () => {
    const tag = Date.now().toString(36);
    const leader = await demo.api.coordinator.post<Participant>('/v1/participants', {
      displayName: 'Nadia Petrova',
      email: `nadia.${tag}@northwind.example`,
      level: 'executive',
    });
    const page = await openDashboard(browser, 'people');

    await page.locator('[data-dyad="people-search"]').fill(leader.email);
    await page.locator(`[data-participant="${leader.id}"] [data-dyad="person-tokens"]`).click();
    await page.locator('[data-dyad="form-token"] button[type="submit"]').click();
    await page.locator('[data-dyad="token-secret"]').waitFor();
    const secret = await text(page, '[data-dyad="token-secret"]');
    const invitation = await page.locator('[data-dyad="token-invitation"]').inputValue();

    expect(secret).toMatch(/^dyad_[A-Za-z0-9_-]{43}$/);
    expect(invitation).toContain(`API URL: ${worker.url}`);
    expect(invitation).toContain(`Token:   ${secret}`);
    expect(invitation).toContain('Install the Dyad extension');
    await page.locator(`[data-dyad="token-list"] [data-revoked="false"]`).first().waitFor();
    await screenshot(page, 'dashboard-token-issued-1280');

    const second = await launchBrowser();
    try {
      const apiUrl = /API URL: (\S+)/.exec(invitation)![1]!;
      const token = /Token: +(\S+)/.exec(invitation)![1]!;
      await second.signIn(apiUrl, token);
      const options = await second.openExtensionPage('options.html');
      await options.locator('[data-dyad="signed-in-as"]').waitFor();

      expect(await options.locator('[data-dyad="signed-in-as"]').textContent()).toContain('Nadia Petrova');
      expect(await options.locator('[data-dyad="signed-in-role"]').getAttribute('data-role')).toBe('participant');

      const refused = await openDashboard(second, 'overview');
      const forbidden = refused.locator('[data-dyad="dashboard-forbidden"]');
      await forbidden.waitFor();
      expect(await forbidden.textContent()).toContain('This dashboard is for programme coordinators and admins');
      expect(await forbidden.textContent()).toContain('Nadia Petrova');
      expect(await forbidden.textContent()).toContain('participant token');
      expect(await refused.locator('[data-dyad="dashboard"]').count()).toBe(0);
      await screenshot(refused, 'dashboard-forbidden-1280');
    } finally {
      await second.close();
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
  ];

  for (const [size, viewport] of Object.entries(viewports)) {
    it(`fits ${viewport.width} px without horizontal scrolling (screenshots: dashboard-<screen>-${viewport.width}.png)`, async () => {
      const problems: string[] = [];
      for (const screen of screens) {
        const page = await openDashboard(browser, screen.id, viewport);
        await screenReady(page, screen.ready);
        await screenshot(page, `dashboard-${screen.id}-${viewport.width}`);
        const { by, culprits } = await overflow(page);
        if (by > 0 || culprits.length > 0) problems.push(`${screen.id} (${size}): ${by}px too wide, ${culprits.join(', ')}`);
        await page.close();
      }

      expect(problems).toEqual([]);
    });
  }

  it('warns of a calendar selector that stopped matching, from the demo’s anonymous counts', async () => {
    const page = await openDashboard(browser, 'extension-health');
    const warning = page.locator('[data-dyad="extension-health-warning"]');
    await warning.first().waitFor();

    expect(await warning.allTextContents()).toEqual([expect.stringMatching(/^Outlook · event time: not found since /)]);
    await page.close();
  });

  it('shows an admin the organisation settings', async () => {
    await browser.signIn(worker.url, demo.tokens.admin);
    const page = await openDashboard(browser, 'settings');
    const form = page.locator('[data-dyad="form-settings"]');
    await form.waitFor();

    expect(await form.locator('[name="minGroupSize"]').inputValue()).toBe('5');
    await form.locator('[name="minGroupSize"]').fill('11');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('.field:has([name="minGroupSize"]) [data-dyad="field-error"]').textContent()).toBe(
      'A whole number from 3 to 10',
    );
    await screenshot(page, 'dashboard-settings-1280');
    expect((await overflow(page)).by).toBe(0);
  });
});
