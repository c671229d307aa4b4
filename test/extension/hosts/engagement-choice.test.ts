import { describe, expect, it } from 'vitest';
import type { Engagement } from '../../../shared';
import { engagementLabel, preselectEngagement, taggable } from '../../../extension/features/engagement-choice';
import { pulseIsDue } from '../../../shared/rules/pulse';
import type { LocalSession } from '../../../extension/lib/messages';

const me = { participantId: 'p-ben', email: 'ben.okafor@example.com' };

function engagement(id: string, others: [string, string][], status: Engagement['status'] = 'active'): Engagement {
  return {
    id,
    programmeId: 'prog',
    members: [
      { participantId: 'p-ben', role: 'mentee', displayName: 'Ben Okafor', email: 'ben.okafor@example.com' },
      ...others.map(([name, email]) => ({ participantId: `p-${name}`, role: 'mentor' as const, displayName: name, email })),
    ],
    startsOn: '2026-01-01',
    endsOn: null,
    status,
    objectives: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

const withAna = engagement('e-ana', [['Ana Ruiz', 'Ana.Ruiz@example.com']]);
const withDana = engagement('e-dana', [['Dana Lee', 'dana.lee@example.com']]);
const council = engagement('e-council', [
  ['Ana Ruiz', 'ana.ruiz@example.com'],
  ['Eve Park', 'eve.park@example.com'],
  ['Femi Ade', 'femi.ade@example.com'],
]);

describe('preselectEngagement', () => {
  it('picks the engagement whose other members are the event’s guests, whatever the case of the emails', () => {
    expect(preselectEngagement([withDana, withAna], ['ana.ruiz@example.com', 'ben.okafor@example.com'], 'e-dana', me)).toBe('e-ana');
  });

  it('prefers the engagement all of whose members are invited over one with more members partly invited', () => {
    const guests = ['ana.ruiz@example.com', 'eve.park@example.com'];
    expect(preselectEngagement([council, withAna], guests, null, me)).toBe('e-ana');
    expect(preselectEngagement([council, withAna], [...guests, 'femi.ade@example.com'], null, me)).toBe('e-council');
  });

  it('does not count the leader themself as a match', () => {
    expect(preselectEngagement([withAna, withDana], ['ben.okafor@example.com'], 'e-dana', me)).toBe('e-dana');
  });

  it('falls back to the last used engagement when no guest matches', () => {
    expect(preselectEngagement([withAna, withDana], ['someone@else.com'], 'e-dana', me)).toBe('e-dana');
  });

  it('falls back to the only engagement there is', () => {
    expect(preselectEngagement([withAna], [], null, me)).toBe('e-ana');
  });

  it('leaves the choice to the leader when nothing fits', () => {
    expect(preselectEngagement([withAna, withDana], [], null, me)).toBeNull();
    expect(preselectEngagement([withAna, withDana], [], 'e-gone', me)).toBeNull();
  });

  it('never pre-selects a closed engagement', () => {
    const closed = engagement('e-closed', [['Ana Ruiz', 'ana.ruiz@example.com']], 'closed');
    expect(preselectEngagement([closed, withDana], ['ana.ruiz@example.com'], 'e-closed', me)).toBe('e-dana');
  });
});

describe('taggable and engagementLabel', () => {
  it('offers active engagements first, then paused ones, never closed ones', () => {
    const paused = engagement('e-paused', [['Gil', 'gil@example.com']], 'paused');
    const closed = engagement('e-closed', [['Hal', 'hal@example.com']], 'closed');
    expect(taggable([paused, closed, withAna]).map((e) => e.id)).toEqual(['e-ana', 'e-paused']);
  });

  it('names an engagement by who it is with', () => {
    expect(engagementLabel(withAna, me)).toBe('Ana Ruiz (mentor)');
    expect(engagementLabel(council, me)).toBe('Ana Ruiz, Eve Park +1');
  });
});

describe('pulseIsDue (the one rule of the panel, the popup and the reminders)', () => {
  const now = Date.parse('2026-10-01T12:00:00Z');
  const session = (endsAt: string, patch: Partial<LocalSession> = {}): LocalSession => ({
    id: 's',
    engagementId: 'e',
    startsAt: '2026-09-01T00:00:00Z',
    endsAt,
    source: { provider: 'google', eventId: 'x' },
    cycle: null,
    status: 'held',
    title: null,
    pulse: null,
    pulseAnswered: false,
    pending: false,
    clientUpdatedAt: '2026-09-01T00:00:00Z',
    ...patch,
  });

  it('asks once the session has ended, for 14 days', () => {
    expect(pulseIsDue(session('2026-10-01T11:00:00Z'), now)).toBe(true);
    expect(pulseIsDue(session('2026-09-17T12:00:00Z'), now)).toBe(true);
  });

  it('does not ask before the end, after the window, for a cancelled session, or once answered here or elsewhere', () => {
    expect(pulseIsDue(session('2026-10-01T13:00:00Z'), now)).toBe(false);
    expect(pulseIsDue(session('2026-09-17T11:59:00Z'), now)).toBe(false);
    expect(pulseIsDue(session('2026-10-01T11:00:00Z', { status: 'cancelled' }), now)).toBe(false);
    expect(
      pulseIsDue(
        session('2026-10-01T11:00:00Z', { pulse: { value: 4, safety: null, applied: null, checkIn: false }, pulseAnswered: true }),
        now,
      ),
    ).toBe(false);
    expect(pulseIsDue(session('2026-10-01T11:00:00Z', { pulseAnswered: true }), now)).toBe(false);
  });
});
