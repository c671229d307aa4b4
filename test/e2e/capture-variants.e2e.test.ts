/**
 * Every saved calendar variant (test/fixtures/<host>/expected.ts), in real Chromium with the
 * extension's build against the real Worker, each page served at its real address in the time
 * zone and language it was saved in: the panel appears, the engagement is pre-selected from the
 * guests, tagging takes at most two clicks, the API then holds exactly one session with the
 * variant's start, end and event id, a reload shows it tagged, and its chip gets the badge.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureExpectation } from '../fixtures/capture-expectation';
import { googleVariants } from '../fixtures/google/expected';
import { outlookVariants } from '../fixtures/outlook/expected';
import type { Engagement, IssuedInvitation, Participant, Programme } from '../../shared';
import { apiClient, redeemInvitation, testAddress } from './api';
import { servePage } from './calendar-pages';
import { openCalendar } from './extension-ui';
import { ApiGate, ExtensionBrowser, LocalWorker, reportFailures, sessionsWhen } from './harness';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

let worker: LocalWorker;
let gate: ApiGate;
let browser: ExtensionBrowser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([LocalWorker.start(), ExtensionBrowser.launch()]);
  gate = await ApiGate.start(worker);
});

reportFailures(() => ({ worker, gate }));

afterEach(async () => {
  await browser?.closePages();
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), gate?.close()]);
  await worker?.dispose();
});

/**
 * An organisation whose leader has two engagements: one with the variant's first guest (the one
 * the panel must pick) and one with someone not invited. Both start long before any variant's date.
 */
async function orgFor(guest: string) {
  const operator = apiClient(worker.url, worker.bootstrapToken);
  const created = await operator.post<{ adminInvitation: IssuedInvitation }>('/v1/orgs', {
    name: `Variants ${crypto.randomUUID().slice(0, 8)}`,
    admin: { displayName: 'Ada Admin', email: 'ada.admin@example.com' },
  });
  const admin = apiClient(worker.url, (await redeemInvitation(worker.url, created.adminInvitation.code, { address: testAddress() })).held);
  const person = async (displayName: string, email: string) => {
    const participant = await admin.post<Participant>('/v1/participants', { displayName, email });
    // `invite` makes the invitation the test's browser redeems to sign in as them; `api` reads as them.
    const invite = () => admin.post<IssuedInvitation>(`/v1/participants/${participant.id}/invitations`, {});
    const { held } = await redeemInvitation(worker.url, (await invite()).code, { address: testAddress() });
    return { participant, invite, api: apiClient(worker.url, held) };
  };
  const leader = await person('Lee Leader', 'lee.leader@variants.example');
  const invited = await person('Invited Guest', guest);
  const other = await person('Not Invited', 'not.invited@variants.example');
  const programme = await admin.post<Programme>('/v1/programmes', { name: 'Mentoring', kind: 'classic' });
  const pair = (participantId: string) =>
    admin.post<Engagement>('/v1/engagements', {
      programmeId: programme.id,
      members: [
        { participantId: leader.participant.id, role: 'mentee' },
        { participantId, role: 'mentor' },
      ],
      startsOn: '2020-01-01',
    });
  const engagement = await pair(invited.participant.id);
  await pair(other.participant.id);
  return { leader, engagement };
}

const variants: Array<[string, CaptureExpectation]> = [
  ...googleVariants.map((row) => [`google/${row.file}`, row] as [string, CaptureExpectation]),
  ...outlookVariants.map((row) => [`outlook/${row.file}`, row] as [string, CaptureExpectation]),
];

