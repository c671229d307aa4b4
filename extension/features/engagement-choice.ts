import type { Cycle, Engagement } from '../../shared';

/** The person using the extension, to leave out of "who is this engagement with". */
export interface Self {
  participantId: string | null;
  email: string | null;
}

function others(engagement: Engagement, self: Self) {
  const selfEmail = self.email?.toLowerCase() ?? null;
  return engagement.members.filter((member) => member.participantId !== self.participantId && member.email.toLowerCase() !== selfEmail);
}

/**
 * The engagement to pre-select when tagging an event, so that tagging is one click:
 * the one whose other members are among the event's guests (all of them beats some of them, more
 * beats fewer), else the one last used, else the only one there is. Closed engagements are not
 * offered. Null when nothing fits: the leader picks (two clicks).
 *
 * @example preselectEngagement(engagements, ['ana@example.com'], lastUsedId, { participantId: me.id, email: me.email })
 */
export function preselectEngagement(
  engagements: readonly Engagement[],
  guests: readonly string[],
  lastUsed: string | null,
  self: Self,
): string | null {
  const open = taggable(engagements);
  const invited = new Set(guests.map((guest) => guest.toLowerCase()));
  let best: { id: string; all: boolean; count: number } | null = null;
  for (const engagement of open) {
    const emails = others(engagement, self).map((member) => member.email.toLowerCase());
    const count = emails.filter((email) => invited.has(email)).length;
    if (count === 0) continue;
    const candidate = { id: engagement.id, all: count === emails.length, count };
    const better =
      !best ||
      Number(candidate.all) > Number(best.all) ||
      (candidate.all === best.all && candidate.count > best.count) ||
      (candidate.all === best.all && candidate.count === best.count && candidate.id === lastUsed);
    if (better) best = candidate;
  }
  if (best) return best.id;
  if (lastUsed && open.some((engagement) => engagement.id === lastUsed)) return lastUsed;
  return open.length === 1 ? open[0]!.id : null;
}

/** Engagements a session can be tagged to: active ones, then paused ones; never closed ones. */
export function taggable(engagements: readonly Engagement[]): Engagement[] {
  const rank = { active: 0, paused: 1, closed: 2 } as const;
  return engagements.filter((engagement) => engagement.status !== 'closed').sort((a, b) => rank[a.status] - rank[b.status]);
}

/** "Ana Ruiz (mentor)", or "Ana Ruiz, Ben Okafor +2" for a council: who the engagement is with. */
export function engagementLabel(engagement: Engagement, self: Self): string {
  const people = others(engagement, self);
  if (people.length === 0) return 'Engagement';
  if (people.length === 1) return `${people[0]!.displayName} (${people[0]!.role})`;
  const shown = people
    .slice(0, 2)
    .map((member) => member.displayName)
    .join(', ');
  return people.length > 2 ? `${shown} +${people.length - 2}` : shown;
}

/** The business-cycle tags, in the order the picker shows them. */
export const cycles: readonly { value: Cycle; label: string }[] = [
  { value: 'product_launch', label: 'Product launch' },
  { value: 'market_review', label: 'Market review' },
  { value: 'talent_review', label: 'Talent review' },
  { value: 'strategy_offsite', label: 'Strategy off-site' },
  { value: 'other', label: 'Other' },
];
