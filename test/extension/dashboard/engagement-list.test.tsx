import { describe, expect, it } from 'vitest';
import type { EngagementAnalytics, EngagementRow } from '../../../shared';
import type { Filters } from '../../../extension/dashboard/analytics-paths';
import { EngagementList } from '../../../extension/dashboard/engagement-list';
import { mount } from './render';

const filters: Filters = { programmeId: null, from: '2026-10-01', to: '2026-12-31' };

const row = (n: number, health: EngagementRow['health']): EngagementRow => ({
  engagementId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  programmeId: '00000000-0000-4000-8000-000000000999',
  programmeName: 'Circle',
  kind: 'classic',
  status: 'active',
  members: [
    { participantId: `p${n}a`, displayName: `Mentor ${n}`, role: 'mentor' },
    { participantId: `p${n}b`, displayName: `Mentee ${n}`, role: 'mentee' },
  ],
  startsOn: '2025-01-01',
  endsOn: null,
  sessionsHeld: 1,
  sessionsCancelled: 0,
  expected: 2,
  expectedIntervalDays: 45.63,
  lastSessionAt: null,
  daysSinceLastSession: 200 - n,
  health,
});

/** Five engagements in pages of two, as the API would send them. */
const rows = [row(1, 'lapsed'), row(2, 'at_risk'), row(3, 'healthy'), row(4, 'healthy'), row(5, 'healthy')];
const pageAt = (start: number): EngagementAnalytics => ({
  period: { ...filters, asOf: '2026-11-21' },
  programmeId: null,
  minGroupSize: 5,
  totals: {
    sessionsHeld: 5,
    sessionsCancelled: 0,
    activeEngagements: 5,
    activeParticipants: 10,
    commitmentMetRate: null,
    commitmentEligible: 0,
    medianDaysBetweenSessions: null,
    pulseResponseRate: { value: null, suppressed: true },
    health: { healthy: 3, at_risk: 1, lapsed: 1 },
  },
  byProgramme: [],
  byMonth: [],
  engagements: rows.slice(start, start + 2),
  engagementCount: rows.length,
  nextCursor: start + 2 < rows.length ? `after-${start + 1}` : null,
});

const shownIds = ($$: (s: string) => HTMLElement[]) => $$('[data-dyad="engagement-row"]').map((r) => r.dataset.engagement);

describe("the overview's engagement list", () => {
  it('shows the first page, then appends each next page asked for with the cursor, until the last', async () => {
    const asked: (string | null)[] = [];
    const engagement = async (_f: Filters, cursor: string | null = null) => {
      asked.push(cursor);
      return pageAt(cursor === 'after-1' ? 2 : 4);
    };
    const { $, $$, click } = await mount(<EngagementList first={pageAt(0)} filters={filters} />, { api: { engagement } });

    expect(shownIds($$)).toEqual(rows.slice(0, 2).map((r) => r.engagementId));
    expect($('[data-dyad="engagements-shown"]').textContent).toBe('2 of 5 shown');

    await click('[data-dyad="engagements-more"]');
    await click('[data-dyad="engagements-more"]');

    expect(asked).toEqual(['after-1', 'after-3']);
    expect(shownIds($$)).toEqual(rows.map((r) => r.engagementId));
    expect($('[data-dyad="engagements-shown"]').textContent).toBe('5 of 5 shown');
    expect($$('[data-dyad="engagements-more"]')).toHaveLength(0);
  });

  it('keeps the rows it has and says so when the next page fails', async () => {
    const engagement = async () => {
      throw new Error('offline');
    };
    const { $, $$, click } = await mount(<EngagementList first={pageAt(0)} filters={filters} />, { api: { engagement } });

    await click('[data-dyad="engagements-more"]');

    expect(shownIds($$)).toHaveLength(2);
    expect($('[role="alert"]').textContent).toBe('Could not load more: offline');
    expect($$('[data-dyad="engagements-more"]')).toHaveLength(1);
  });

  it('labels health and says when there is nothing in the period', async () => {
    const { $$ } = await mount(<EngagementList first={pageAt(0)} filters={filters} />);
    const empty = await mount(
      <EngagementList first={{ ...pageAt(0), engagements: [], engagementCount: 0, nextCursor: null }} filters={filters} />,
    );

    expect($$('.health-tag').map((t) => t.textContent)).toEqual(['Lapsed', 'At risk']);
    expect(empty.container.textContent).toBe('No engagement in this period.');
  });
});
