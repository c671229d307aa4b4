import { rateLimits, type RateLimitName } from '../../shared';
import { hit } from '../db/rate-limits';
import type { Bindings } from '../env';
import { RateLimited } from './errors';

/**
 * The caller's address, as Cloudflare reports it (a client cannot set `CF-Connecting-IP` through
 * Cloudflare: it is overwritten). Locally, where nothing sets it, every caller shares one key.
 */
export const addressOf = (req: { header(name: string): string | undefined }) => req.header('cf-connecting-ip') ?? 'local';

/**
 * The limit of `name`: `rateLimits`, unless the operator set another in `RATE_LIMITS`
 * (`analytics=600,redeem=50`) — a busier organisation's dashboards, or a test run whose one
 * browser signs in more often than a person would.
 */
export function limitOf(env: Pick<Bindings, 'RATE_LIMITS'>, name: RateLimitName): number {
  for (const pair of (env.RATE_LIMITS ?? '').split(',')) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    if (key === name && Number(value) > 0) return Number(value);
  }
  return rateLimits[name].limit;
}

/** Counts the request against `name` for `key`; throws 429 (with `Retry-After`) past the limit. */
export async function limit(env: Bindings, name: RateLimitName, key: string, nowMs = Date.now()): Promise<void> {
  const { count, window } = await hit(env.DB, name, key, nowMs);
  if (count > limitOf(env, name)) throw new RateLimited(window.retryAfterSeconds, 'Too many attempts: try again later');
}
