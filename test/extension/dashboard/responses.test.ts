import { describe, expect, it } from 'vitest';
import { isAlerts, isEngagementAnalytics, isIssuedToken, isMe, isRepresentation } from '../../../extension/dashboard/responses';
import { zEngagementAnalytics, zMe } from '../../../shared';
import { me } from '../unit/fake-api';

const engagement = {
  period: { from: '2026-10-01', to: '2026-12-31', asOf: '2026-11-21' },
  programmeId: null,
  minGroupSize: 5,
  totals: {
    sessionsHeld: 3,
    sessionsCancelled: 0,
    activeEngagements: 1,
    activeParticipants: 2,
    commitmentMetRate: null,
    commitmentEligible: 0,
    medianDaysBetweenSessions: null,
    pulseResponseRate: { value: null, suppressed: true },
    health: { healthy: 1, at_risk: 0, lapsed: 0 },
  },
  byProgramme: [],
  byMonth: [
    { month: '2026-10', sessionsHeld: 3, sessionsCancelled: 0, pulseResponseRate: { value: null, suppressed: true }, byProgramme: [] },
  ],
  engagements: [],
  engagementCount: 0,
  nextCursor: null,
};

describe("the dashboard's light response checks", () => {
  it('accept what the shared schemas accept', () => {
    expect(zEngagementAnalytics.safeParse(engagement).success).toBe(true);
    expect(isEngagementAnalytics.safeParse(engagement)).toEqual({ success: true, data: engagement });
    expect(zMe.safeParse(me).success).toBe(true);
    expect(isMe.safeParse(me).success).toBe(true);
  });

  it('refuse an answer of the wrong shape', () => {
    expect(isEngagementAnalytics.safeParse({ ...engagement, totals: { ...engagement.totals, pulseResponseRate: 0.5 } }).success).toBe(
      false,
    );
    expect(isEngagementAnalytics.safeParse({ ...engagement, nextCursor: undefined }).success).toBe(false);
    expect(isAlerts.safeParse({ alerts: [] }).success).toBe(false);
    expect(isRepresentation.safeParse(null).success).toBe(false);
    expect(isIssuedToken.safeParse({ token: { id: 't', role: 'participant', createdAt: 'x' } }).success).toBe(false);
  });
});
