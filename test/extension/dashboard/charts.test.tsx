import { describe, expect, it } from 'vitest';
import type { PulseAnalytics, Representation, RepresentationGroup } from '../../../shared';
import { HealthChart } from '../../../extension/dashboard/health-chart';
import { linePath, monthPoints, PulseChart } from '../../../extension/dashboard/pulse-chart';
import { FOUR_FIFTHS, groupRows, panels, RepresentationChart } from '../../../extension/dashboard/representation-chart';
import { monthStacks, SessionsChart } from '../../../extension/dashboard/sessions-chart';
import { SuppressionNote } from '../../../extension/dashboard/suppression-note';
import { mount, programme } from './render';

const head = {
  period: { from: '2026-07-01', to: '2026-12-31', asOf: '2026-11-21' },
  programmeId: null,
  minGroupSize: 5,
  disclosure: { released: [], pending: [], populationChanges: 0 },
};
const group = (g: string, patch: Partial<RepresentationGroup>): RepresentationGroup => ({
  group: g,
  suppressed: false,
  participants: 10,
  share: 0.5,
  population: 100,
  populationShare: 0.5,
  representationIndex: 1,
  selectionRate: 0.1,
  impactRatio: 1,
  adverseImpact: false,
  sessionsPerParticipant: 2,
  seniorMinutesPerParticipant: 30,
  ...patch,
});
const hidden = {
  suppressed: true,
  participants: null,
  share: null,
  representationIndex: null,
  selectionRate: null,
  impactRatio: null,
  adverseImpact: null,
  sessionsPerParticipant: null,
  seniorMinutesPerParticipant: null,
};
const representation: Representation = {
  ...head,
  dimension: 'gender',
  role: 'mentee',
  suppressed: false,
  totalParticipants: 24,
  groups: [
    group('man', { participants: 14, share: 0.58, populationShare: 0.45, impactRatio: 1 }),
    group('non_binary', { ...hidden, population: 14, populationShare: 0.01 }),
    group('woman', { participants: 7, share: 0.29, populationShare: 0.54, impactRatio: 0.41, adverseImpact: true }),
    group('undisclosed', { ...hidden, population: null, populationShare: null }),
  ],
};

describe('the representation chart', () => {
  it('draws a suppressed group hatched and labelled, never as a zero-length bar', async () => {
    const { $ } = await mount(<RepresentationChart data={representation} />);

    const row = $('[data-group="non_binary"]');
    expect(row.dataset.suppressed).toBe('true');
    expect(row.querySelectorAll('rect[fill="url(#dyad-hatch)"]')).toHaveLength(2);
    expect(row.textContent).toContain('suppressed');
    expect(row.querySelector('.bar-share')).toBeNull();
    expect(row.textContent).not.toContain('0%');
  });

  it('still shows the population share of a suppressed group (it comes from the baseline)', async () => {
    const { $ } = await mount(<RepresentationChart data={representation} />);

    expect($('[data-group="non_binary"] .bar-population')).toBeTruthy();
    expect($('[data-group="undisclosed"]').textContent).toContain('no population baseline');
  });

  it('highlights a group under the four-fifths line', async () => {
    const { $ } = await mount(<RepresentationChart data={representation} />);

    const woman = $('[data-group="woman"]');
    expect(woman.dataset.adverse).toBe('true');
    expect(woman.querySelector('.highlight')).toBeTruthy();
    expect(woman.querySelector('.bar-adverse')).toBeTruthy();
    expect($('[data-group="man"]').dataset.adverse).toBe('false');
  });

  it('marks the four-fifths line at 0.8 on the impact ratio scale', async () => {
    const { $ } = await mount(<RepresentationChart data={representation} />);

    const { ratioX, ratioW } = panels(760, 'Undisclosed'.length);
    expect(Number($('line.four-fifths').getAttribute('x1'))).toBeCloseTo(ratioX + FOUR_FIFTHS * ratioW);
  });

  it("never reads a suppressed group's figures", () => {
    const rows = groupRows({ groups: [group('x', { suppressed: true, share: 0.2, impactRatio: 0.5, adverseImpact: true })] });

    expect(rows[0]).toMatchObject({ share: null, impactRatio: null, adverse: false, suppressed: true });
  });
});

