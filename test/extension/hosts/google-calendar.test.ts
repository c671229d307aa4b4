import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeEventId, googleCalendar } from '../../../extension/hosts/google-calendar';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { fixtureLayouts, loadFixture, local } from '../fixtures';

const mentoringRaw = 'NGsycTh2MXI3czN0NXU2bzBwOW4xbTJsM2ogYmVuLm9rYWZvckBleGFtcGxlLmNvbQ';

describe.each(fixtureLayouts)('Google Calendar adapter on the saved week view (%s markup)', (layout) => {
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    resetWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadFixture('google-calendar.html', layout);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  it('finds the six chips of the grid, once each, with Google event ids', () => {
    const chips = googleCalendar.gridChips(document);

    expect(chips).toHaveLength(6);
    expect(chips.map((chip) => chip.eventId)).toEqual([
      '2b3n4m5l6k7j8h9g0f1d2s3a4q',
      '4k2q8v1r7s3t5u6o0p9n1m2l3j',
      '7h3g5f1d2s4a6p8o0i9u7m5t3r_20260929T131500Z',
      '1q2w3e4r5t6y7u8i9o0p1a2s3d',
      '9z8x7c6v5b4n3m2l1k0j9h8g7f',
      '5t6y7u8i9o0p1q2w3e4r5t6y7u',
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads the open event: id, title, start, end, guests, and that the chip and the card agree on the time', () => {
    const open = googleCalendar.findOpenEvent(document);

    expect(open?.event).toEqual({
      provider: 'google',
      eventId: '4k2q8v1r7s3t5u6o0p9n1m2l3j',
      title: 'Mentoring: Ana × Ben',
      startsAt: local(2026, 9, 28, 15),
      endsAt: local(2026, 9, 28, 16),
      guests: ['ana.ruiz@example.com', 'ben.okafor@example.com', 'coordinator@example.com'],
      // The chip's description ("3pm to 4pm, …, September 28, 2026") and the card's time row.
      timeCheck: 'agreed',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('anchors inside the details card, within the bubble', () => {
    const open = googleCalendar.findOpenEvent(document);

    expect(open?.anchor.id).toBe('xDetDlg');
    expect(open?.container.getAttribute('data-chips-dialog')).toBe('true');
    expect(open?.container.contains(open.anchor)).toBe(true);
  });

  it('observes the main region and the bubble layer, not the whole document', () => {
    const roots = googleCalendar.observeRoots(document);

    expect(roots).toHaveLength(2);
    expect(roots[0]?.getAttribute('role')).toBe('main');
    expect(roots[1]?.querySelector('[data-chips-dialog]')).not.toBeNull();
    expect(roots).not.toContain(document.body);
    expect(roots).not.toContain(document.documentElement);
  });

  it('reads the year from the chip’s day column when the time row leaves it out', () => {
    document.querySelector('#xDetDlgWhen .AzuXid')!.innerHTML = '<span>Monday, 28 September</span><span>⋅</span><span>15:00 – 16:00</span>';

    const open = googleCalendar.findOpenEvent(document);

    expect(open?.event.startsAt).toBe(local(2026, 9, 28, 15));
    expect(open?.event.endsAt).toBe(local(2026, 9, 28, 16));
  });

  it('falls back to the chip’s description when the time row is gone, and says so once', () => {
    document.getElementById('xDetDlgWhen')!.id = 'renamed';

    const first = googleCalendar.findOpenEvent(document);
    const second = googleCalendar.findOpenEvent(document);

    expect(first?.event.startsAt).toBe(local(2026, 9, 28, 15));
    expect(second?.event.endsAt).toBe(local(2026, 9, 28, 16));
    expect(second?.event.timeCheck).toBe('single');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('google.when');
  });

  it('reports unknown times as null, not a guess', () => {
    document.querySelector('#xDetDlgWhen .AzuXid')!.remove();
    document.querySelector(`[role="main"] [data-eventid="${mentoringRaw}"]`)!.remove();

    const open = googleCalendar.findOpenEvent(document);

    expect(open?.event.startsAt).toBeNull();
    expect(open?.event.endsAt).toBeNull();
    expect(open?.event.title).toBe('Mentoring: Ana × Ben');
  });

  it('returns null without throwing when the details carry no event id', () => {
    document.getElementById('xDetDlg')!.removeAttribute('data-eventid');

    expect(() => googleCalendar.findOpenEvent(document)).not.toThrow();
    expect(googleCalendar.findOpenEvent(document)).toBeNull();
  });

  it('warns once and finds no chips when the main region is missing', () => {
    document.querySelector('[role="main"]')!.removeAttribute('role');

    expect(googleCalendar.gridChips(document)).toEqual([]);
    expect(googleCalendar.gridChips(document)).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('google.main');
  });

  it('ignores a bubble that is hidden', () => {
    document.querySelector('[role="dialog"]')!.setAttribute('aria-hidden', 'true');

    expect(googleCalendar.findOpenEvent(document)).toBeNull();
  });

  it('follows the bubble when Google rebuilds it for another event', () => {
    const details = document.getElementById('xDetDlg')!;
    const next = details.cloneNode(true) as HTMLElement;
    next.setAttribute('data-eventid', 'OXo4eDdjNnY1YjRuM20ybDFrMGo5aDhnN2YgYmVuLm9rYWZvckBleGFtcGxlLmNvbQ');
    next.querySelector('#rAECCd')!.textContent = 'Board prep';
    next.querySelector('#xDetDlgWhen .AzuXid')!.textContent = 'Thursday, October 1⋅2:30 – 3:15pm';
    details.replaceWith(next);

    const open = googleCalendar.findOpenEvent(document);

    expect(open?.event.eventId).toBe('9z8x7c6v5b4n3m2l1k0j9h8g7f');
    expect(open?.event.startsAt).toBe(local(2026, 10, 1, 14, 30));
    expect(open?.anchor).toBe(next);
  });

  it('matches calendar.google.com only', () => {
    expect(googleCalendar.matches(new URL('https://calendar.google.com/calendar/u/0/r/week'))).toBe(true);
    expect(googleCalendar.matches(new URL('https://mail.google.com/mail/u/0/'))).toBe(false);
  });
});

describe('decodeEventId', () => {
  it('takes the event id out of base64 "<event id> <calendar>"', () => {
    expect(decodeEventId(mentoringRaw)).toBe('4k2q8v1r7s3t5u6o0p9n1m2l3j');
  });

  it('keeps a recurring instance’s suffix', () => {
    expect(decodeEventId(btoa('abc_20261007T150000Z me@m').replace(/=+$/, ''))).toBe('abc_20261007T150000Z');
  });

  it('keeps ids that are not base64 of an event and a calendar', () => {
    expect(decodeEventId('tasks_gtCquemlQRditn7O')).toBe('tasks_gtCquemlQRditn7O');
    expect(decodeEventId('A')).toBe('A');
  });
});
