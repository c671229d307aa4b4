import type { EngagementRow, MemberRole } from '../../shared';

/** SQL for an engagement's members as a JSON array (correlated on `e.id`). */
export const membersJson = `(SELECT json_group_array(json_object('participantId', m.participant_id, 'displayName', pa.display_name, 'role', m.role))
  FROM engagement_members m JOIN participants pa ON pa.id = m.participant_id WHERE m.engagement_id = e.id)`;

/** The members column, in a stable order: by role, then name. */
export function parseMembers(json: string): EngagementRow['members'] {
  return (JSON.parse(json) as { participantId: string; displayName: string; role: MemberRole }[]).sort(
    (a, b) => a.role.localeCompare(b.role) || a.displayName.localeCompare(b.displayName),
  );
}