describe('the sessions chart', () => {
  const programmes = [programme('p1', 'reverse', 'Reverse'), programme('p2', 'classic', 'Classic')];
  const byMonth = [
    {
      month: '2026-10',
      sessionsHeld: 5,
      sessionsCancelled: 1,
      pulseResponseRate: { value: 0.5, suppressed: false },
      byProgramme: [
        { programmeId: 'p1', sessionsHeld: 2, sessionsCancelled: 0 },
        { programmeId: 'p2', sessionsHeld: 3, sessionsCancelled: 1 },
      ],
    },
    { month: '2026-11', sessionsHeld: 0, sessionsCancelled: 0, pulseResponseRate: { value: 0, suppressed: false }, byProgramme: [] },
  ];

  it('stacks each programme on the month, in the programmes’ order', () => {
    const [oct, nov] = monthStacks(byMonth, programmes);

    expect(oct?.total).toBe(5);
    expect(oct?.segments.map((s) => [s.name, s.start, s.end])).toEqual([
      ['Reverse', 0, 2],
      ['Classic', 2, 5],
    ]);
    expect(nov).toMatchObject({ total: 0, segments: [] });
  });

  it('draws one bar per month with its total', async () => {
    const data = { ...head, byMonth, totals: {}, byProgramme: [], engagements: [] } as never;
    const { $$ } = await mount(<SessionsChart data={data} programmes={programmes} />);

    expect($$('[data-month]').map((g) => [g.dataset.month, g.dataset.total, g.querySelectorAll('rect').length])).toEqual([
      ['2026-10', '5', 2],
      ['2026-11', '0', 0],
    ]);
    expect($$('.legend li').map((li) => li.textContent)).toEqual(['Reverse', 'Classic']);
  });
});

describe('the pulse chart', () => {
  const q = (question: 'value' | 'safety' | 'applied', mean: number | null) => ({
    question,
    suppressed: mean === null,
    partial: false,
    responses: mean === null ? null : 9,
    mean,
    distribution: null,
  });
  const pulse = {
    ...head,
    overall: { questions: [] },
    previousPeriod: { from: '2026-01-01', to: '2026-06-30' },
    byKind: [],
    byMonth: [
      { month: '2026-09', questions: [q('value', 3.9), q('safety', 4.1), q('applied', 3.5)] },
      { month: '2026-10', questions: [q('value', null), q('safety', null), q('applied', null)] },
      { month: '2026-11', questions: [q('value', 4.2), q('safety', 4.3), q('applied', 3.8)] },
    ],
  } as PulseAnalytics;

  it('draws a suppressed month hatched, and the line does not bridge it', async () => {
    const { $ } = await mount(<PulseChart data={pulse} />);

    const october = $('[data-month="2026-10"]');
    expect(october.dataset.suppressed).toBe('true');
    expect(october.querySelector('rect[fill="url(#dyad-hatch)"]')).toBeTruthy();
    expect(october.textContent).toContain('suppressed');
    const line = $('[data-question="value"] path').getAttribute('d')!;
    expect(line.match(/M/g)).toHaveLength(2);
    expect(line).not.toContain('L');
    expect($('[data-question="value"]').querySelectorAll('circle')).toHaveLength(2);
  });

  it('keeps suppressed means null, not zero', () => {
    expect(monthPoints(pulse.byMonth)[1]).toEqual({
      month: '2026-10',
      means: { value: null, safety: null, applied: null },
      suppressed: { value: true, safety: true, applied: true },
    });
  });

  it('lifts the pen at each gap', () => {
    expect(
      linePath(
        [1, 2, null, 4],
        (i) => i * 10,
        (v) => v,
      ),
    ).toBe('M0.0,1.0 L10.0,2.0 M30.0,4.0');
    expect(
      linePath(
        [null, null],
        (i) => i,
        (v) => v,
      ),
    ).toBe('');
  });
});

describe('the health chart', () => {
  it('shows each count and its share', async () => {
    const { $$ } = await mount(<HealthChart health={{ healthy: 6, at_risk: 3, lapsed: 1 }} />);

    expect($$('[data-health]').map((g) => [g.dataset.health, g.dataset.count, g.querySelector('.value')?.textContent])).toEqual([
      ['healthy', '6', '6 (60%)'],
      ['at_risk', '3', '3 (30%)'],
      ['lapsed', '1', '1 (10%)'],
    ]);
  });
});

describe('the suppression note', () => {
  it('appears only when something is suppressed, and states k', async () => {
    const shown = await mount(<SuppressionNote k={7} show />);
    const none = await mount(<SuppressionNote k={7} show={false} />);

    expect(shown.$('[data-dyad="suppression-note"]').textContent).toContain('k = 7');
    expect(none.container.innerHTML).toBe('');
  });
});

describe('group names', () => {
  it('read as words and ranges', async () => {
    const { groupLabel } = await import('../../../extension/dashboard/representation-chart');

    expect(['non_binary', '30_39', 'under_30', 'gender'].map(groupLabel)).toEqual(['Non binary', '30–39', 'Under 30', 'Gender']);
  });
});

describe('long group names', () => {
  it('get a wider label column, and an ellipsis beyond it', async () => {
    const { fitLabel, panels } = await import('../../../extension/dashboard/representation-chart');

    expect(fitLabel('Middle eastern north african')).toBe('Middle eastern north african');
    expect(fitLabel('Middle eastern north african', 20)).toBe('Middle eastern nort…');
    expect(fitLabel('White')).toBe('White');
    expect(panels(900, 28).shareX).toBeGreaterThan(panels(900, 5).shareX);
  });
});