describe.each(variants)('%s', (file, row) => {
  it(`${row.about}: tags it in ≤ 2 clicks with the right time, once, and shows it tagged`, async () => {
    expect(row.event.guests.length, 'a variant to tag names a guest to pre-select from').toBeGreaterThan(0);
    const { leader, engagement } = await orgFor(row.event.guests[0]!);
    await browser.signIn(gate.url, leader);
    const html = await readFile(path.join(fixturesDir, file), 'utf8');
    const stop = await servePage(browser.context, row.url, html);
    try {
      const page = await browser.context.newPage();
      // The zone and language the page was saved in: calendars print local times in the user's language.
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setTimezoneOverride', { timezoneId: row.timeZone });
      await cdp.send('Emulation.setLocaleOverride', { locale: row.locale });

      const panel = await openCalendar(page, row.url, 'untagged');
      expect(await panel.action('engagement').inputValue()).toBe(engagement.id);
      // One click: the engagement is already chosen, and a time to check is confirmed by the same button.
      await panel.action('tag').click();
      await panel.waitFor('tagged');
      await browser.screenshot(panel.element, `variant-${file.replace(/[/.]/g, '-')}`);

      const [tagged, ...more] = await sessionsWhen(leader.api, engagement.id, (found) => found.length > 0, `the session of ${file}`);
      expect(more).toHaveLength(0);
      expect({ startsAt: tagged!.session.startsAt, endsAt: tagged!.session.endsAt, eventId: tagged!.session.source.eventId }).toEqual({
        startsAt: row.event.startsAt,
        endsAt: row.event.endsAt,
        eventId: row.event.eventId,
      });

      await page.reload();
      const reopened = await openCalendar(page, row.url, 'tagged');
      expect(await reopened.state()).toBe('tagged');
      if (row.chips.includes(row.event.eventId)) await page.locator('[data-dyad="badge"]').first().waitFor();
    } finally {
      await stop();
    }
  });
});

describe('a time the page does not show plainly', () => {
  it('is not saved until the leader confirms it: sources that disagree, then a corrected end', async () => {
    const row = outlookVariants.find((r) => r.file === 'peek-workweek-recurring-en-us.html')!;
    const { leader, engagement } = await orgFor(row.event.guests[0]!);
    await browser.signIn(gate.url, leader);
    // The peek's time row says 3:00 – 4:30 PM; the grid's tile still says 3:00 – 4:00 PM.
    const saved = await readFile(path.join(fixturesDir, 'outlook', row.file), 'utf8');
    const html = saved.replace('<span>3:00 PM - 4:00 PM', '<span>3:00 PM - 4:30 PM');
    expect(html).not.toBe(saved);
    const stop = await servePage(browser.context, row.url, html);
    try {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setTimezoneOverride', { timezoneId: row.timeZone });

      const panel = await openCalendar(page, row.url, 'untagged');
      const warning = await panel.text();
      await browser.screenshot(panel.element, 'panel-time-to-confirm');
      // Nothing is written while the leader has not confirmed.
      const before = await leader.api.get<{ sessions: unknown[] }>(`/v1/sessions?engagementId=${engagement.id}`);
      await panel.action('span-end').typeTime(16, 15);
      expect(await panel.action('span-end').inputValue()).toBe('16:15');
      await panel.action('tag').click();
      await panel.waitFor('tagged');

      expect(warning).toContain('two different times');
      expect(warning).toContain('Confirm time and tag');
      expect(before.sessions).toHaveLength(0);
      const [tagged, ...more] = await sessionsWhen(leader.api, engagement.id, (found) => found.length > 0, 'the confirmed session');
      expect(more).toHaveLength(0);
      expect([tagged!.session.startsAt, tagged!.session.endsAt]).toEqual([row.event.startsAt, '2026-09-30T20:15:00.000Z']);
    } finally {
      await stop();
    }
  });
});

describe('the panel in Outlook’s peek', () => {
  it('sits inside the card’s scroll region, so the response footer stays on screen at 1280 × 800 and 1024 × 768', async () => {
    const row = outlookVariants.find((r) => r.file === 'peek-workweek-recurring-en-us.html')!;
    const { leader } = await orgFor(row.event.guests[0]!);
    await browser.signIn(gate.url, leader);
    const stop = await servePage(browser.context, row.url, await readFile(path.join(fixturesDir, 'outlook', row.file), 'utf8'));
    try {
      const seen: string[] = [];
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 1024, height: 768 },
      ]) {
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        // Tagged at the first size; the tagged panel (time, cycle, notes) is the tallest it gets.
        if (seen.length === 0) {
          const panel = await openCalendar(page, row.url, 'untagged');
          await panel.action('tag').click();
          await panel.waitFor('tagged');
        } else await openCalendar(page, row.url, 'tagged');
        await browser.screenshot(page, `outlook-peek-with-panel-${viewport.width}`);

        const footer = await page.locator('.footer').boundingBox();
        const host = await page.locator('[data-dyad="panel"]').evaluate((el) => el.parentElement?.className ?? '');
        seen.push(
          `${viewport.width}: footer ${footer && footer.y + footer.height <= viewport.height ? 'on screen' : 'off screen'}, panel in ${host}`,
        );
        await page.close();
      }

      expect(seen).toEqual(['1280: footer on screen, panel in customScrollBar', '1024: footer on screen, panel in customScrollBar']);
    } finally {
      await stop();
    }
  });
});
