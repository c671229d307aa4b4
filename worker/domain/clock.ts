import { dayMs } from '../../shared';
import { invalid } from './errors';

/** The server's now, ISO-8601 UTC. */
export const nowIso = () => new Date().toISOString();

/**
 * A client clock may run ahead, but an edit dated more than a day ahead would lock out
 * every later edit (newest wins), so it is refused.
 */
export function assertNotFromTheFuture(clientUpdatedAt: string, now: string): void {
  if (Date.parse(clientUpdatedAt) > Date.parse(now) + dayMs) {
    throw invalid('clientUpdatedAt is more than a day in the future', [
      { path: 'clientUpdatedAt', message: 'more than a day in the future', code: 'too_big' },
    ]);
  }
}
