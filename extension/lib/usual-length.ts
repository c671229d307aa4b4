/**
 * How long an engagement's meetings usually last, to offer when a calendar gives a meeting no
 * length (an .ics event with a start and no end): the median of its held sessions' lengths, in
 * whole minutes, or an hour when it has none to go by.
 */

export const defaultMinutes = 60;

/** Lengths a leader can pick from; the usual one is added when it is not among them. */
export const minuteChoices = [15, 30, 45, 60, 90, 120] as const;

/**
 * @example usualMinutes([{ engagementId: 'e', status: 'held', startsAt: '…T10:00Z', endsAt: '…T10:45Z' }], 'e') // 45
 */
export function usualMinutes(
  sessions: readonly { engagementId: string; status: string; startsAt: string; endsAt: string }[],
  engagementId: string,
): number {
  const lengths = sessions
    .filter((s) => s.engagementId === engagementId && s.status === 'held')
    .map((s) => Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000))
    .filter((minutes) => minutes > 0)
    .sort((a, b) => a - b);
  if (lengths.length === 0) return defaultMinutes;
  const mid = lengths.length >> 1;
  return lengths.length % 2 === 1 ? lengths[mid]! : Math.round((lengths[mid - 1]! + lengths[mid]!) / 2);
}
