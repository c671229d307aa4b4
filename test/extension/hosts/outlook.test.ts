import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outlookCalendar, splitTileLabel } from '../../../extension/hosts/outlook';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { fixtureLayouts, loadFixture, local } from '../fixtures';

const itemId = (n: number) =>
  `AAMkADk0ZTY3NjM1LWJjNmMtNDg2NC04YjEzLTk2ZWQ0ZGQ1ZTcxMQBGAAAAAAC8mJ9f2qUaQ6hGq0XlY3TgBwB3kJz8QwVgQ6jPj6rXcJ9hAAAAAAENAAB3kJz8QwVgQ6jPj6rXcJ9hAAB1xZ${n}QAA=`;

function openPeek(subject: string, time: string) {
  document.querySelector('[data-app-section="CalendarItemPeek"] [role="heading"]')!.textContent = subject;
  document.querySelector('[data-app-section="CalendarItemPeek"] [aria-label="Time"]')!.textContent = time;
}

describe.each(fixtureLayouts)('Outlook adapter on the saved work-week view (%s markup)', (layout) => {
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    resetWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadFixture('outlook.html', layout);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  it('finds the six tiles of the grid, all-day row included, by item id', () => {
    const chips = outlookCalendar.gridChips(document);

    expect(chips).toHaveLength(6);
    expect(chips.map((chip) => chip.eventId)).toEqual([15, 11, 10, 13, 12, 14].map(itemId));
    expect(chips.every((chip) => chip.element.hasAttribute('data-calitemid'))).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads the event in the peek card: id, title, start, end, guests, and that tile and card agree on the time', () => {
    const open = outlookCalendar.findOpenEvent(document);

    expect(open?.event).toEqual({
      provider: 'outlook',
      eventId: itemId(10),
      title: 'Mentoring: Ana × Ben',
      startsAt: local(2026, 9, 28, 15),
      endsAt: local(2026, 9, 28, 16),
      guests: ['ana.ruiz@example.com', 'ben.okafor@example.com', 'coordinator@example.com'],
      // The tile's label and column and the card's time row say 15:00–16:00 independently.
      timeCheck: 'agreed',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('anchors in the peek card and observes the grid and the layer host', () => {
    const open = outlookCalendar.findOpenEvent(document);
    const roots = outlookCalendar.observeRoots(document);

    expect(open?.anchor.getAttribute('data-app-section')).toBe('CalendarItemPeek');
    expect(open?.anchor).toBe(open?.container);
    expect(roots.map((root) => root.id)).toEqual(['calendarMain', 'fluent-default-layer-host']);
  });

  it('tells apart two occurrences of a weekly meeting by their start', () => {
    openPeek('Weekly sync', 'Wed 9/30/2026 10:00 AM - 10:30 AM');

    const open = outlookCalendar.findOpenEvent(document);

    expect(open?.event.eventId).toBe(itemId(12));
    expect(open?.event.startsAt).toBe(local(2026, 9, 30, 10));
  });

  it('takes the time from the tile when the card shows none', () => {
    openPeek('Reverse mentoring: AI tooling', '');
    document.querySelector('[data-app-section="CalendarItemPeek"] [aria-label="Time"]')!.remove();
    document.querySelector('[data-icon-name="ClockRegular"]')!.remove();

    const open = outlookCalendar.findOpenEvent(document);

    expect(open?.event.eventId).toBe(itemId(13));
    expect(open?.event.startsAt).toBe(local(2026, 9, 29, 13, 5));
    expect(open?.event.endsAt).toBe(local(2026, 9, 29, 14, 15));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('returns null and warns once when it cannot tell which event is open', () => {
    openPeek('Something not in the grid', 'Mon 9/28/2026 9:00 AM - 9:30 AM');

    expect(() => outlookCalendar.findOpenEvent(document)).not.toThrow();
    expect(outlookCalendar.findOpenEvent(document)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('which event is open');
  });

  it('uses the item id of a deep link when the grid is not shown', () => {
    history.replaceState(null, '', `/calendar/item/${encodeURIComponent(itemId(99))}`);
    document.querySelector('[data-app-section="Surface_WorkWeek"]')!.remove();

    const open = outlookCalendar.findOpenEvent(document);

    expect(open?.event.eventId).toBe(itemId(99));
    history.replaceState(null, '', '/');
  });

  it('finds nothing open when the peek card closes', () => {
    document.getElementById('fluent-default-layer-host')!.replaceChildren();

    expect(outlookCalendar.findOpenEvent(document)).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it('leaves an email’s reading pane alone outside the calendar', () => {
    document.body.innerHTML =
      '<div role="main"><div data-app-section="ReadingPane"><div role="heading">Lunch?</div><span title="ana@example.com">Ana</span></div></div>';

    expect(outlookCalendar.findOpenEvent(document)).toBeNull();
  });

  it('matches the Outlook on the web hosts', () => {
    for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']) {
      expect(outlookCalendar.matches(new URL(`https://${host}/calendar/view/week`))).toBe(true);
    }
    expect(outlookCalendar.matches(new URL('https://calendar.google.com/'))).toBe(false);
  });
});

describe('splitTileLabel', () => {
  it('separates the subject from the time', () => {
    expect(splitTileLabel('Board prep, 2:30 PM to 3:15 PM, Thursday, October 1, 2026, By Ben Okafor, Busy')).toEqual({
      subject: 'Board prep',
      rest: '2:30 PM to 3:15 PM, Thursday, October 1, 2026, By Ben Okafor, Busy',
    });
  });

  it('drops icon announcements and keeps commas in a subject', () => {
    expect(splitTileLabel('Meeting icon, Planning, Q4, 1:05 PM to 2:15 PM, Tuesday, September 29, 2026').subject).toBe('Planning, Q4');
  });

  it('reads an all-day tile up to its weekday', () => {
    expect(splitTileLabel('Quarterly offsite, Friday, October 2, 2026, all day event').subject).toBe('Quarterly offsite');
  });

  it('reads 24-hour times', () => {
    expect(splitTileLabel('SafeGolf Online Workshop #5, 15:30 to 17:00, Thursday, September 17, 2026').subject).toBe(
      'SafeGolf Online Workshop #5',
    );
  });
});
