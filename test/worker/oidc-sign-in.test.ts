import { env } from 'cloudflare:test';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload, type CryptoKey } from 'jose';
import { describe, expect, it } from 'vitest';
import { as, call, createOrg, newAddress, snapshot, uuid } from './support';

/**
 * Sign-in through the organisation's OpenID provider, against a stand-in provider on 127.0.0.1
 * (test/worker/fake-idp.ts) that publishes whatever keys and ID token each test makes — a right one,
 * or one wrong in exactly one way. Every wrong one is refused with 401 and writes nothing.
 */

const clientId = 'dyad-test-client';
const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // RFC 7636's example S256 of the verifier below
const verifier = 'dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk';

async function setupTenant(tenant: string, setup: Record<string, unknown>) {
  const res = await fetch(`${env.FAKE_IDP}/t/${tenant}/setup`, { method: 'POST', body: JSON.stringify(setup) });
  expect(res.status).toBe(200);
}

/** An organisation whose admin Ada signs in through a provider of its own, with a fresh signing key. */
async function ssoOrg(providerExtra: Record<string, unknown> = {}) {
  const { admin, org } = await createOrg();
  const ada = (await admin.get('/v1/me')).body.participant;
  const tenant = uuid();
  const issuer = `${env.FAKE_IDP}/t/${tenant}`;
  const keys = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const jwks = { keys: [jwk] };
  await setupTenant(tenant, { jwks, token: { status: 500, body: {} } });
  const provider = (
    await admin.post('/v1/org/identity-providers', { label: 'Test IdP', issuer, clientId, emailDomains: ['example.com'], ...providerExtra })
  ).body;
  return { admin, org, ada, tenant, issuer, keys, jwks, provider };
}
type Sso = Awaited<ReturnType<typeof ssoOrg>>;

const start = (o: Sso, client = 'extension') =>
  call('POST', '/v1/auth/oidc/start', {
    body: { providerId: o.provider.id, redirectUri, codeChallenge: challenge, client },
    headers: newAddress(),
  });

/** The claims a right ID token for Ada carries, for the nonce the sign-in started with. */
const claimsFor = (o: Sso, nonce: string): JWTPayload => ({
  iss: o.issuer,
  aud: clientId,
  sub: 'idp-subject-ada',
  email: o.ada.email,
  email_verified: true,
  nonce,
});

/**
 * Starts a sign-in, has the provider answer the code with the ID token `make` builds from the
 * started sign-in's nonce, and finishes it. Returns the finish's reply.
 */
async function signIn(o: Sso, make: (nonce: string) => Promise<string>, opts: { issuerOverride?: string; client?: string } = {}) {
  const started = await start(o, opts.client);
  expect(started.status).toBe(200);
  const url = new URL(started.body.authorizationUrl);
  const nonce = url.searchParams.get('nonce')!;
  const idToken = await make(nonce);
  await setupTenant(o.tenant, {
    jwks: o.jwks,
    token: { status: 200, body: { id_token: idToken, access_token: 'x', token_type: 'Bearer' } },
    ...(opts.issuerOverride ? { issuer: opts.issuerOverride } : {}),
  });
  return call('POST', '/v1/auth/oidc/finish', {
    body: { state: url.searchParams.get('state'), code: 'the-code', codeVerifier: verifier },
    headers: newAddress(),
  });
}

const signed = (claims: JWTPayload, key: CryptoKey, header: { alg: string; kid?: string } = { alg: 'RS256', kid: 'k1' }) =>
  new SignJWT(claims).setProtectedHeader(header).setIssuedAt().setExpirationTime('5m').sign(key);

