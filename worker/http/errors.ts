import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorCode, ErrorEnvelope } from '../../shared';

/**
 * An error the client can act on. Thrown anywhere below a route; `onError`
 * turns it into the error envelope `{ error: { code, message, details } }`.
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

export const notFound = (what = 'resource', details?: unknown) =>
  new ApiError(404, 'not_found', `No such ${what}`, details);
export const forbidden = (message = 'Your role may not do this') => new ApiError(403, 'forbidden', message);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);
export const invalid = (message: string, details?: unknown) => new ApiError(400, 'invalid_input', message, details);

export function envelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Zod issues as `details`: where, what, and zod's code — enough to show next to a form field. */
export function issuesOf(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}

/** The status and envelope for any thrown value; unknown errors are logged and answered 500. */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorEnvelope } {
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
  return c.json(body, status);
}
