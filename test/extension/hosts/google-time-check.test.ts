import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoogleCalendar } from '../../../extension/hosts/google-calendar';
import { crossCheck, type SourcedReading } from '../../../extension/hosts/google-calendar/cross-check';
import { eidFromAddress, startFromEventId } from '../../../extension/hosts/google-calendar/event-id';
import { visibleLines, visibleText } from '../../../extension/hosts/google-calendar/visible-text';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { loadVariant } from '../fixtures';

const host = createGoogleCalendar({ timeZone: () => 'America/New_York' });
const weeklyRaw = 'NXFrMnY3cjltMWMzbDhnMGE0ZTZ0MnU4YWJfMjAyNjA5MjlUMTcwMDAwWiBiZW4ub2thZm9yQGV4YW1wbGUuY29t';
const timeLine = () => document.querySelector<HTMLElement>('#xDetDlgWhen .O2VjS')!;
const chip = () => document.querySelector<HTMLElement>(`[role="main"] [data-eventchip][data-eventid="${weeklyRaw}"]`)!;
/** Makes the recurring occurrence's id a one-off event's, so the id says nothing about the time. */
const dropIdSuffix = () => {
  const oneOff = btoa('5qk2v7r9m1c3l8g0a4e6t2u8ab ben.okafor@example.com').replace(/=+$/, '');
  document.getElementById('xDetDlg')!.setAttribute('data-eventid', oneOff);
  chip().setAttribute('data-eventid', oneOff);
};

describe('Google Calendar cross-checks the open event’s time (served en-US weekly meeting, New York)', () => {
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    resetWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loadVariant('google', 'bubble-recurring-served-en-us.html');
  });

  afterEach(() => {
    warn.mockRestore();
  });

  it('reads the served time row piece by piece, where its textContent runs together', () => {
    const row = document.getElementById('xDetDlgWhen')!;

    expect(row.textContent).toContain('1:45pmWeekly on Tuesday');
    expect(visibleLines(row)).toEqual(['Weekly sync: Ana × Ben', 'Tuesday, September 29 ⋅ 1:00 – 1:45pm', 'Weekly on Tuesday']);
  });

  it('reads 13:00–13:45 from the card alone, not a zero span, when the id and the chip say nothing', () => {
    chip().remove();
    document
      .getElementById('xDetDlg')!
      .setAttribute('data-eventid', btoa('5qk2v7r9m1c3l8g0a4e6t2u8ab ben.okafor@example.com').replace(/=+$/, ''));

    const event = host.findOpenEvent(document)?.event;

    expect(event).toMatchObject({ startsAt: '2026-09-29T17:00:00.000Z', endsAt: '2026-09-29T17:45:00.000Z', timeCheck: 'single' });
  });

  it('sides with the chip and the card when a moved occurrence’s id keeps its original start', () => {
    timeLine().lastElementChild!.textContent = '2:00 – 2:45pm';
    chip().querySelector('.XuJrye')!.textContent = '2pm to 2:45pm, Weekly sync: Ana × Ben, September 29, 2026';

    const event = host.findOpenEvent(document)?.event;

    expect(event).toMatchObject({ startsAt: '2026-09-29T18:00:00.000Z', endsAt: '2026-09-29T18:45:00.000Z', timeCheck: 'agreed' });
  });

  it('reports a conflict and keeps the most structured source’s start, with no borrowed end', () => {
    timeLine().lastElementChild!.textContent = '2:00 – 2:45pm';
    chip().remove();

    const event = host.findOpenEvent(document)?.event;

    expect(event).toMatchObject({ startsAt: '2026-09-29T17:00:00.000Z', endsAt: null, timeCheck: 'conflict' });
  });

  it('leaves the end unknown, not equal to the start, when the card shows one time', () => {
    timeLine().lastElementChild!.textContent = '1:00pm';
    chip().remove();

    const event = host.findOpenEvent(document)?.event;

    expect(event).toMatchObject({ startsAt: '2026-09-29T17:00:00.000Z', endsAt: null, timeCheck: 'single' });
  });

  it('agrees on chip and card for a one-off event', () => {
    dropIdSuffix();

    expect(host.findOpenEvent(document)?.event.timeCheck).toBe('agreed');
  });

  it('flags chip and card that disagree, taking the chip’s (more structured) span', () => {
    dropIdSuffix();
    timeLine().lastElementChild!.textContent = '3:00 – 3:30pm';

    const event = host.findOpenEvent(document)?.event;

    expect(event).toMatchObject({ startsAt: '2026-09-29T17:00:00.000Z', endsAt: '2026-09-29T17:45:00.000Z', timeCheck: 'conflict' });
  });
});

