/**
 * The identity routes of the fake API (shared/identity.ts), as the Worker answers them: sign-in
 * options, the OpenID Connect start and finish (checking the PKCE verifier against the challenge),
 * invitations, refresh with rotation (a refresh token works once), sign-out and the caller's own
 * credentials. Access tokens it issues are added to the fake's token table, so the write routes
 * accept them.
 */
import type { Credential, ErrorCode, Me, MyCredentials, SignedIn, SignInOptions } from '../../../shared';
import { codeChallenge } from '../../../extension/lib/pkce';

export const credentialId = '00000000-0000-4000-8000-0000000000c1';
export const providerId = '00000000-0000-4000-8000-0000000000b1';

/** A credential and whom it signs in. */
interface Held {
  credential: Credential;
  me: Me;
}

export class FakeIdentity {
  /** What `GET /v1/auth/sign-in-options?org=northwind` answers. */
  options: SignInOptions;
  /** Invitation codes, and whom each signs in (with the organisation's slug, for `org`). */
  invitations = new Map<string, Me>();
  /** The flows `oidc/start` began: state → their challenge and who the provider will say signed in. */
  flows = new Map<string, { challenge: string; me: Me }>();
  /** Whom the identity provider signs in (the fake's stand-in for a login form). */
  providerSignsIn: Me;
  /** Refresh tokens accepted, each for a credential; a refresh rotates it. */
  refreshTokens = new Map<string, string>();
  /** Access tokens that have expired: answered 401 `token_expired`. */
  expired = new Set<string>();
  /** Every credential, by id. */
  credentials = new Map<string, Held>();
  /** While set, refreshes wait for it (to have several callers ask at once). */
  refreshGate: Promise<void> | null = null;
  /** Refresh requests received. */
  refreshes = 0;
  /** Refreshes fail as the network does (the other routes still answer). */
  refreshUnreachable = false;
  /** What each `redeem` and `oidc/finish` was sent. */
  bodies: Array<Record<string, unknown>> = [];
  private issued = 0;

  constructor(
    private readonly tokens: Map<string, Me>,
    me: Me,
  ) {
    this.providerSignsIn = me;
    this.options = {
      org: { id: me.org.id, name: me.org.name, slug: me.org.slug },
      providers: [{ id: providerId, label: 'Northwind (Okta)', issuer: 'https://login.northwind.test' }],
    };
    // The signed-in leader of the unit tests holds access token `tok` and refresh token `refresh-1`.
    this.credentials.set(credentialId, { me, credential: credentialOf(credentialId, 'sso') });
    this.refreshTokens.set('refresh-1', credentialId);
  }

