import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { as, call, invite, newAddress, pairOrg, redeemed, sessionBody, signInAgain } from './support';

/** Credentials: short-lived access tokens, a rotating refresh token, and an end the moment their holder says so. */
const refresh = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call('POST', '/v1/auth/refresh', { body, headers: { ...newAddress(), ...headers } });

describe('a credential', () => {
  it('refreshes into a new access token and a new refresh token; the old refresh token lapses a minute later', async () => {
    const { coordinator, people } = await pairOrg();
    const first = await redeemed((await invite(coordinator, people.olu.id)).code);

    const next = await refresh({ refreshToken: first.refreshToken });
    const withinGrace = await refresh({ refreshToken: first.refreshToken });
    await env.DB.prepare(`UPDATE tokens SET rotated_at = ?2 WHERE id = ?1`)
      .bind(first.credentialId, new Date(Date.now() - 120_000).toISOString())
      .run();
    const afterGrace = await refresh({ refreshToken: first.refreshToken });

    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(first.refreshToken);
    expect(next.body.credentialId).toBe(first.credentialId);
    expect((await as(next.body.accessToken).get('/v1/me')).status).toBe(200);
    expect(withinGrace.status).toBe(200);
    expect(afterGrace.status).toBe(401);
  });

  it('an access token that lapsed answers 401 token_expired, so the client refreshes instead of signing in again', async () => {
    const { coordinator, people } = await pairOrg();
    const signedIn = await redeemed((await invite(coordinator, people.olu.id)).code);
    await env.DB.prepare(`UPDATE access_tokens SET expires_at = ?2 WHERE credential_id = ?1`)
      .bind(signedIn.credentialId, new Date(Date.now() - 1000).toISOString())
      .run();

    const read = await as(signedIn.accessToken).get('/v1/me');
    const write = await as(signedIn.accessToken).put(`/v1/sessions/${crypto.randomUUID()}`, sessionBody(crypto.randomUUID()));

    expect(read).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
    expect(write).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
    expect((await refresh({ refreshToken: signedIn.refreshToken })).status).toBe(200);
  });

  it('revoked by its holder, stops at once: every access token of it, and its refresh token', async () => {
    const { coordinator, people } = await pairOrg();
    const second = await signInAgain(coordinator, people.olu.id);
    const another = await refresh({ refreshToken: second.refreshToken });

    const revoked = await second.client.delete(`/v1/me/credentials/${second.credentialId}`);

    expect(revoked.body).toMatchObject({ id: second.credentialId, revokedBy: 'self', revokedAt: expect.any(String) });
    expect((await second.client.get('/v1/me')).status).toBe(401);
    expect((await as(another.body.accessToken).get('/v1/me')).status).toBe(401);
    expect((await refresh({ refreshToken: another.body.refreshToken })).status).toBe(401);
  });

  it('of someone deactivated refreshes no more', async () => {
    const { coordinator, people } = await pairOrg();
    const signedIn = await redeemed((await invite(coordinator, people.olu.id)).code);
    await coordinator.patch(`/v1/participants/${people.olu.id}`, { status: 'inactive' });

    expect((await refresh({ refreshToken: signedIn.refreshToken })).status).toBe(401);
  });

  it('is never deleted, only revoked: the database refuses a DELETE', async () => {
    const { coordinator, people } = await pairOrg();
    const signedIn = await redeemed((await invite(coordinator, people.olu.id)).code);

    await expect(env.DB.prepare(`DELETE FROM tokens WHERE id = ?1`).bind(signedIn.credentialId).run()).rejects.toThrow(
      /revoked_not_deleted/,
    );
  });
});

describe("the console's sign-in", () => {
  it('refreshes from its cookie alone, rotating it, and signing out revokes it and clears the cookie', async () => {
    const { coordinator, people } = await pairOrg();
    const { code } = await invite(coordinator, people.olu.id);
    const redeemedInConsole = await call('POST', '/v1/auth/invitations/redeem', {
      body: { code, client: 'console' },
      headers: newAddress(),
    });
    const cookie = (redeemedInConsole.headers.get('set-cookie') ?? '').split(';')[0]!;

    const refreshed = await refresh({}, { cookie });
    const rotated = (refreshed.headers.get('set-cookie') ?? '').split(';')[0]!;
    const out = await call('POST', '/v1/auth/sign-out', { token: refreshed.body.accessToken });
    const afterOut = await refresh({}, { cookie: rotated });

    expect(redeemedInConsole.body).not.toHaveProperty('refreshToken');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    expect(rotated).not.toBe(cookie);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/dyad_refresh=;/);
    expect(afterOut.status).toBe(401);
  });

  it('without a cookie or a refresh token is simply not signed in (401)', async () => {
    expect(await refresh({})).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });
});
