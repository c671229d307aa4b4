import type { RateLimitName } from '../../shared';
import { hit } from '../db/rate-limits';
import { RateLimited } from './errors';

/**
 * The caller's address, as Cloudflare reports it (a client cannot set `CF-Connecting-IP` through
 * Cloudflare: it is overwritten). Locally, where nothing sets it, every caller shares one key.
 */
export const addressOf = (req: { header(name: string): string | undefined }) => req.header('cf-connecting-ip') ?? 'local';

/** Counts the request against `name` for `key`; throws 429 (with `Retry-After`) past the limit. */
export async function limit(db: D1Database, name: RateLimitName, key: string, nowMs = Date.now()): Promise<void> {
  const { ok, window } = await hit(db, name, key, nowMs);
  if (!ok) throw new RateLimited(window.retryAfterSeconds, 'Too many attempts: try again later');
}
