import { z } from 'zod';
import { zClientUpdatedAt, zId, zInstant, zTimestamp } from './common';

export const zProvider = z.enum(['google', 'outlook', 'ics', 'manual']);
export type Provider = z.infer<typeof zProvider>;
export const zCycle = z.enum(['product_launch', 'market_review', 'talent_review', 'strategy_offsite', 'other']);
export type Cycle = z.infer<typeof zCycle>;
export const zSessionStatus = z.enum(['held', 'cancelled']);
export type SessionStatus = z.infer<typeof zSessionStatus>;

export const zSource = z.object({
  provider: zProvider,
  eventId: z.string().min(1).max(1024).meta({ description: "The calendar's stable id of the event (for .ics: the UID and recurrence id)" }),
});

export const zSessionPut = z
  .object({
    engagementId: zId,
    startsAt: zInstant,
    endsAt: zInstant,
    source: zSource.strict(), // a typo in a nested key must not be silently dropped either
    cycle: zCycle.nullable().default(null),
    status: zSessionStatus.default('held'),
    clientUpdatedAt: zClientUpdatedAt,
  })
  .strict()
  .refine((s) => s.endsAt >= s.startsAt, {
    message: 'endsAt must not be before startsAt',
    path: ['endsAt'],
    when: (payload) => payload.issues.length === 0, // compare only times that parsed
  })
  // A held session has a length: a zero-length one is a misread calendar (shared/rules/session-span.ts),
  // and every minute figure would rest on it. A cancelled one may keep whatever the calendar said.
  .refine((s) => s.status !== 'held' || s.endsAt > s.startsAt, {
    message: 'A held session must end after it starts',
    path: ['endsAt'],
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'SessionPut' });
export type SessionPut = z.infer<typeof zSessionPut>;
export type SessionPutInput = z.input<typeof zSessionPut>;

export const zSession = z
  .object({
    id: zId,
    engagementId: zId,
    startsAt: zTimestamp,
    endsAt: zTimestamp,
    source: zSource,
    cycle: zCycle.nullable(),
    status: zSessionStatus,
    clientUpdatedAt: zTimestamp,
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
    pulseAnswered: z.boolean().meta({ description: 'Whether the caller has answered the pulse for this session' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof zSession>;

export const zSessionListQuery = z
  .object({ from: zInstant.optional(), to: zInstant.optional(), engagementId: zId.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['to'],
    when: (payload) => payload.issues.length === 0,
  });
export const zSessionList = z.object({ sessions: z.array(zSession) });
