import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../shared';
import type { AppEnv, Auth } from '../env';
import { findAuthByHash } from '../db/tokens';
import { hashToken } from '../domain/token-secrets';
import { ApiError, forbidden } from './errors';

/** The secret of an `Authorization: Bearer …` header, or null. */
export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Resolves the bearer token to the caller (`c.var.auth`), or answers 401. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const secret = bearerOf(c.req.header('authorization'));
    if (!secret) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
    const auth = await findAuthByHash(c.env.DB, await hashToken(secret));
    if (!auth) throw new ApiError(401, 'unauthorized', 'Invalid or revoked token');
    c.set('auth', auth);
    await next();
  };
}

/** Throws 403 unless the caller holds one of the roles. */
export function requireRole(auth: Auth, ...roles: Role[]): void {
  if (!roles.includes(auth.role)) throw forbidden(`This needs the ${roles.join(' or ')} role`);
}

export const isStaff = (auth: Auth) => auth.role === 'coordinator' || auth.role === 'admin';