describe('signing in through the organisation’s OpenID provider', () => {
  it('starts with PKCE, a state and a nonce of the Worker’s making, and the provider’s own authorization endpoint', async () => {
    const o = await ssoOrg();

    const res = await start(o);

    expect(res.status).toBe(200);
    const url = new URL(res.body.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${o.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: res.body.state,
    });
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
  });

  it('a right ID token signs Ada in: a credential of her own, from this provider, which works at once', async () => {
    const o = await ssoOrg();

    const res = await signIn(o, (nonce) => signed(claimsFor(o, nonce), o.keys.privateKey));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: 900, me: { participant: { id: o.ada.id }, role: 'admin' } });
    expect(res.body.refreshToken).toMatch(/^dyad_rt_/);
    const ada = as(res.body.accessToken);
    expect((await ada.get('/v1/me')).body.participant.email).toBe(o.ada.email);
    const mine = (await ada.get('/v1/me/credentials')).body.credentials;
    expect(mine.find((c: { current: boolean }) => c.current)).toMatchObject({
      kind: 'sso',
      client: 'extension',
      providerLabel: 'Test IdP',
    });
    // The Worker exchanged the code itself, with the PKCE verifier and the same redirect URI.
    const sent = new URLSearchParams(((await (await fetch(`${env.FAKE_IDP}/t/${o.tenant}/requests`)).json()) as string[])[0]);
    expect(Object.fromEntries(sent)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: clientId,
    });
  });

  it('the console gets its refresh token as an HttpOnly, SameSite=Strict cookie for /v1/auth — never in the body', async () => {
    const o = await ssoOrg();

    const res = await signIn(o, (nonce) => signed(claimsFor(o, nonce), o.keys.privateKey), { client: 'console' });

    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('refreshToken');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^dyad_refresh=dyad_rt_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/v1\/auth/);
  });

  const wrong: [string, (o: Sso, nonce: string) => Promise<string>, string][] = [
    ['from another issuer', (o, nonce) => signed({ ...claimsFor(o, nonce), iss: 'https://evil.example' }, o.keys.privateKey), '"iss"'],
    ['for another audience', (o, nonce) => signed({ ...claimsFor(o, nonce), aud: 'someone-else' }, o.keys.privateKey), '"aud"'],
    [
      'signed by a key the provider never published',
      async (o, nonce) => signed(claimsFor(o, nonce), (await generateKeyPair('RS256')).privateKey),
      'signature',
    ],
    [
      'with algorithm none',
      async (o, nonce) => new UnsecuredJWT(claimsFor(o, nonce)).setIssuedAt().setExpirationTime('5m').encode(),
      '"alg"',
    ],
    [
      'signed HS256 with the client id as the secret',
      (o, nonce) => signed(claimsFor(o, nonce), new TextEncoder().encode(clientId) as unknown as CryptoKey, { alg: 'HS256', kid: 'k1' }),
      '"alg"',
    ],
    [
      'expired',
      (o, nonce) =>
        new SignJWT(claimsFor(o, nonce))
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(o.keys.privateKey),
      '"exp"',
    ],
    [
      'issued in the future',
      (o, nonce) =>
        new SignJWT(claimsFor(o, nonce))
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuedAt(Math.floor(Date.now() / 1000) + 3600)
          .setExpirationTime(Math.floor(Date.now() / 1000) + 7200)
          .sign(o.keys.privateKey),
      '"iat"',
    ],
    [
      'without a nonce',
      (o, nonce) => {
        const { nonce: _, ...claims } = claimsFor(o, nonce);
        return signed(claims, o.keys.privateKey);
      },
      'no nonce',
    ],
    [
      'with another sign-in’s nonce',
      (o) => signed(claimsFor(o, 'a-nonce-from-another-sign-in-000000000000000'), o.keys.privateKey),
      'nonce mismatch',
    ],
    [
      'whose email the provider has not verified',
      (o, nonce) => signed({ ...claimsFor(o, nonce), email_verified: false }, o.keys.privateKey),
      'not verified',
    ],
    ['without an email', (o, nonce) => signed({ ...claimsFor(o, nonce), email: undefined }, o.keys.privateKey), 'no email'],
  ];

  it.each(wrong)('an ID token %s is refused with 401 (%#), and nothing is written', async (_, make, reason) => {
    const o = await ssoOrg();
    const before = await snapshot();

    const res = await signIn(o, (nonce) => make(o, nonce));

    expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: expect.stringContaining(reason) } } });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await snapshot()).toBe(before);
  });

  it('a provider whose discovery names another issuer is not trusted (401), and nothing is written', async () => {
    const o = await ssoOrg();
    await setupTenant(o.tenant, { jwks: o.jwks, token: { status: 500, body: {} }, issuer: 'https://impostor.example' });
    const before = await snapshot();

    const res = await start(o);

    expect(res.status).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it('a state is finished once: replaying the same finish is refused', async () => {
    const o = await ssoOrg();
    const started = await start(o);
    const url = new URL(started.body.authorizationUrl);
    const idToken = await signed(claimsFor(o, url.searchParams.get('nonce')!), o.keys.privateKey);
    await setupTenant(o.tenant, { jwks: o.jwks, token: { status: 200, body: { id_token: idToken } } });
    const finish = () =>
      call('POST', '/v1/auth/oidc/finish', {
        body: { state: url.searchParams.get('state'), code: 'the-code', codeVerifier: verifier },
        headers: newAddress(),
      });

    const first = await finish();
    const replay = await finish();

    expect([first.status, replay.status]).toEqual([200, 401]);
  });

  it('a provider that refuses the code (a wrong PKCE verifier, say) is a 401 with its reason', async () => {
    const o = await ssoOrg();
    const started = await start(o);
    const url = new URL(started.body.authorizationUrl);
    await setupTenant(o.tenant, {
      jwks: o.jwks,
      token: { status: 400, body: { error: 'invalid_grant', error_description: 'PKCE verification failed' } },
    });

    const res = await call('POST', '/v1/auth/oidc/finish', {
      body: { state: url.searchParams.get('state'), code: 'the-code', codeVerifier: verifier },
      headers: newAddress(),
    });

    expect(res).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('PKCE verification failed') } } });
  });

  it('a right token for someone who is not in the organisation, or outside the provider’s domains, is refused (403)', async () => {
    const o = await ssoOrg();

    const stranger = await signIn(o, (nonce) => signed({ ...claimsFor(o, nonce), email: 'stranger@example.com' }, o.keys.privateKey));
    const otherDomain = await signIn(o, (nonce) => signed({ ...claimsFor(o, nonce), email: 'ada@elsewhere.example' }, o.keys.privateKey));

    expect([stranger.status, otherDomain.status]).toEqual([403, 403]);
  });

  it('people of the provider’s email domains get no invitation: they sign in through it', async () => {
    const o = await ssoOrg();
    const inDomain = await o.admin.post('/v1/participants', { displayName: 'Ivo Internal', email: `ivo.${uuid()}@example.com` });
    const outside = await o.admin.post('/v1/participants', { displayName: 'Xia External', email: `xia.${uuid()}@advisors.example` });

    const refused = await o.admin.post(`/v1/participants/${inDomain.body.id}/invitations`, {});
    const allowed = await o.admin.post(`/v1/participants/${outside.body.id}/invitations`, {});

    expect(refused).toMatchObject({ status: 409, body: { error: { details: { path: 'email' } } } });
    expect(allowed.status).toBe(201);
  });

  it('a signed-out page learns only the organisation’s name and how to sign in to it', async () => {
    const o = await ssoOrg();

    const res = await call('GET', `/v1/auth/sign-in-options?org=${o.org.slug}`, { headers: newAddress() });
    const none = await call('GET', '/v1/auth/sign-in-options?org=no-such-org', { headers: newAddress() });

    expect(res.body).toEqual({
      org: { id: o.org.id, name: o.org.name, slug: o.org.slug },
      providers: [{ id: o.provider.id, label: 'Test IdP', issuer: o.issuer }],
    });
    expect(none.status).toBe(404);
  });
});
