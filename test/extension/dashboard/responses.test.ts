import { describe, expect, it } from 'vitest';
import {
  isAlerts,
  isAuditPage,
  isEngagementAnalytics,
  isIssuedInvitation,
  isMe,
  isMyCredentials,
  isRepresentation,
  isSignedIn,
} from '../../../extension/dashboard/responses';
import { zAuditPage, zEngagementAnalytics, zMe, zMyCredentials, zSignedIn } from '../../../shared';
import { coordinator as me } from './render';

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
    expect(isIssuedInvitation.safeParse({ invitation: { id: 'i' }, code: 'c' }).success).toBe(false);
    expect(isSignedIn.safeParse({ accessToken: 'a', expiresIn: 900, credentialId: 'c', me: {} }).success).toBe(false);
  });

  it('accept the identity answers the shared schemas accept', () => {
    const id = '00000000-0000-4000-8000-00000000c001';
    const at = '2026-12-07T10:00:00.000Z';
    const signedIn = { accessToken: 'dyad_at_x', expiresIn: 900, credentialId: id, me };
    const mine = {
      credentials: [
        {
          id,
          kind: 'sso',
          client: 'console',
          label: null,
          createdAt: at,
          lastUsedAt: at,
          revokedAt: null,
          revokedBy: null,
          invitationId: null,
          providerLabel: 'Northwind (Okta)',
          current: true,
        },
      ],
      invitations: [],
    };
    const audit = {
      events: [{ id: 7, at, action: 'role_changed', actor: null, subject: null, detail: { from: 'participant' } }],
      nextBefore: 7,
    };

    expect([zSignedIn.safeParse(signedIn).success, isSignedIn.safeParse(signedIn).success]).toEqual([true, true]);
    expect([zMyCredentials.safeParse(mine).success, isMyCredentials.safeParse(mine).success]).toEqual([true, true]);
    expect([zAuditPage.safeParse(audit).success, isAuditPage.safeParse(audit).success]).toEqual([true, true]);
  });
});
