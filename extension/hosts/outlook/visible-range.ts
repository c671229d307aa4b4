import { pickAll } from '../selectors';
import { outlook } from './selectors';

/**
 * The days Outlook's grid shows, from markup (the same hooks `columnDay` reads): the month view's
 * day cells (`monthDayCell_2026-09-28T…`) and the day and week views' day headers
 * (`surfaceHeader_N time[datetime]`). Local midnight of the first to the end of the last; null for
 * a view without dated days (a deep link to one event, the mail).
 */
export function outlookVisibleRange(doc: Document): { from: string; to: string } | null {
  const days = [
    ...pickAll(doc, outlook.monthDayCell).map((cell) => cell.id.replace(/^monthDayCell_/, '')),
    ...Array.from(doc.querySelectorAll('[data-tabid^="surfaceHeader_"]')).flatMap((header) =>
      pickAll(header, outlook.headerDate).map((time) => time.getAttribute('datetime') ?? ''),
    ),
  ]
    .map((value) => /^(\d{4})-(\d{2})-(\d{2})/.exec(value))
    .filter((m) => m !== null)
    .map((m) => new Date(Number(m![1]), Number(m![2]) - 1, Number(m![3])).getTime());
  if (days.length === 0) return null;
  const last = new Date(Math.max(...days));
  last.setDate(last.getDate() + 1);
  return { from: new Date(Math.min(...days)).toISOString(), to: new Date(last.getTime() - 1).toISOString() };
}
