import { z } from 'zod';
import { zDate, zId, zTimestamp } from './common';

export const zMemberRole = z.enum(['mentor', 'mentee', 'advisor', 'executive', 'rotator', 'host']);
export type MemberRole = z.infer<typeof zMemberRole>;
export const zEngagementStatus = z.enum(['active', 'paused', 'closed']);
export type EngagementStatus = z.infer<typeof zEngagementStatus>;

export { rolesByKind, rotationDays } from './rules/engagement';

export const zMember = z.object({ participantId: zId, role: zMemberRole });
export type Member = z.infer<typeof zMember>;

export const zEngagementMember = zMember.extend({ displayName: z.string(), email: z.string() }).meta({ id: 'EngagementMember' });

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
const zMembers = z.array(zMember.strict()).min(2).max(100);

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
