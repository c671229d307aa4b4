/**
 * The `clientUpdatedAt` of a new edit: now, but always after the edit it replaces. The API keeps a
 * write only if it is newer than the stored one, so two edits within the same millisecond must
 * not carry the same time.
 *
 * @example nextStamp('2026-07-01T09:00:00.000Z') // now, or 09:00:00.001 if the clock says earlier
 */
export function nextStamp(previous?: string | null, now = Date.now()): string {
  const after = previous ? Date.parse(previous) + 1 : 0;
  return new Date(Math.max(now, Number.isNaN(after) ? 0 : after)).toISOString();
}

/** An instant as the API stores it: ISO-8601 UTC. Throws for what is not an instant. */
export function toInstant(value: string, what: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what} is not a valid time`);
  return new Date(ms).toISOString();
}
