/**
 * The background's only way to the API. Pages and content scripts never call it (they have no token).
 */
import type { ZodType } from 'zod';
import { zErrorEnvelope } from '../../shared';

export { normaliseApiUrl, originPattern } from './api-url';

export interface Credentials {
  apiUrl: string;
  token: string;
}

/**
 * Why a request failed. `status` 0 means the network (offline, DNS, timeout, no host permission).
 * `retryAfterMs` comes from a `Retry-After` header (429, 503).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth retrying later: the network, a timeout, rate limiting or a server error. */
  get retryable(): boolean {
    return isRetryableStatus(this.status);
  }
}

/** 0 (network), 408, 429 and 5xx are retried; any other 4xx would fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * One request to the API, parsed with the shared schema.
 *
 * @example const me = await apiRequest(creds, 'GET', '/v1/me', { schema: zMe });
 */
export async function apiRequest<T>(
  creds: Credentials,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { schema: ZodType<T>; body?: unknown; timeoutMs?: number },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${creds.apiUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${creds.token}`,
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? `No answer from ${hostOf(creds.apiUrl)} (timed out)` : `Could not reach ${hostOf(creds.apiUrl)}`);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const envelope = zErrorEnvelope.safeParse(payload);
    const message = envelope.success ? envelope.data.error.message : `The API answered ${response.status}`;
    throw new ApiError(response.status, message, retryAfter(response.headers.get('Retry-After')));
  }
  const parsed = options.schema.safeParse(payload);
  if (!parsed.success) throw new ApiError(502, `Unexpected answer from the API for ${method} ${path}`);
  return parsed.data;
}

/** `Retry-After` is seconds or an HTTP date. */
export function retryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The message of an API error body (the error envelope), if it is one. */
export function errorMessage(body: unknown, status: number): string {
  const envelope = zErrorEnvelope.safeParse(body);
  return envelope.success ? envelope.data.error.message : `status ${status}`;
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}
