import { describe, expect, it } from 'vitest';
import { outlookCalendar } from '../../../extension/hosts/outlook';
import { fixtureLayouts, loadFixture, local } from '../fixtures';
import { loadOutlookFixture } from './outlook-fixture';

const endOf = (year: number, month: number, day: number) => new Date(Date.parse(local(year, month, day + 1)) - 1).toISOString();

describe.each(fixtureLayouts)('the dates Outlook’s grid shows (%s markup)', (layout) => {
  it('reads the work week from its day headers', () => {
    loadFixture('outlook.html', layout);

    expect(outlookCalendar.visibleRange?.(document)).toEqual({ from: local(2026, 9, 28), to: endOf(2026, 10, 2) });
  });

  it('reads the month view from its day cells', () => {
    loadOutlookFixture('peek-month-past-midnight-en-gb.html', 'https://outlook.live.com/calendar/view/month', layout);
    // The saved month grid's dated cells: Monday 28 September to Sunday 4 October 2026.
    expect(outlookCalendar.visibleRange?.(document)).toEqual({ from: local(2026, 9, 28), to: endOf(2026, 10, 4) });
  });

  it('is null for a deep link to one event, which shows no grid', () => {
    loadOutlookFixture('deep-link-all-day-de-de.html', 'https://outlook.office.com/calendar/item/x', layout);

    expect(outlookCalendar.visibleRange?.(document)).toBeNull();
  });
});
