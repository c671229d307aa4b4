import type { MiddlewareHandler } from 'hono';
import { recordAnalyticsRequest } from '../db/analytics-access';
import { windowOf } from '../db/rate-limits';
import type { AppEnv } from '../env';
import { tokenExpired } from '../domain/errors';
import { hashToken } from '../domain/token-secrets';
import { requireStaff } from '../policy';
import { bearerOf } from './auth';
import { ApiError, RateLimited } from './errors';
import { limitOf } from './rate-limit';

/** Filters as the audit log keeps them: every query parameter, each cut to a sane length. */
function filtersOf(url: URL): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [key, value] of [...url.searchParams].slice(0, 20)) filters[key.slice(0, 40)] = value.slice(0, 200);
  return filters;
}

/**
 * `authenticate()` for the analytics: staff only, counted against the coordinator's rate limit
 * (429 with `Retry-After` past it) and written to the audit log — at no round trip beyond the one
 * authentication already costs (worker/db/analytics-access.ts).
 */
export function authenticateAnalytics(): MiddlewareHandler<AppEnv> {
  return async function authenticateAnalytics(c, next) {
    const secret = bearerOf(c.req.header('authorization'));
    if (!secret) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
    const nowMs = Date.now();
    const now = new Date(nowMs).toISOString();
    const url = new URL(c.req.url);
    const window = windowOf('analytics', nowMs);
    const { count, caller } = await recordAnalyticsRequest(c.env.DB, {
      accessHash: await hashToken(secret),
      now,
      windowStart: window.start,
      endpoint: url.pathname.replace(/^\/v1\/analytics\/?/, ''),
      filters: filtersOf(url),
    });
    if (!caller) throw new ApiError(401, 'unauthorized', 'Invalid or revoked token');
    if (caller.expiresAt <= now) throw tokenExpired();
    requireStaff(caller.auth);
    if (count > limitOf(c.env, 'analytics'))
      throw new RateLimited(window.retryAfterSeconds, 'Too many analytics requests: try again shortly');
    c.set('auth', caller.auth);
    c.set('org', caller.org);
    await next();
  };
}
