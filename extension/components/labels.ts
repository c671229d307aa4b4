/** How the popup and options page name things: engagements by the people in them, times in the user's locale. */
import type { Engagement, Role } from '../../shared';
import type { LocalSession } from '../lib/messages';

/** "Ada Lovelace, Grace Hopper (you: mentee)", or "Engagement" if the list has no one else. */
export function engagementLabel(engagement: Engagement, meId: string): string {
  const others = engagement.members.filter((m) => m.participantId !== meId).map((m) => m.displayName);
  const mine = engagement.members.find((m) => m.participantId === meId)?.role;
  return `${others.join(', ') || 'Engagement'}${mine ? ` (you: ${mine})` : ''}`;
}

const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

export const formatWhen = (iso: string) => when.format(new Date(iso));
export const formatDay = (iso: string) => day.format(new Date(iso));

/** A session's name: the calendar title this browser saw, or the people it was with. */
export function sessionTitle(session: LocalSession, engagements: readonly Engagement[], meId: string): string {
  if (session.title) return session.title;
  const engagement = engagements.find((e) => e.id === session.engagementId);
  return engagement ? `Session with ${engagementLabel(engagement, meId).replace(/ \(you: .*\)$/, '')}` : 'Session';
}

export const roleLabel: Record<Role, string> = { participant: 'Participant', coordinator: 'Coordinator', admin: 'Admin' };
