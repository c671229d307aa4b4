import { describe, expect, it } from 'vitest';
import { defaultMinutes, usualMinutes } from '../../../extension/lib/usual-length';

const session = (engagementId: string, minutes: number, status = 'held') => ({
  engagementId,
  status,
  startsAt: '2026-03-02T09:00:00.000Z',
  endsAt: new Date(Date.parse('2026-03-02T09:00:00.000Z') + minutes * 60_000).toISOString(),
});

describe('the usual length of an engagement’s meetings (offered when a calendar gives none)', () => {
  it('is the median of its held sessions, in minutes', () => {
    expect(usualMinutes([session('e', 30), session('e', 45), session('e', 90), session('other', 5)], 'e')).toBe(45);
    expect(usualMinutes([session('e', 30), session('e', 60)], 'e')).toBe(45);
  });

  it('leaves out cancelled and zero-length sessions, and is an hour with nothing to go by', () => {
    expect(usualMinutes([session('e', 20, 'cancelled'), session('e', 0)], 'e')).toBe(defaultMinutes);
    expect(usualMinutes([session('e', 25), session('e', 0)], 'e')).toBe(25);
  });
});
