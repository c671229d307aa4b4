import { pickAll } from '../selectors';
import { dayFromDatekey } from '../when';
import { google } from './selectors';

/**
 * The days Google Calendar's grid shows, from its day columns' `data-datekey` (day, week, month
 * and schedule views all carry one per day shown): local midnight of the first to the end of the
 * last. Null when no column is dated (the year view, a settings page).
 */
export function googleVisibleRange(doc: Document): { from: string; to: string } | null {
  const days = pickAll(doc, google.dayColumn)
    .map((column) => dayFromDatekey(column.getAttribute('data-datekey')))
    .filter((day) => day !== null && day.year !== null)
    .map((day) => new Date(day!.year!, day!.month, day!.day).getTime());
  if (days.length === 0) return null;
  const first = new Date(Math.min(...days));
  const last = new Date(Math.max(...days));
  last.setDate(last.getDate() + 1);
  return { from: first.toISOString(), to: new Date(last.getTime() - 1).toISOString() };
}
