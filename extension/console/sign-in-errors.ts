/** What a failed sign-in says: the API's own message, and — when it is rate limiting — when to try again. */
import { ApiError } from '../lib/api';

/** "2 minutes", "45 seconds": how long `Retry-After` asks to wait, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * @example signInError(new ApiError(429, 'Too many sign-in attempts', 120_000)) // 'Too many sign-in attempts. Try again in 2 minutes.'
 */
export function signInError(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 429) {
    const message = err.message.replace(/\.?$/, '.');
    return err.retryAfterMs === null ? `${message} Try again later.` : `${message} Try again in ${waitText(err.retryAfterMs)}.`;
  }
  if (err.status === 0) return `${err.message}. Check your connection and try again.`;
  return err.message;
}