describe('crossCheck', () => {
  const at = (iso: string) => new Date(iso);
  const reading = (source: SourcedReading['source'], start: string, end: string | null): SourcedReading => ({
    source,
    start: at(start),
    end: end ? at(end) : null,
    allDay: false,
  });

  it('is single with one reading and with none', () => {
    expect(crossCheck([reading('time row', '2026-09-29T17:00:00Z', '2026-09-29T17:45:00Z')]).timeCheck).toBe('single');
    expect(crossCheck([])).toEqual({ startsAt: null, endsAt: null, timeCheck: 'single' });
  });

  it('takes the end from the reading that has one when an id gives only the start', () => {
    expect(
      crossCheck([reading('event id', '2026-09-29T17:00:00Z', null), reading('time row', '2026-09-29T17:00:00Z', '2026-09-29T17:45:00Z')]),
    ).toEqual({
      startsAt: '2026-09-29T17:00:00.000Z',
      endsAt: '2026-09-29T17:45:00.000Z',
      timeCheck: 'agreed',
    });
  });

  it('does not call two starts without an end agreed', () => {
    expect(
      crossCheck([reading('event id', '2026-09-29T17:00:00Z', null), reading('time row', '2026-09-29T17:00:00Z', null)]).timeCheck,
    ).toBe('single');
  });

  it('does not let an all-day reading agree with a timed one at midnight', () => {
    const midnight = reading('time row', '2026-09-29T04:00:00Z', '2026-09-30T04:00:00Z');
    expect(crossCheck([{ ...reading('event id', '2026-09-29T04:00:00Z', null), allDay: true }, midnight]).timeCheck).toBe('conflict');
  });
});

describe('what Google’s ids and addresses carry', () => {
  it('reads a timed occurrence’s UTC start and an all-day occurrence’s day from the id', () => {
    expect(startFromEventId('abc_20260920T150000Z')).toEqual({ start: new Date('2026-09-20T15:00:00Z'), end: null, allDay: false });
    expect(startFromEventId('abc_20260920', 'Europe/Berlin')).toEqual({ start: new Date('2026-09-19T22:00:00Z'), end: null, allDay: true });
    expect(startFromEventId('4k2q8v1r7s3t5u6o0p9n1m2l3j')).toBeNull();
  });

  it('takes the eid from a full-page address', () => {
    expect(eidFromAddress('https://calendar.google.com/calendar/u/0/r/eventedit/YWJjIG1lQG0?pli=1')).toBe('YWJjIG1lQG0');
    expect(eidFromAddress('https://calendar.google.com/calendar/event?eid=YWJjIG1lQG0')).toBe('YWJjIG1lQG0');
    expect(eidFromAddress('https://calendar.google.com/calendar/u/0/r/week')).toBeNull();
  });

  it('joins text nodes with spaces', () => {
    const row = document.createElement('div');
    row.innerHTML = '<span>Tuesday, September 29</span><span>⋅</span><span>1:00 – 1:45pm</span>';
    expect(visibleText(row)).toBe('Tuesday, September 29 ⋅ 1:00 – 1:45pm');
  });
});
