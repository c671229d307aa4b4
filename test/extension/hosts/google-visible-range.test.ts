import { describe, expect, it } from 'vitest';
import { googleCalendar } from '../../../extension/hosts/google-calendar';
import { fixtureLayouts, loadFixture, local } from '../fixtures';

describe.each(fixtureLayouts)('the dates Google Calendar’s grid shows (%s markup)', (layout) => {
  it('runs from the first day column’s local midnight to the end of the last', () => {
    loadFixture('google-calendar.html', layout);

    // The saved work week: Monday 28 September to Friday 2 October 2026 (datekeys 28988 … 28994).
    expect(googleCalendar.visibleRange?.(document)).toEqual({
      from: local(2026, 9, 28),
      to: new Date(Date.parse(local(2026, 10, 3)) - 1).toISOString(),
    });
  });

  it('is null for a page without dated columns', () => {
    document.body.innerHTML = '<div role="main"><p>Settings</p></div>';

    expect(googleCalendar.visibleRange?.(document)).toBeNull();
  });
});
