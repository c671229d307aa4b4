import { z } from 'zod';
import { zDate, zId, zTimestamp } from './common';
import type { ProgrammeKind } from './programme';

export const zMemberRole = z.enum(['mentor', 'mentee', 'advisor', 'executive', 'rotator', 'host']);
export type MemberRole = z.infer<typeof zMemberRole>;
export const zEngagementStatus = z.enum(['active', 'paused', 'closed']);
export type EngagementStatus = z.infer<typeof zEngagementStatus>;

/**
 * Who may sit in an engagement of each programme kind, and how many (PRODUCT.md §2).
 * In reverse mentoring the mentor is the junior colleague and the mentee the senior leader.
 */
export const rolesByKind: Record<ProgrammeKind, Partial<Record<MemberRole, { min: number; max: number }>>> = {
  reverse: { mentor: { min: 1, max: 1 }, mentee: { min: 1, max: 1 } },
  classic: { mentor: { min: 1, max: 1 }, mentee: { min: 1, max: 1 } },
  advisory: { advisor: { min: 1, max: 50 }, executive: { min: 1, max: 50 } },
  rotation: { rotator: { min: 1, max: 1 }, host: { min: 1, max: 1 } },
};

/** A rotation lasts 7 to 42 days; its debrief is due within 14 days of its end. */
export const rotationDays = { min: 7, max: 42, debriefWithin: 14 } as const;

export const zMember = z.object({ participantId: zId, role: zMemberRole });
export type Member = z.infer<typeof zMember>;

export const zEngagementMember = zMember
  .extend({ displayName: z.string(), email: z.string() })
  .meta({ id: 'EngagementMember' });

export const zEngagement = z
  .object({
    id: zId,
    programmeId: zId,
    members: z.array(zEngagementMember),
    startsOn: zDate,
    endsOn: zDate.nullable(),
    status: zEngagementStatus,
    objectives: z.array(z.string()),
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Engagement' });
export type Engagement = z.infer<typeof zEngagement>;

const zObjectives = z.array(z.string().trim().min(1).max(1000)).max(20);
const zMembers = z.array(zMember).min(2).max(100);

export const zEngagementCreate = z
  .object({
    programmeId: zId,
    members: zMembers,
    startsOn: zDate,
    endsOn: zDate.optional(),
    status: zEngagementStatus.default('active'),
    objectives: zObjectives.default([]),
  })
  .strict();
export type EngagementCreate = z.infer<typeof zEngagementCreate>;

export const zEngagementPatch = z
  .object({
    members: zMembers,
    startsOn: zDate,
    endsOn: zDate.nullable(),
    status: zEngagementStatus,
    objectives: zObjectives,
  })
  .partial()
  .strict();
export type EngagementPatch = z.infer<typeof zEngagementPatch>;

export const zEngagementListQuery = z.object({
  programmeId: zId.optional(),
  status: zEngagementStatus.optional(),
});
export const zEngagementList = z.object({ engagements: z.array(zEngagement) });


