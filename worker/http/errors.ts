import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { BatchResult, ErrorCode, ErrorEnvelope } from '../../shared';
import type { WriteOutcome } from '../domain/apply-writes';
import { DomainError, type Refusal } from '../domain/errors';

// Routes and the analytics engineer's code import these from here; the domain imports them from domain/errors.
export { conflict, forbidden, invalid, issuesOf, notFound } from '../domain/errors';

/**
 * An error that only HTTP has (no or bad token, body too large). Thrown anywhere below a route;
 * `onError` turns it into the error envelope `{ error: { code, message, details } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Too many requests: answered 429 with `Retry-After` (worker/db/rate-limits.ts). */
export class RateLimited extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests',
  ) {
    super(429, 'rate_limited', message, { retryAfterSeconds });
  }
}

/** The one mapping from the domain's reasons to HTTP (PRODUCT.md §3). */
const statusOf = {
  invalid: { status: 400, code: 'invalid_input' },
  unauthenticated: { status: 401, code: 'unauthorized' },
  expired: { status: 401, code: 'token_expired' },
  forbidden: { status: 403, code: 'forbidden' },
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
} as const satisfies Record<Refusal, { status: ContentfulStatusCode; code: ErrorCode }>;

/** The error envelope; `details` is always there, null when there is nothing more to say (PRODUCT.md §3). */
export function envelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { error: { code, message, details: details ?? null } };
}

/** The status and envelope for any thrown value; unknown errors are logged and answered 500 without their message. */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorEnvelope } {
  if (err instanceof DomainError) {
    const { status, code } = statusOf[err.reason];
    return { status, body: envelope(code, err.message, err.details) };
  }
  if (err instanceof ApiError) return { status: err.status, body: envelope(err.code, err.message, err.details) };
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    // Hono's validator throws 400 for a body that is not JSON, and body-limit 413.
    const code: ErrorCode =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 400
            ? 'malformed_json'
            : status === 401
              ? 'unauthorized'
              : 'invalid_input';
    return { status, body: envelope(code, err.message || 'Bad request') };
  }
  console.error('unhandled error', err);
  return { status: 500, body: envelope('internal', 'Internal error') };
}

export function onError(err: unknown, c: Context) {
  const { status, body } = toErrorResponse(err);
  if (err instanceof RateLimited) c.header('Retry-After', String(err.retryAfterSeconds));
  return c.json(body, status);
}

/** An op's outcome as the batch answers it: refusals get the status and envelope the same PUT would have answered. */
export function toBatchResult(outcome: WriteOutcome): BatchResult {
  if (outcome.ok) return outcome;
  const { error, ...rest } = outcome;
  const { status, body } = toErrorResponse(error);
  return { ...rest, status, body };
}
