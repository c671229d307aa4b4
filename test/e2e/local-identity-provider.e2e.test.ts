/**
 * The local identity provider (worker/dev/oidc-provider.ts) as the Worker uses it: discovery, the
 * authorization code flow with PKCE for the public client `dyad-demo`, and an ID token signed with
 * the key it made at start, carrying the person's email. No Worker and no browser here: plain HTTP,
 * as the Worker's own requests to a provider are.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAtLocalProvider } from '../../worker/dev/oidc-login';
import { startLocalOidcProvider, type LocalOidcProvider } from '../../worker/dev/oidc-provider';

const amara = { email: 'amara.okafor@northwind.example', name: 'Amara Okafor' };
const workerOrigin = 'http://127.0.0.1:8787';
const extensionRedirect = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let idp: LocalOidcProvider;
let discovery: { authorization_endpoint: string; token_endpoint: string; jwks_uri: string; issuer: string };

beforeAll(async () => {
  idp = await startLocalOidcProvider({ port: 0, accounts: [amara], workerOrigins: [workerOrigin] });
  discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
});

afterAll(async () => {
  await idp?.close();
});

function authorization(redirectUri: string, overrides: Record<string, string> = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    client_id: idp.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    ...overrides,
  });
  return { url: `${discovery.authorization_endpoint}?${params}`, verifier, params };
}

function exchange(code: string, redirectUri: string, verifier?: string) {
  return fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: idp.clientId,
      ...(verifier ? { code_verifier: verifier } : {}),
    }),
  });
}

describe('the local identity provider', () => {
  it('names itself by its own address, with the client dyad-demo', () => {
    expect(discovery.issuer).toBe(idp.issuer);
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(idp.clientId).toBe('dyad-demo');
  });

  it("signs a person in and issues an ID token with their verified email and name, signed with the start's key", async () => {
    const { url, verifier, params } = authorization(extensionRedirect);

    const back = await loginAtLocalProvider(url, amara.email);
    const res = await exchange(back.searchParams.get('code') ?? '', extensionRedirect, verifier);
    const tokens = (await res.json()) as { id_token: string };
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: idp.issuer,
      audience: idp.clientId,
    });

    expect(back.origin + back.pathname).toBe(extensionRedirect);
    expect(back.searchParams.get('state')).toBe(params.get('state'));
    expect(res.status).toBe(200);
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ email: amara.email, email_verified: true, name: amara.name, nonce: params.get('nonce') });
  });

  it('refuses to exchange a code without its PKCE verifier', async () => {
    const { url } = authorization(extensionRedirect);
    const back = await loginAtLocalProvider(url, amara.email);

    const res = await exchange(back.searchParams.get('code') ?? '', extensionRedirect);

    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses an authorization request without a code challenge', async () => {
    const { url } = authorization(extensionRedirect);
    const withoutChallenge = new URL(url);
    withoutChallenge.searchParams.delete('code_challenge');
    withoutChallenge.searchParams.delete('code_challenge_method');

    const res = await fetch(withoutChallenge, { redirect: 'manual' });

    // Refused back at the (registered) redirect URI, with the error in the query.
    expect(new URL(res.headers.get('location') ?? '', idp.issuer).searchParams.get('error')).toBe('invalid_request');
  });

  it("sends people back to the console on the Worker's origin, by 127.0.0.1 or localhost", async () => {
    for (const consoleUrl of [`${workerOrigin}/console/`, 'http://localhost:8787/console/']) {
      const back = await loginAtLocalProvider(authorization(consoleUrl).url, amara.email);

      expect(back.origin + back.pathname).toBe(consoleUrl);
      expect(back.searchParams.get('code')).toBeTruthy();
    }
  });

  it('refuses any other redirect URI, however close to an allowed one', async () => {
    for (const wrong of [
      'https://evil.example/',
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/',
      'https://abcdefghijklmnopabcdefghijklmnoq.chromiumapp.org/', // q is not an extension-id letter
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/elsewhere',
      'http://127.0.0.1:8787/console/other',
      'http://127.0.0.1:8790/console/',
    ]) {
      const res = await fetch(authorization(wrong).url, { redirect: 'manual' });

      // No redirect at all: an unregistered redirect URI gets an error page, never the code.
      expect([res.status, wrong]).toEqual([400, wrong]);
    }
  });

  it('does not sign in someone it has no account for', async () => {
    const { url } = authorization(extensionRedirect);

    await expect(loginAtLocalProvider(url, 'nobody@northwind.example')).rejects.toThrow(/did not sign nobody@northwind.example in/);
  });
});
