import type { EngagementRow, MemberRole } from '../../shared';

/** SQL for an engagement's members as a JSON array (correlated on `e.id`). */
export const membersJson = `(SELECT json_group_array(json_object('participantId', m.participant_id, 'displayName', pa.display_name, 'role', m.role))
  FROM engagement_members m JOIN participants pa ON pa.id = m.participant_id WHERE m.engagement_id = e.id)`;

/**
 * The same as compact JSON, `[[participantId, displayName, role], …]` — the form the rollups keep
 * (`rollup_engagements.members`, worker/migrations/0003): a third of the bytes for 5,000 engagements.
 */
export const compactMembersJson = `(SELECT json_group_array(json_array(m.participant_id, pa.display_name, m.role))
  FROM engagement_members m JOIN participants pa ON pa.id = m.participant_id WHERE m.engagement_id = e.id)`;

type Member = EngagementRow['members'][number];
// What `localeCompare` does (ECMA-402), without building a collator per comparison: thousands of rows.
const collator = new Intl.Collator();
const byRoleThenName = (a: Member, b: Member) => collator.compare(a.role, b.role) || collator.compare(a.displayName, b.displayName);

/** The members column, in a stable order: by role, then name. */
export function parseMembers(json: string): EngagementRow['members'] {
  return (JSON.parse(json) as { participantId: string; displayName: string; role: MemberRole }[]).sort(byRoleThenName);
}

/** A `compactMembersJson` column (its text, or already parsed), as `parseMembers` gives it. */
export function parseCompactMembers(json: string | [string, string, MemberRole][]): EngagementRow['members'] {
  const members = typeof json === 'string' ? (JSON.parse(json) as [string, string, MemberRole][]) : json;
  return members.map(([participantId, displayName, role]) => ({ participantId, displayName, role })).sort(byRoleThenName);
}
