import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { outlookCalendar } from '../../../extension/hosts/outlook';
import { zonedInstant } from '../../../extension/hosts/outlook/zoned-instant';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { outlookVariants } from '../../fixtures/outlook/expected';
import { fixtureLayouts } from '../fixtures';
import { loadOutlookFixture } from './outlook-fixture';

/**
 * Calendars print local times, so each row runs in the zone its page assumes: `process.env.TZ` is
 * set to the row's zone before its tests (Node re-reads it on assignment, for `Date` and for
 * Intl's default zone, which the adapter reads as the page's zone) and restored after. Vitest runs
 * each test file in its own process, so no other file sees the change.
 */
function inZone(timeZone: string) {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = timeZone;
  });
  afterAll(() => {
    process.env.TZ = before;
  });
}

const rows = outlookVariants.flatMap((row) => fixtureLayouts.map((layout) => ({ ...row, layout })));

describe.each(rows)('Outlook variant $file ($layout markup, $locale, $timeZone)', (row) => {
  inZone(row.timeZone);
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    resetWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadOutlookFixture(row.file, row.url, row.layout);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  it('runs in the zone the page assumes', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(row.timeZone);
  });

  it('reads the open event: id, title, start, end, guests and how far its time is trusted', () => {
    const open = outlookCalendar.findOpenEvent(document);

    expect(open?.event).toEqual({ provider: 'outlook', ...row.event });
    expect(warn).not.toHaveBeenCalled();
  });

  it('finds every grid chip by item id, in page order', () => {
    expect(outlookCalendar.gridChips(document).map((chip) => chip.eventId)).toEqual(row.chips);
  });

  it('places the panel inside the view, before any footer, inside the region that scrolls', () => {
    const open = outlookCalendar.findOpenEvent(document)!;
    const footer = open.container.querySelector('.footer, #TopBar');

    expect(open.container.contains(open.anchor)).toBe(true);
    expect(open.anchor.matches('.customScrollBar, [data-is-scrollable="true"]')).toBe(true);
    expect(footer).not.toBeNull();
    expect(open.anchor.contains(footer)).toBe(false);
  });
});

describe('Outlook time: two sources cross-checked, never a silent zero-length span', () => {
  const recurring = outlookVariants[0]!;
  inZone(recurring.timeZone);

  beforeEach(() => {
    resetWarnings();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadOutlookFixture(recurring.file, recurring.url, 'served');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const timeRow = () => document.querySelector('[data-app-section="CalendarItemPeek"] [aria-label="Time"]')!;

  it('says conflict, and keeps the tile’s span, when the card’s time row says otherwise', () => {
    // Same start (so the Wednesday tile is still the one), a later end.
    timeRow().innerHTML = '<span>Wed 9/30/2026</span><span>3:00 PM - 4:30 PM</span>';

    const event = outlookCalendar.findOpenEvent(document)?.event;

    expect(event?.eventId).toBe(recurring.event.eventId);
    expect(event?.timeCheck).toBe('conflict');
    expect(event?.endsAt).toBe(recurring.event.endsAt);
  });

  const removeTimeRow = () => {
    timeRow().remove();
    document.querySelector('[data-app-section="CalendarItemPeek"] [data-icon-name="ClockRegular"]')!.remove();
  };

  it('cannot tell two occurrences of a series apart without the card’s time, and says so', () => {
    removeTimeRow();

    expect(outlookCalendar.findOpenEvent(document)).toBeNull();
    expect(String(vi.mocked(console.warn).mock.calls.at(-1)?.[0])).toContain('which event is open');
  });

  it('reads the occurrence’s time, not the series’, when the recurrence line runs into the time row', () => {
    timeRow().textContent = 'Wed 9/30/2026 3:00 PM - 4:00 PM Occurs every Monday from 9/7/2026 2:00 PM to 3:00 PM';

    const event = outlookCalendar.findOpenEvent(document)?.event;

    expect([event?.eventId, event?.startsAt, event?.endsAt]).toEqual([
      recurring.event.eventId,
      recurring.event.startsAt,
      recurring.event.endsAt,
    ]);
    expect(event?.timeCheck).toBe('agreed');
  });

  it('says single when only the tile gives a time', () => {
    removeTimeRow();
    document.querySelector(`[data-calitemid="${outlookVariants[0]!.chips[1]}"]`)!.remove(); // the Monday occurrence

    const event = outlookCalendar.findOpenEvent(document)?.event;

    expect(event?.timeCheck).toBe('single');
    expect([event?.startsAt, event?.endsAt]).toEqual([recurring.event.startsAt, recurring.event.endsAt]);
  });

  it('gives no end rather than a zero-length span when the only source shows one time', () => {
    for (const tile of Array.from(document.querySelectorAll('[data-calitemid]'))) tile.remove();
    history.replaceState(null, '', '/calendar/item/AAMkAGsingle');
    timeRow().innerHTML = '<span>Wed 9/30/2026</span><span>3:00 PM</span>';

    const event = outlookCalendar.findOpenEvent(document)?.event;

    expect(event?.startsAt).toBe('2026-09-30T19:00:00.000Z');
    expect(event?.endsAt).toBeNull();
    expect(event?.startsAt).not.toBe(event?.endsAt);
  });

  it('finds the open event by its title label when the card has no heading, and warns once when it has neither', () => {
    expect(document.querySelector('[data-app-section="CalendarItemPeek"] [role="heading"]')).toBeNull();
    expect(outlookCalendar.findOpenEvent(document)?.event.title).toBe(recurring.event.title);

    document.querySelector('[data-app-section="CalendarItemPeek"] [aria-label="Title"]')!.remove();
    outlookCalendar.findOpenEvent(document);
    outlookCalendar.findOpenEvent(document);

    expect(vi.mocked(console.warn).mock.calls.filter((call) => String(call[0]).includes('outlook.title'))).toHaveLength(1);
  });

  it('reads each address apart from the name beside it (no "Ana Ruizana.ruiz@…")', () => {
    const guests = outlookCalendar.findOpenEvent(document)?.event.guests ?? [];

    expect(guests).toContain('ana.ruiz@example.com');
    expect(guests.some((guest) => guest.startsWith('ruiz'))).toBe(false);
  });
});

describe('zonedInstant: wall-clock times in an explicit zone, whatever the process zone', () => {
  const wall = { year: 2026, month: 10, day: 25, hour: 1, minute: 30 };

  it('reads the same wall time differently in each zone', () => {
    expect(zonedInstant(wall, 'America/New_York').toISOString()).toBe('2026-10-25T05:30:00.000Z');
    expect(zonedInstant(wall, 'Europe/Berlin').toISOString()).toBe('2026-10-24T23:30:00.000Z');
  });

  it('keeps the clock time across a DST change (the day after is day + 1)', () => {
    // London leaves BST on 25 October 2026: 09:00 on the 24th is 08:00Z, on the 26th 09:00Z.
    expect(zonedInstant({ ...wall, day: 24, hour: 9, minute: 0 }, 'Europe/London').toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(zonedInstant({ ...wall, day: 26, hour: 9, minute: 0 }, 'Europe/London').toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });
});
