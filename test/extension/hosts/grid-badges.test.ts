import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createGridBadges } from '../../../extension/features/grid-badges';
import { googleCalendar } from '../../../extension/hosts/google-calendar';
import { outlookCalendar } from '../../../extension/hosts/outlook';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { loadFixture } from '../fixtures';

const badges = () => Array.from(document.querySelectorAll('[data-dyad="badge"]'));

describe('grid badges', () => {
  beforeEach(() => {
    resetWarnings();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('marks the chips of tagged events on Google Calendar, once each', () => {
    loadFixture('google-calendar.html');
    const grid = createGridBadges();
    grid.setTagged(['4k2q8v1r7s3t5u6o0p9n1m2l3j', '2b3n4m5l6k7j8h9g0f1d2s3a4q', 'not-on-screen']);

    grid.apply(googleCalendar.gridChips(document));
    grid.apply(googleCalendar.gridChips(document));

    expect(badges()).toHaveLength(2);
    expect(badges().map((badge) => badge.parentElement!.getAttribute('data-eventid'))).toEqual([
      'MmIzbjRtNWw2azdqOGg5ZzBmMWQyczNhNHEgYmVuLm9rYWZvckBleGFtcGxlLmNvbQ',
      'NGsycTh2MXI3czN0NXU2bzBwOW4xbTJsM2ogYmVuLm9rYWZvckBleGFtcGxlLmNvbQ',
    ]);
  });

  it('marks Outlook tiles and takes a badge away when the session is no longer tagged', () => {
    loadFixture('outlook.html');
    const grid = createGridBadges();
    const chips = outlookCalendar.gridChips(document);
    grid.setTagged([chips[2]!.eventId]);
    grid.apply(chips);
    expect(badges()).toHaveLength(1);

    grid.setTagged([]);
    grid.apply(outlookCalendar.gridChips(document));

    expect(badges()).toHaveLength(0);
  });

  it('puts the badge back on a chip the calendar re-rendered', () => {
    loadFixture('google-calendar.html');
    const grid = createGridBadges();
    grid.setTagged(['9z8x7c6v5b4n3m2l1k0j9h8g7f']);
    grid.apply(googleCalendar.gridChips(document));
    const chip = badges()[0]!.parentElement!;
    const fresh = chip.cloneNode(true) as HTMLElement;
    fresh.querySelector('[data-dyad="badge"]')!.remove();
    chip.replaceWith(fresh);

    grid.apply(googleCalendar.gridChips(document));

    expect(badges()).toHaveLength(1);
    expect(badges()[0]!.parentElement).toBe(fresh);
  });
});
