import type { ZodError } from 'zod';

/**
 * Why the domain refuses something, in its own words: not an HTTP status. The HTTP layer maps
 * each reason to a status and the error envelope in one place (worker/http/errors.ts), so the
 * same refusal reads the same from a PUT and from an op of a batch.
 */
export type Refusal = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'unauthenticated' | 'expired';

export class DomainError extends Error {
  constructor(
    readonly reason: Refusal,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Absent, or not visible to the caller: the two are answered alike (PRODUCT.md §3). */
export const notFound = (what = 'resource', details?: unknown) => new DomainError('not_found', `No such ${what}`, details);
export const forbidden = (message = 'Your role may not do this') => new DomainError('forbidden', message);
export const conflict = (message: string, details?: unknown) => new DomainError('conflict', message, details);
export const invalid = (message: string, details?: unknown) => new DomainError('invalid', message, details);
export const unauthenticated = (message = 'Invalid or revoked token', details?: unknown) =>
  new DomainError('unauthenticated', message, details);

/** Zod issues as `details`: where, what, and zod's code — enough to show next to a form field. */
export function issuesOf(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}

/** The access token lapsed: the client refreshes it (shared/identity.ts) and retries. */
export const tokenExpired = () => new DomainError('expired', 'The access token expired: refresh it');
