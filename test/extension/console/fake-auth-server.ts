/**
 * A stand-in for the Worker's sign-in routes, behind `fetch` (happy-dom has no server): a cookie
 * session that `POST /v1/auth/refresh` renews, access tokens that expire when the test says so,
 * and every request recorded. Enough of shared/identity.ts's contract to drive the console.
 */
import { vi } from 'vitest';
import type { Me, SignedIn, SignInOptions } from '../../../shared';
import { coordinator } from '../dashboard/render';

export const origin = 'https://dyad.test';
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const refusal = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json({ error: { code, message, details: null } }, status, headers);

export interface FakeAuthServer {
  /** "METHOD /path" of every request, in order; bodies by the same index. */
  calls: string[];
  bodies: unknown[];
  /** Whether the browser holds a session cookie the server accepts. */
  cookie: boolean;
  /** The one access token the API accepts now. */
  accessToken: string;
  me: Me;
  /** Makes the current access token expire (the next API call is a 401 `token_expired`). */
  expire(): void;
  /** Answers the next sign-in request with 429 and this Retry-After (seconds). */
  rateLimitNext(seconds: number): void;
  options: SignInOptions;
}

export function fakeAuthServer(start: { cookie?: boolean; me?: Me } = {}): FakeAuthServer {
  let issued = 0;
  let rateLimit: number | null = null;
  const expired = new Set<string>();
  const server: FakeAuthServer = {
    calls: [],
    bodies: [],
    cookie: start.cookie ?? false,
    accessToken: '',
    me: start.me ?? coordinator,
    expire: () => {
      expired.add(server.accessToken);
      server.accessToken = '';
    },
    rateLimitNext: (seconds) => {
      rateLimit = seconds;
    },
    options: {
      org: { id: coordinator.org.id, name: 'Northwind', slug: 'northwind' },
      providers: [{ id: 'idp-1', label: 'Northwind (Okta)', issuer: 'https://login.northwind.example' }],
    },
  };
  const signIn = (): Response => {
    issued += 1;
    server.accessToken = `at-${issued}`;
    server.cookie = true;
    const body: SignedIn = { accessToken: server.accessToken, expiresIn: 900, credentialId: 'cred-1', me: server.me };
    return json(body);
  };

  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    // Tests pass their own delay through a microtask, as a real network would answer later.
    await Promise.resolve();
    const path = url.slice(origin.length);
    const method = init.method ?? 'GET';
    server.calls.push(`${method} ${path.split('?')[0]}`);
    server.bodies.push(init.body ? JSON.parse(String(init.body)) : null);
    if (rateLimit !== null && path.startsWith('/v1/auth/')) {
      const seconds = rateLimit;
      rateLimit = null;
      return refusal(429, 'rate_limited', 'Too many sign-in attempts', { 'Retry-After': String(seconds) });
    }
    if (path.startsWith('/v1/auth/sign-in-options')) {
      const org = new URL(url).searchParams.get('org');
      return org === 'northwind' ? json(server.options) : refusal(404, 'not_found', 'No organisation is called that');
    }
    if (path === '/v1/auth/oidc/start')
      return json({
        authorizationUrl: 'https://login.northwind.example/authorize?x=1',
        state: 'st-1',
        expiresAt: '2026-12-07T10:10:00.000Z',
      });
    if (path === '/v1/auth/oidc/finish') return signIn();
    if (path === '/v1/auth/invitations/redeem') {
      const { code } = JSON.parse(String(init.body)) as { code: string };
      return code === 'good-code'
        ? signIn()
        : refusal(400, 'invalid_invitation', 'This invitation has expired, was revoked or was already used');
    }
    if (path === '/v1/auth/refresh') return server.cookie ? signIn() : refusal(401, 'unauthorized', 'Not signed in');
    const bearer = new Headers(init.headers).get('Authorization')?.replace(/^Bearer /, '');
    if (bearer && expired.has(bearer)) return refusal(401, 'token_expired', 'The access token has expired');
    if (!bearer || bearer !== server.accessToken) return refusal(401, 'unauthorized', 'Invalid token');
    if (path === '/v1/auth/sign-out') {
      server.cookie = false;
      server.accessToken = '';
      return new Response(null, { status: 204 });
    }
    if (path === '/v1/me') return json(server.me);
    if (path === '/v1/programmes') return json({ programmes: [] });
    if (path === '/v1/me/credentials') return json({ credentials: [], invitations: [] });
    return refusal(403, 'forbidden', 'Not in this test');
  });
  return server;
}
