import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../shared';
import { authApi } from '../../../extension/console/auth-api';
import { consoleSession, resumeSession, type SignedOutReason } from '../../../extension/console/console-session';
import { apiRequest, ApiError } from '../../../extension/lib/api';
import { isMe } from '../../../extension/dashboard/responses';
import { vi } from 'vitest';
import { fakeAuthServer, origin } from './fake-auth-server';

afterEach(() => vi.unstubAllGlobals());

async function signedInSession() {
  const server = fakeAuthServer({ cookie: true });
  const auth = authApi(origin);
  const first = await resumeSession(auth);
  const ended: SignedOutReason[] = [];
  const session = consoleSession(origin, auth, first!, (reason) => ended.push(reason));
  return { server, session, ended };
}

describe('the console session', () => {
  it('resumes from the cookie alone, with an empty body', async () => {
    const server = fakeAuthServer({ cookie: true });

    const signedIn = await resumeSession(authApi(origin));

    expect(signedIn?.accessToken).toBe('at-1');
    expect(server.calls).toEqual(['POST /v1/auth/refresh']);
    expect(server.bodies).toEqual([{}]);
  });

  it('is signed out when the browser holds no session cookie', async () => {
    fakeAuthServer({ cookie: false });

    expect(await resumeSession(authApi(origin))).toBeNull();
  });

  it('renews an expired access token once for requests that failed together, and retries each', async () => {
    const { server, session } = await signedInSession();
    server.expire();

    const answers = await Promise.all([1, 2, 3].map(() => apiRequest(session.credentials, 'GET', '/v1/me', { schema: isMe })));

    expect(answers.map((me: Me) => me.participant.displayName)).toEqual(['Tomás Becker', 'Tomás Becker', 'Tomás Becker']);
    expect(server.calls.filter((c) => c === 'POST /v1/auth/refresh')).toHaveLength(2); // the resume, and one renewal
    expect(session.credentials.token).toBe('at-2');
  });

  it('hands back the newer token to a request that failed with one already replaced', async () => {
    const { server, session } = await signedInSession();
    server.expire();
    await apiRequest(session.credentials, 'GET', '/v1/me', { schema: isMe });

    const renewed = await session.credentials.renew!('at-1');

    expect(renewed).toBe('at-2');
    expect(server.calls.filter((c) => c === 'POST /v1/auth/refresh')).toHaveLength(2);
  });

  it('signs out when the server no longer renews the session (revoked elsewhere)', async () => {
    const { server, session, ended } = await signedInSession();
    server.expire();
    server.cookie = false;

    await expect(apiRequest(session.credentials, 'GET', '/v1/me', { schema: isMe })).rejects.toBeInstanceOf(ApiError);

    expect(ended).toEqual(['ended']);
    expect(session.credentials.token).toBe('');
  });

  it('signs out on the server, then forgets the access token', async () => {
    const { server, session, ended } = await signedInSession();

    await session.signOut();

    expect(server.calls.at(-1)).toBe('POST /v1/auth/sign-out');
    expect(server.cookie).toBe(false);
    expect(ended).toEqual(['signed-out']);
    expect(session.credentials.token).toBe('');
    expect(await resumeSession(authApi(origin))).toBeNull();
  });
});