  /** The answer to an identity route, or null for any other request. */
  async answer(method: string, url: URL, body: Record<string, unknown>, bearer: string): Promise<Response | null> {
    const path = url.pathname;
    if (method === 'GET' && path === '/v1/auth/sign-in-options') {
      const org = url.searchParams.get('org');
      return org === this.options.org.slug || org === this.options.org.id
        ? json(200, this.options)
        : refused(404, 'not_found', 'organisation not found');
    }
    if (method === 'POST' && path === '/v1/auth/oidc/start') {
      if (body.providerId !== providerId || body.client !== 'extension') return refused(400, 'invalid_input', 'Invalid input');
      const state = `state-${this.flows.size + 1}`;
      this.flows.set(state, { challenge: String(body.codeChallenge), me: this.providerSignsIn });
      const authorizationUrl = `https://login.northwind.test/authorize?${new URLSearchParams({ state, redirect_uri: String(body.redirectUri) })}`;
      return json(200, { authorizationUrl, state, expiresAt: new Date(Date.now() + 600_000).toISOString() });
    }
    if (method === 'POST' && path === '/v1/auth/oidc/finish') {
      this.bodies.push(body);
      const flow = this.flows.get(String(body.state));
      this.flows.delete(String(body.state));
      if (!flow || body.code !== 'the-code' || (await codeChallenge(String(body.codeVerifier))) !== flow.challenge) {
        return refused(401, 'unauthorized', 'The sign-in could not be verified');
      }
      return json(200, this.issue(flow.me, 'sso'));
    }
    if (method === 'POST' && path === '/v1/auth/invitations/redeem') {
      this.bodies.push(body);
      const invited = this.invitations.get(String(body.code));
      // As the Worker (worker/domain/invitations.ts): 401, and another organisation's code reads as unknown.
      if (!invited || (typeof body.org === 'string' && body.org !== invited.org.slug)) {
        return refused(401, 'unauthorized', 'No such invitation: check the code, or ask for a new one');
      }
      this.invitations.delete(String(body.code));
      return json(200, this.issue(invited, 'invitation'));
    }
    if (method === 'POST' && path === '/v1/auth/refresh') {
      this.refreshes++;
      if (this.refreshUnreachable) throw new TypeError('Failed to fetch');
      if (this.refreshGate) await this.refreshGate;
      const id = this.refreshTokens.get(String(body.refreshToken));
      const held = id ? this.credentials.get(id) : undefined;
      if (!id || !held || held.credential.revokedAt) return refused(401, 'unauthorized', 'Sign in again');
      this.refreshTokens.delete(String(body.refreshToken));
      return json(200, this.tokensFor(id, held.me));
    }
    if (!path.startsWith('/v1/auth/') && !path.startsWith('/v1/me/credentials')) return null;
    // Bearer routes.
    if (this.expired.has(bearer)) return refused(401, 'token_expired', 'The access token expired');
    const caller = this.tokens.get(bearer);
    const current = this.accessOf.get(bearer);
    if (!caller) return refused(401, 'unauthorized', 'Bad token');
    if (method === 'POST' && path === '/v1/auth/sign-out') {
      if (current) this.revoke(current);
      return new Response(null, { status: 204 });
    }
    if (method === 'GET' && path === '/v1/me/credentials') {
      const credentials = [...this.credentials.values()]
        .filter((held) => held.me.participant.id === caller.participant.id)
        .map((held) => ({ ...held.credential, current: held.credential.id === current }));
      return json(200, { credentials, invitations: [] } satisfies MyCredentials);
    }
    const revoking = /^\/v1\/me\/credentials\/([^/]+)$/.exec(path)?.[1];
    if (method === 'DELETE' && revoking) {
      const held = this.credentials.get(revoking);
      if (!held || held.me.participant.id !== caller.participant.id) return refused(404, 'not_found', 'credential not found');
      this.revoke(revoking);
      return json(200, { ...this.credentials.get(revoking)!.credential, current: revoking === current });
    }
    return refused(404, 'not_found', 'Not found');
  }

  /** Which credential each access token belongs to (`tok` is the leader's). */
  accessOf = new Map<string, string>([['tok', credentialId]]);

  revoke(id: string): void {
    const held = this.credentials.get(id)!;
    held.credential = { ...held.credential, revokedAt: new Date().toISOString(), revokedBy: 'self' };
    for (const [token, of] of this.accessOf) if (of === id) this.tokens.delete(token);
    for (const [token, of] of this.refreshTokens) if (of === id) this.refreshTokens.delete(token);
  }

  private issue(me: Me, kind: Credential['kind']): SignedIn {
    const id = `00000000-0000-4000-8000-${String(++this.issued).padStart(12, '0')}`;
    this.credentials.set(id, { me, credential: credentialOf(id, kind) });
    return this.tokensFor(id, me);
  }

  private tokensFor(id: string, me: Me): SignedIn {
    const n = ++this.issued;
    const accessToken = `access-${n}`;
    const refreshToken = `refresh-${n + 1000}`;
    this.tokens.set(accessToken, me);
    this.accessOf.set(accessToken, id);
    this.refreshTokens.set(refreshToken, id);
    return { accessToken, expiresIn: 900, refreshToken, credentialId: id, me };
  }
}

function credentialOf(id: string, kind: Credential['kind']): Credential {
  const at = new Date().toISOString();
  return {
    id,
    kind,
    client: 'extension',
    label: null,
    createdAt: at,
    lastUsedAt: at,
    revokedAt: null,
    revokedBy: null,
    invitationId: null,
    providerLabel: kind === 'sso' ? 'Northwind (Okta)' : null,
    current: false,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function refused(status: number, code: ErrorCode, message: string): Response {
  return json(status, { error: { code, message, details: null } });
}
