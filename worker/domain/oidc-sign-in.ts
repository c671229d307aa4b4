/**
 * Sign-in through the organisation's OpenID Connect provider (authorization code + PKCE).
 *
 * The client (the extension's `identity.launchWebAuthFlow`, or the console's redirect) keeps the
 * PKCE verifier; the Worker makes the `state` and `nonce`, remembers them for ten minutes, and at
 * the end exchanges the code itself — so the ID token comes straight from the provider's token
 * endpoint — then verifies it against the provider's published keys (verify-id-token.ts), finds the
 * person by email within the organisation, and issues its own credential.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { IdentityProvider, OidcFinish, OidcStart, OidcStartReply, SignedIn } from '../../shared';
import { findProvider } from '../db/identity-providers';
import { credentialStatements, signedIn } from './credentials';
import { forbidden, notFound, unauthenticated } from './errors';
import { hashToken, randomToken } from './token-secrets';
import { verifyIdToken } from './verify-id-token';

const attemptTtlMs = 10 * 60_000;
const discoveryTtlMs = 10 * 60_000;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

// Per isolate: a provider's metadata and keys change rarely, and jose's key set refetches by itself
// when a token names a key it has not seen (a rotation).
const discoveries = new Map<string, { value: Discovery; at: number }>();
const keySets = new Map<string, JWTVerifyGetKey>();

async function discover(issuer: string, nowMs: number): Promise<Discovery> {
  const cached = discoveries.get(issuer);
  if (cached && nowMs - cached.at < discoveryTtlMs) return cached.value;
  let value: Discovery;
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`status ${res.status}`);
    value = (await res.json()) as Discovery;
  } catch (err) {
    throw unavailable(`Could not read the identity provider's configuration (${err instanceof Error ? err.message : String(err)})`);
  }
  // OpenID Connect Discovery §4.3: the metadata must name exactly the issuer it was read from.
  if (value.issuer !== issuer || !value.authorization_endpoint || !value.token_endpoint || !value.jwks_uri) {
    throw unavailable("The identity provider's configuration does not match its issuer");
  }
  discoveries.set(issuer, { value, at: nowMs });
  return value;
}

function keysOf(jwksUri: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 });
    keySets.set(jwksUri, keys);
  }
  return keys;
}

/** The provider could not be reached or read: the sign-in cannot proceed, and retrying later may help. */
const unavailable = (message: string) => unauthenticated(message, { reason: 'provider_unavailable' });

export async function startSignIn(db: D1Database, input: OidcStart, nowMs: number): Promise<OidcStartReply> {
  const provider = await findProvider(db, input.providerId);
  if (!provider) throw notFound('identity provider', { path: 'providerId' });
  const discovery = await discover(provider.issuer, nowMs);
  const state = randomToken();
  const nonce = randomToken();
  const now = new Date(nowMs).toISOString();
  const expiresAt = new Date(nowMs + attemptTtlMs).toISOString();
  await db.batch([
    db
      .prepare(
        `INSERT INTO sign_in_attempts (state_hash, org_id, provider_id, nonce, redirect_uri, code_challenge, client, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
      )
      .bind(
        await hashToken(state),
        provider.orgId,
        provider.id,
        nonce,
        input.redirectUri,
        input.codeChallenge,
        input.client,
        now,
        expiresAt,
      ),
    // Attempts nobody finished are of no use after their ten minutes.
    db.prepare(`DELETE FROM sign_in_attempts WHERE expires_at < ?1`).bind(new Date(nowMs - 86_400_000).toISOString()),
  ]);
  const url = new URL(discovery.authorization_endpoint);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: input.redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  })) {
    url.searchParams.set(key, value);
  }
  return { authorizationUrl: url.toString(), state, expiresAt };
}

interface Attempt {
  org_id: string;
  provider_id: string;
  nonce: string;
  redirect_uri: string;
  client: 'extension' | 'console' | 'api';
}

export async function finishSignIn(db: D1Database, input: OidcFinish, nowMs: number): Promise<SignedIn & { refreshSecret: string }> {
  const now = new Date(nowMs).toISOString();
  // Used once: of two finishes with the same state, one gets the row.
  const attempt = await db
    .prepare(`UPDATE sign_in_attempts SET used_at = ?2 WHERE state_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING *`)
    .bind(await hashToken(input.state), now)
    .first<Attempt>();
  if (!attempt) throw unauthenticated('This sign-in expired or was already finished: start again', { reason: 'state' });
  const provider = await findProvider(db, attempt.provider_id);
  if (!provider || provider.orgId !== attempt.org_id) throw unauthenticated('This identity provider was removed', { reason: 'provider' });

  const discovery = await discover(provider.issuer, nowMs);
  const idToken = await exchangeCode(discovery, provider, attempt, input);
  const claims = await verifyIdToken(idToken, {
    issuer: provider.issuer,
    clientId: provider.clientId,
    keys: keysOf(discovery.jwks_uri),
    nonce: attempt.nonce,
    nowMs,
  });
  const email = emailOf(claims, provider);

  const person = await db
    .prepare(`SELECT id, role, status FROM participants WHERE org_id = ?1 AND email = ?2`)
    .bind(provider.orgId, email)
    .first<{ id: string; role: 'participant' | 'coordinator' | 'admin'; status: string }>();
  if (person?.status !== 'active') {
    throw forbidden(`${email} is not an active member of this organisation's programmes: ask your programme coordinator`);
  }
  const grant = {
    orgId: provider.orgId,
    participantId: person.id,
    role: person.role,
    kind: 'sso' as const,
    client: attempt.client,
    label: input.label ?? null,
    providerId: provider.id,
    subject: String(claims.sub),
  };
  const { id, secrets, statements } = await credentialStatements(db, grant, now);
  await db.batch(statements);
  const reply = await signedIn(db, grant, id, secrets, attempt.client);
  return { ...reply, refreshSecret: secrets.refreshToken };
}

/** RFC 6749 §4.1.3 with RFC 7636's verifier: a public client, so no secret. */
async function exchangeCode(discovery: Discovery, provider: IdentityProvider, attempt: Attempt, input: OidcFinish): Promise<string> {
  let res: Response;
  try {
    res = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: attempt.redirect_uri,
        client_id: provider.clientId,
        code_verifier: input.codeVerifier,
      }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw unavailable(`Could not reach the identity provider (${err instanceof Error ? err.message : String(err)})`);
  }
  const body = (await res.json().catch(() => null)) as { id_token?: unknown; error?: unknown; error_description?: unknown } | null;
  if (!res.ok || !body) {
    const why =
      typeof body?.error_description === 'string'
        ? body.error_description
        : typeof body?.error === 'string'
          ? body.error
          : `status ${res.status}`;
    throw unauthenticated(`The identity provider refused the sign-in: ${why}`, { reason: 'token_endpoint' });
  }
  if (typeof body.id_token !== 'string') throw unauthenticated('The identity provider sent no ID token', { reason: 'id_token' });
  return body.id_token;
}

function emailOf(claims: Record<string, unknown>, provider: IdentityProvider): string {
  const value = claims[provider.emailClaim];
  if (typeof value !== 'string' || !value.includes('@')) {
    throw unauthenticated(`The ID token has no email in its "${provider.emailClaim}" claim`, { reason: 'email' });
  }
  if (claims.email_verified === false) throw unauthenticated('The identity provider has not verified this email', { reason: 'email' });
  const email = value.toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (provider.emailDomains.length > 0 && !provider.emailDomains.includes(domain)) {
    throw forbidden(`${provider.label} does not sign in people of ${domain}`);
  }
  return email;
}
