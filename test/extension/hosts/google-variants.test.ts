import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spanProblem } from '../../../shared/rules/session-span';
import { createGoogleCalendar } from '../../../extension/hosts/google-calendar';
import { google } from '../../../extension/hosts/google-calendar/selectors';
import { chipDay, fromEditForm, fromTimeRow } from '../../../extension/hosts/google-calendar/time-sources';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { googleVariants } from '../../fixtures/google/expected';
import { fixtureLayouts, loadVariant } from '../fixtures';

/**
 * Every variant in test/fixtures/google, read as saved and as served (no whitespace text between
 * elements), each in the zone it was shown in: the adapter builds instants in the zone its
 * `timeZone` option names (in the browser: the browser's own), since happy-dom cannot switch
 * Node's zone per test.
 */
describe.each(googleVariants)('Google Calendar variant $file', (row) => {
  const host = createGoogleCalendar({ timeZone: () => row.timeZone, now: () => new Date('2026-09-15T12:00:00Z') });

  describe.each(fixtureLayouts)('%s markup', (layout) => {
    let warn: ReturnType<typeof vi.spyOn>;

    beforeEach(() => {
      resetWarnings();
      warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(row.url);
      loadVariant('google', row.file, layout);
    });

    afterEach(() => {
      warn.mockRestore();
    });

    it('is the page it claims to be: the calendar’s address and language', () => {
      expect(host.matches(new URL(row.url))).toBe(true);
      expect(row.locale.toLowerCase()).toContain(document.documentElement.lang.toLowerCase());
    });

    it('reads the open event: id, title, start, end, guests and how far its time is trusted', () => {
      const open = host.findOpenEvent(document);

      expect(open?.event).toEqual({ provider: 'google', ...row.event });
      expect(open?.container.contains(open.anchor)).toBe(true);
      expect(warn).not.toHaveBeenCalled();
    });

    it('never calls a span without an end, of no length or ending before it starts agreed', () => {
      const event = host.findOpenEvent(document)?.event;

      // A multi-day all-day event is agreed and still too long for a session: spanProblem says so.
      if (event?.timeCheck === 'agreed') expect(['missing', 'zero', 'negative']).not.toContain(spanProblem(event.startsAt, event.endsAt));
      expect(event?.endsAt).not.toBe(event?.startsAt);
    });

    it('gets the same span from the card’s time row (or the full-page form) alone, read piece by piece', () => {
      const clock = { locale: document.documentElement.lang, timeZone: row.timeZone };
      const timeRow = document.getElementById('xDetDlgWhen');
      const page = document.querySelector<HTMLElement>(google.fullPage.variants[0]!);
      const chip = Array.from(document.querySelectorAll<HTMLElement>('[data-eventchip][data-eventid]')).find(
        (element) => element.getAttribute('data-eventid') === document.getElementById('xDetDlg')?.getAttribute('data-eventid'),
      );
      const reading = timeRow ? fromTimeRow(timeRow, row.event.title, clock, chipDay(chip ?? null)) : fromEditForm(page!, clock);

      expect({ startsAt: reading?.start.toISOString(), endsAt: reading?.end?.toISOString() }).toEqual({
        startsAt: row.event.startsAt,
        endsAt: row.event.endsAt,
      });
    });

    it('finds every grid chip, in page order, with Google’s event ids', () => {
      expect(host.gridChips(document).map((chip) => chip.eventId)).toEqual(row.chips);
    });
  });
});
