import { pick } from '../selectors';
import { type Day, dayFromDatekey, type ReadOptions, readSpan } from '../when';
import type { SourcedReading } from './cross-check';
import { startFromEventId } from './event-id';
import { google } from './selectors';
import { visibleLines, visibleText } from './visible-text';

/** What every source needs to read a time: the page's language and display zone. */
export interface PageClock {
  locale: string | undefined;
  timeZone: string | undefined;
  now?: Date;
}

const options = (clock: PageClock, fallback?: Day | null): ReadOptions => ({
  locale: clock.locale,
  timeZone: clock.timeZone,
  now: clock.now,
  fallback,
});

/** The recurring instance's start, from its id (the most structured source: no text at all). */
export function fromEventId(eventId: string, clock: PageClock): SourcedReading | null {
  const reading = startFromEventId(eventId, clock.timeZone);
  return reading && { ...reading, source: 'event id' };
}

/** The chip's day column (`data-datekey`), used to complete texts that leave out the day or year. */
export function chipDay(chip: HTMLElement | null): Day | null {
  const column = chip?.closest(google.dayColumn.variants.join(','));
  return dayFromDatekey(column?.getAttribute('data-datekey'));
}

/** The grid chip's screen-reader description ("1pm to 1:45pm, Weekly sync, …, September 29, 2026"), with its column's day. */
export function fromChip(chip: HTMLElement | null, title: string, clock: PageClock): SourcedReading | null {
  if (!chip) return null;
  // The title must not be read as a date ("Q3 review May 5").
  const description = visibleText(pick(chip, google.chipDescription)).replace(title, ' ');
  const reading = description ? readSpan(description, options(clock, chipDay(chip))) : null;
  return reading && { ...reading, source: 'grid chip' };
}

/**
 * The card's time row, line by line: the first line other than the title that names a time. The
 * recurrence line ("Weekly on Tuesday", "Annually on October 12") comes after it and is never
 * joined to it.
 */
export function fromTimeRow(row: HTMLElement | null, title: string, clock: PageClock, fallback: Day | null): SourcedReading | null {
  for (const line of visibleLines(row)) {
    if (line === title) continue;
    const reading = readSpan(line.replace(title, ' '), options(clock, fallback));
    if (reading) return { ...reading, source: 'time row' };
  }
  return null;
}

function fieldValue(field: HTMLElement | null): string {
  if (!field) return '';
  const value = field instanceof HTMLInputElement ? field.value || field.getAttribute('value') : visibleText(field);
  return (value ?? '').trim();
}

/**
 * The full-page form's fields: start date and time, end date and time. An all-day event's form
 * has no time fields, and its end date is the last day (inclusive), as Google's form shows it.
 */
export function fromEditForm(page: HTMLElement, clock: PageClock): SourcedReading | null {
  const [startDate, startTime, endDate, endTime] = [google.startDate, google.startTime, google.endDate, google.endTime].map((selector) =>
    fieldValue(pick(page, selector)),
  ) as [string, string, string, string];
  if (!startDate) return null;
  // Each field is its own piece; the range word between them is ours.
  const text = `${startDate} ${startTime} – ${endDate || startDate} ${endTime}`;
  const reading = readSpan(text, options(clock));
  return reading && { ...reading, source: 'edit form' };
}
