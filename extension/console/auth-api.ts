/**
 * The console's requests that carry no access token: the sign-in routes (public) and the refresh,
 * which the Worker authenticates with the console's HttpOnly cookie (shared/identity.ts). Same
 * origin, so `fetch` sends that cookie by itself; the page never sees it. Errors are the API
 * client's (`ApiError`, with the envelope's message and `Retry-After`), so screens show them alike.
 */
import type { OidcFinish, OidcStart, OidcStartReply, Redeem, SignedIn } from '../../shared';
import { ApiError, readEnvelope, retryAfter, type ResponseParser } from '../lib/api';
import { isOidcStartReply, isSignedIn, isSignInOptions } from '../dashboard/responses';

async function call<T>(apiUrl: string, method: 'GET' | 'POST', path: string, schema: ResponseParser<T>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new ApiError(0, `Could not reach ${new URL(apiUrl).host}`);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const envelope = readEnvelope(payload);
    throw new ApiError(
      response.status,
      envelope ? envelope.error.message : `The API answered ${response.status}`,
      retryAfter(response.headers.get('Retry-After')),
      envelope?.error.code ?? null,
      envelope?.error.details,
    );
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ApiError(502, `Unexpected answer from the API for ${method} ${path}`);
  return parsed.data;
}

/**
 * @example const auth = authApi(location.origin); const options = await auth.signInOptions('northwind');
 */
export function authApi(apiUrl: string) {
  return {
    signInOptions: (org: string) => call(apiUrl, 'GET', `/v1/auth/sign-in-options?${new URLSearchParams({ org })}`, isSignInOptions),
    startOidc: (body: OidcStart): Promise<OidcStartReply> => call(apiUrl, 'POST', '/v1/auth/oidc/start', isOidcStartReply, body),
    finishOidc: (body: OidcFinish): Promise<SignedIn> => call(apiUrl, 'POST', '/v1/auth/oidc/finish', isSignedIn, body),
    redeem: (body: Redeem): Promise<SignedIn> => call(apiUrl, 'POST', '/v1/auth/invitations/redeem', isSignedIn, body),
    /** With the cookie alone (an empty body): who this browser is signed in as. */
    refresh: (): Promise<SignedIn> => call(apiUrl, 'POST', '/v1/auth/refresh', isSignedIn, {}),
  };
}

export type AuthApi = ReturnType<typeof authApi>;
