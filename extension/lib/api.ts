/**
 * The extension's one typed API client. The background calls it for the leader's data; the
 * coordinator's dashboard (an extension page, as trusted as the background) calls it too.
 * Content scripts never call it (they have no token).
 *
 * No zod at runtime here: responses are parsed with whatever `safeParse` the caller passes (a shared
 * zod schema in the background; light checks in the dashboard, which must stay small), and the error
 * envelope is read by hand, so importing this module costs a page nothing.
 */
import type { ErrorEnvelope } from '../../shared';

export { normaliseApiUrl, originPattern } from './api-url';

export interface Credentials {
  apiUrl: string;
  /** The access token: short-lived (shared/identity.ts `credentialLifetimes`); '' for a public route. */
  token: string;
  /**
   * Gets a fresh access token when the API answers that `rejected` expired (401 `token_expired`):
   * the extension's background refreshes with its refresh token, the console with its cookie. Null
   * when the credential cannot be renewed (revoked, or the refresh token lapsed): the request then
   * fails with that 401. Called at most once per request; callers make it single-flight.
   */
  renew?: (rejected: string) => Promise<string | null>;
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
    /** The envelope's `error.code` (e.g. `invalid_input`), when the API sent one. */
    readonly code: string | null = null,
    /**
     * The envelope's `error.details`: for invalid input an array of `{ path, message, code }`; for a
     * CSV import `{ rows: [{ row, field, message }] }`; for a conflict `{ path }`.
     */
    readonly details: unknown = undefined,
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

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a response is parsed with: a shared zod schema, or any check with the same `safeParse`. */
export interface ResponseParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** A request body sent as-is (e.g. a participants CSV as `text/csv`) rather than as JSON. */
export interface TextBody {
  type: string;
  text: string;
}

/**
 * One request to the API, parsed with the shared schema (or a `ResponseParser`).
 *
 * @example const me = await apiRequest(creds, 'GET', '/v1/me', { schema: zMe });
 * @example const result = await apiRequest(creds, 'POST', '/v1/participants/import?dryRun=true', { schema: zImportResult, text: { type: 'text/csv', text: csv } });
 */
export async function apiRequest<T>(
  creds: Credentials,
  method: HttpMethod,
  path: string,
  options: { schema: ResponseParser<T>; body?: unknown; text?: TextBody; timeoutMs?: number },
): Promise<T> {
  const response = await send(creds, method, path, options);
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response, payload);
  const parsed = options.schema.safeParse(payload);
  if (!parsed.success) throw new ApiError(502, `Unexpected answer from the API for ${method} ${path}`);
  return parsed.data;
}

/**
 * One request whose answer is text (e.g. `?format=csv`), with the file name the API suggests
 * (`Content-Disposition`), if any. Errors are thrown as by `apiRequest`.
 *
 * @example const { text } = await apiText(creds, 'GET', '/v1/analytics/alerts?format=csv');
 */
export async function apiText(
  creds: Credentials,
  method: HttpMethod,
  path: string,
  options: { body?: unknown; text?: TextBody; timeoutMs?: number } = {},
): Promise<{ text: string; type: string | null; filename: string | null }> {
  const response = await send(creds, method, path, options);
  if (!response.ok) throw errorOf(response, await response.json().catch(() => null));
  const text = await response.text();
  const filename = /filename="?([^";]+)"?/i.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? null;
  return { text, type: response.headers.get('Content-Type'), filename };
}

async function send(
  creds: Credentials,
  method: HttpMethod,
  path: string,
  options: { body?: unknown; text?: TextBody; timeoutMs?: number },
): Promise<Response> {
  const response = await sendWith(creds.token, creds, method, path, options);
  if (response.status !== 401 || !creds.renew) return response;
  const payload: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  if (readEnvelope(payload)?.error.code !== 'token_expired') return response;
  const fresh = await creds.renew(creds.token);
  return fresh ? sendWith(fresh, creds, method, path, options) : response;
}

async function sendWith(
  token: string,
  creds: Credentials,
  method: HttpMethod,
  path: string,
  options: { body?: unknown; text?: TextBody; timeoutMs?: number },
): Promise<Response> {
  const contentType = options.text ? options.text.type : options.body === undefined ? null : 'application/json';
  try {
    return await fetch(`${creds.apiUrl}${path}`, {
      method,
      headers: {
        // The public routes (sign-in, redeem, refresh) are called with no token, and get no header.
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(contentType === null ? {} : { 'Content-Type': contentType }),
      },
      body: options.text ? options.text.text : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? `No answer from ${hostOf(creds.apiUrl)} (timed out)` : `Could not reach ${hostOf(creds.apiUrl)}`);
  }
}

function errorOf(response: Response, payload: unknown): ApiError {
  const envelope = readEnvelope(payload);
  return new ApiError(
    response.status,
    envelope ? envelope.error.message : `The API answered ${response.status}`,
    retryAfter(response.headers.get('Retry-After')),
    envelope?.error.code ?? null,
    envelope?.error.details,
  );
}

/** The error envelope `{ error: { code, message, details } }`, if `body` is one (checked by hand: no zod here; `details` not required, so an older API still reads). */
export function readEnvelope(body: unknown): ErrorEnvelope | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? (body as ErrorEnvelope) : null;
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
  return readEnvelope(body)?.error.message ?? `status ${status}`;
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}
