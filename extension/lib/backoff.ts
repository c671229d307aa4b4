/**
 * How long the queue waits after failed attempts: exponential, capped, with "equal jitter"
 * (half the ceiling fixed, half random) so many browsers coming back online at once don't
 * retry in step, and no retry comes sooner than half the ceiling.
 *
 * The base is one minute because `chrome.alarms` fire no sooner than 30 s after they are set:
 * a shorter delay would only be rounded up. See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export const backoff = {
  baseMs: 60_000,
  maxMs: 30 * 60_000,
  /** Chrome's minimum alarm delay. */
  alarmMinMs: 30_000,
} as const;

/**
 * The delay before attempt `attempts + 1`, after `attempts` (≥ 1) consecutive failures.
 * With `random` in [0, 1): between ceiling / 2 and ceiling, where ceiling = min(max, base × 2^(attempts−1)).
 *
 * @example backoffDelay(1) // 30–60 s; backoffDelay(3) // 2–4 min; backoffDelay(10) // 15–30 min
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The delay to wait, honouring the server's `Retry-After` when it asks for longer. */
export function retryDelay(attempts: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  return Math.max(backoffDelay(attempts, random), Math.min(retryAfterMs ?? 0, backoff.maxMs * 2));
}
