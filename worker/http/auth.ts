import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { findAuthByAccessHash } from '../db/credentials';
import { tokenExpired } from '../domain/errors';
import { hashToken } from '../domain/token-secrets';
import { ApiError } from './errors';

// The rules live in the policy module; these re-exports keep older imports working.
export { isStaff, requireRole } from '../policy';

/** The secret of an `Authorization: Bearer …` header, or null. */
export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * Resolves the access token to the caller (`c.var.auth`) and their organisation (`c.var.org`), or
 * answers 401 — `token_expired` when it only lapsed, so the client refreshes and retries.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const secret = bearerOf(c.req.header('authorization'));
    if (!secret) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
    const caller = await findAuthByAccessHash(c.env.DB, await hashToken(secret));
    if (!caller) throw new ApiError(401, 'unauthorized', 'Invalid or revoked token');
    if (caller.expiresAt <= new Date().toISOString()) throw tokenExpired();
    c.set('auth', caller.auth);
    c.set('org', caller.org);
    await next();
  };
}

/**
 * Hashes the bearer token (`c.var.tokenHash`) without looking it up, or answers 401 when there is none.
 * The write path resolves the hash to the caller in the same D1 round trip as everything else it
 * reads, which is what keeps a PUT at two round trips.
 */
export function bearerHash(): MiddlewareHandler<AppEnv> {
  return async function bearerHash(c, next) {
    const secret = bearerOf(c.req.header('authorization'));
    if (!secret) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
    c.set('tokenHash', await hashToken(secret));
    await next();
  };
}
