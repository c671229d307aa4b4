import { beforeEach, describe, expect, it } from 'vitest';
import { authState } from '../../../extension/lib/auth';
import { renewAccessToken } from '../../../extension/lib/credentials';
import { refresh } from '../../../extension/lib/refresh';
import { flush, syncState } from '../../../extension/lib/queue';
import { tagSession } from '../../../extension/lib/sessions';
import { read } from '../../../extension/lib/storage';
import { me, type FakeApi } from './fake-api';
import { credentialId } from './fake-identity';
import { event, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
beforeEach(() => {
  api = getApi();
});

/** The leader's access token `tok` expires: the API answers 401 `token_expired` to it. */
const expire = (token = 'tok') => api.identity.expired.add(token);

describe('an expired access token', () => {
  it('is renewed with the refresh token, and the write sent again with the new one', async () => {
    await offline(api, () => tagSession(event('a')));
    expire();

    await flush('manual');

    expect(api.sessions.size).toBe(1);
    expect(api.identity.refreshes).toBe(1);
    const { auth } = await read('auth');
    expect(auth.accessToken).toMatch(/^access-/);
    expect(auth.credentialId).toBe(credentialId); // the same sign-in
  });

  it('is renewed once for callers asking at the same time (the flush, the refresh, a note)', async () => {
    expect((await read('auth')).auth.refreshToken).toBe('refresh-1');
    let open!: () => void;
    api.identity.refreshGate = new Promise((resolve) => (open = resolve));

    const asks = [renewAccessToken('tok'), renewAccessToken('tok'), renewAccessToken('tok')];
    await new Promise((resolve) => setTimeout(resolve, 0));
    open();
    const tokens = await Promise.all(asks);

    expect(api.identity.refreshes).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^access-/);
  });

  it('keeps the rotated refresh token, and never sends the used one again', async () => {
    const first = await renewAccessToken('tok');
    const rotated = (await read('auth')).auth.refreshToken;

    const second = await renewAccessToken(first!);

    expect(rotated).not.toBe('refresh-1');
    expect(second).not.toBe(first);
    expect(api.identity.refreshes).toBe(2);
    expect((await read('auth')).auth.refreshToken).not.toBe(rotated);
    expect(await authState()).toMatchObject({ signedIn: true });
  });

  it('is not renewed again by a caller that was refused an older token', async () => {
    const fresh = await renewAccessToken('tok');

    expect(await renewAccessToken('tok')).toBe(fresh);
    expect(api.identity.refreshes).toBe(1);
  });
});

describe('a refused refresh (revoked, or lapsed after 30 days)', () => {
  it('signs out here, naming who, and keeps their queued writes', async () => {
    await offline(api, () => tagSession(event('a')));
    api.identity.revoke(credentialId);
    api.tokens.set('tok', me);
    expire();

    await flush('manual');

    expect(await authState()).toEqual({
      signedIn: false,
      apiUrl: 'https://dyad.test',
      org: 'northwind',
      lapsed: { displayName: me.participant.displayName, email: me.participant.email, waiting: 1 },
    });
    const { auth, queue } = await read('auth', 'queue');
    expect(auth.refreshToken).toBeNull();
    expect(queue).toHaveLength(1);
  });

  it('also follows an access token refused outright (revoked from another browser)', async () => {
    await offline(api, () => tagSession(event('a')));
    api.identity.revoke(credentialId); // `tok` and `refresh-1` both refused now

    const sync = await flush('manual');

    expect((await authState()).signedIn).toBe(false);
    expect(sync.waiting).toBe(1);
    expect((await syncState()).lastError).toMatch(/sign in again/);
  });
});

describe('the network failing during a refresh', () => {
  it('keeps the sign-in, and the flush backs off to try again', async () => {
    await offline(api, () => tagSession(event('a')));
    expire();
    api.identity.refreshUnreachable = true;

    await flush('manual');
    await refresh().catch(() => null);

    expect(api.identity.refreshes).toBeGreaterThan(0);
    expect((await read('auth')).auth).toMatchObject({ accessToken: 'tok', refreshToken: 'refresh-1' });
    expect((await syncState()).lastError).toMatch(/will retry/);

    api.identity.refreshUnreachable = false;
    await flush('manual');
    expect(api.sessions.size).toBe(1);
  });
});
