import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { normaliseApiUrl, originPattern } from '../../../extension/lib/api-url';
import { authState, signOut } from '../../../extension/lib/auth';
import { mySignIns, revokeSignIn } from '../../../extension/lib/my-sign-ins';
import { saveNote } from '../../../extension/lib/notes';
import { flush } from '../../../extension/lib/queue';
import { redeemInvitation } from '../../../extension/lib/redeem-invitation';
import { tagSession } from '../../../extension/lib/sessions';
import { signInOptions, signInWithProvider } from '../../../extension/lib/sign-in-with-provider';
import { read, write } from '../../../extension/lib/storage';
import { apiUrl, me, signedInAs, type FakeApi } from './fake-api';
import { credentialId, providerId } from './fake-identity';
import { event, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
/** The URLs Chrome's auth window was opened on. */
let opened: URL[];

/**
 * Chrome's auth window, with the identity provider behind it: it signs the person in and redirects
 * to the extension with `code` and the `state` it was started with (or what `answer` returns).
 */
function providerAnswers(
  answer: (authorize: URL) => string = (authorize) => `${redirectUri}?code=the-code&state=${authorize.searchParams.get('state')}`,
) {
  fakeBrowser.identity.launchWebAuthFlow = vi.fn(async ({ url, interactive }: { url: string; interactive?: boolean }) => {
    expect(interactive).toBe(true);
    opened.push(new URL(url));
    return answer(new URL(url));
  }) as never;
}

beforeEach(() => {
  api = getApi();
  opened = [];
  fakeBrowser.identity.getRedirectURL = (() => redirectUri) as never;
  providerAnswers();
});

const signedOut = () => write({ auth: { ...signedInAs(), accessToken: null, refreshToken: null, credentialId: null, me: null } });
const someoneElse = { ...me, participant: { ...me.participant, id: '00000000-0000-4000-8000-000000000002', displayName: 'Bo Chen' } };

describe("signing in with the organisation's identity provider", () => {
  it("lists the organisation's providers, found by its slug", async () => {
    const options = await signInOptions({ apiUrl: 'https://dyad.test/', org: ' northwind ' });

    expect(options.org.name).toBe('Northwind');
    expect(options.providers.map((p) => p.label)).toEqual(['Northwind (Okta)']);
  });

  it('says so when the API has no such organisation', async () => {
    await expect(signInOptions({ apiUrl, org: 'southwind' })).rejects.toThrow('dyad.test has no organisation called “southwind”');
  });

  it('signs in with PKCE: the challenge to start, the verifier to finish, and keeps the credential', async () => {
    await signedOut();

    const state = await signInWithProvider({ apiUrl, org: 'northwind', providerId });

    expect(state).toEqual({ signedIn: true, apiUrl, me });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.searchParams.get('redirect_uri')).toBe(redirectUri);
    const { auth } = await read('auth');
    expect(auth).toMatchObject({ apiUrl, org: 'northwind', credentialId: expect.any(String), me });
    expect(auth.accessToken).toMatch(/^access-/);
    expect(auth.refreshToken).toMatch(/^refresh-/);
    expect(Date.parse(auth.accessExpiresAt!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(api.identity.bodies[0]).toMatchObject({ code: 'the-code', codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it('signs nobody in when the person closes the sign-in window', async () => {
    await signedOut();
    fakeBrowser.identity.launchWebAuthFlow = (async () => {
      throw new Error('The user did not approve access.');
    }) as never;

    await expect(signInWithProvider({ apiUrl, org: 'northwind', providerId })).rejects.toThrow('window was closed before signing in');
    expect((await authState()).signedIn).toBe(false);
  });

  it('signs nobody in when the provider refuses, or answers for another sign-in', async () => {
    await signedOut();
    providerAnswers((authorize) => `${redirectUri}?error=access_denied&state=${authorize.searchParams.get('state')}`);
    await expect(signInWithProvider({ apiUrl, org: 'northwind', providerId })).rejects.toThrow('cancelled or refused');

    providerAnswers(() => `${redirectUri}?code=the-code&state=someone-elses`);
    await expect(signInWithProvider({ apiUrl, org: 'northwind', providerId })).rejects.toThrow('not for this sign-in');

    expect((await authState()).signedIn).toBe(false);
    expect(api.identity.bodies).toEqual([]); // never finished
  });

  it("holds sign-in to the API URL IT's policy sets", async () => {
    await fakeBrowser.storage.managed.set({ apiUrl: 'https://dyad.northwind.example', organisation: 'northwind' });

    await expect(signInWithProvider({ apiUrl, org: 'northwind', providerId })).rejects.toThrow(
      "Your organisation's Dyad is at dyad.northwind.example",
    );
    expect(opened).toEqual([]);
  });
});

describe('signing in with an invitation', () => {
  it("redeems a link: the API is the link's origin, the credential the extension's own", async () => {
    await signedOut();
    api.identity.invitations.set('inv-1', me);

    const state = await redeemInvitation({ invitation: `${apiUrl}/console/#invite=inv-1`, apiUrl: null, org: null });

    expect(state).toEqual({ signedIn: true, apiUrl, me });
    expect(api.identity.bodies[0]).toMatchObject({ code: 'inv-1', client: 'extension' });
    expect(api.identity.bodies[0]).not.toHaveProperty('org');
  });

  it("sends the organisation IT's policy sets, so another organisation's invitation is refused", async () => {
    await signedOut();
    await fakeBrowser.storage.managed.set({ organisation: 'northwind' });
    api.identity.invitations.set('inv-other', { ...me, org: { ...me.org, slug: 'southwind' } });

    await expect(redeemInvitation({ invitation: 'inv-other', apiUrl, org: 'northwind' })).rejects.toThrow('No such invitation');
    expect(api.identity.bodies[0]).toMatchObject({ code: 'inv-other', org: 'northwind' });
    expect((await authState()).signedIn).toBe(false);
  });

  it('an organisation only typed or remembered from an earlier sign-in does not stop another’s invitation', async () => {
    await signedOut();
    api.identity.invitations.set('inv-other', { ...me, org: { ...me.org, slug: 'southwind' } });

    const state = await redeemInvitation({ invitation: 'inv-other', apiUrl, org: 'northwind' });

    expect(state.signedIn).toBe(true);
    expect(api.identity.bodies[0]).not.toHaveProperty('org');
  });

  it('says what the API said of a code it refused, and stays signed out', async () => {
    await signedOut();

    await expect(redeemInvitation({ invitation: 'used-up', apiUrl, org: null })).rejects.toThrow('ask for a new one');
    expect((await authState()).signedIn).toBe(false);
  });

  it('needs the API URL with a bare code', async () => {
    await expect(redeemInvitation({ invitation: 'inv-1', apiUrl: null, org: null })).rejects.toThrow('enter the API URL');
  });
});

describe('who signs in', () => {
  it("forgets the previous person's queue and copies when someone else signs in", async () => {
    await offline(api, async () => {
      const s = await tagSession(event('a'));
      await saveNote({ sessionId: s.id, body: 'private thoughts', visibility: 'private', actionItems: [] });
    });
    api.identity.invitations.set('inv-bo', someoneElse);

    await redeemInvitation({ invitation: 'inv-bo', apiUrl, org: null });

    const { queue, sessions, notes } = await read('queue', 'sessions', 'notes');
    expect(queue).toEqual([]);
    expect(sessions).toEqual({});
    expect(notes).toEqual({});
    expect(api.sessions.size).toBe(0); // never sent with Bo's credential
  });

  it('keeps the queue when the same person signs in again, and sends it', async () => {
    await offline(api, () => tagSession(event('a')));

    await signInWithProvider({ apiUrl, org: 'northwind', providerId });
    await flush('alarm');

    expect(api.sessions.size).toBe(1);
    expect((await read('sync')).sync).toMatchObject({ attempts: 0, lastError: null });
  });
});

describe('an older build’s sign-in (a pasted token)', () => {
  it('becomes a lapsed sign-in of the same person: the token dropped, their queue sent once they sign in', async () => {
    await offline(api, () => tagSession(event('a')));
    await fakeBrowser.storage.local.set({ auth: { apiUrl, token: 'dyad_old', me }, auth$: { v: 1 } });

    // The new build starts: fresh modules over the same storage run the migration.
    vi.resetModules();
    const fresh = await import('../../../extension/lib/auth');
    const lapsed = await fresh.authState();

    expect(lapsed).toEqual({
      signedIn: false,
      apiUrl,
      org: 'northwind',
      lapsed: { displayName: me.participant.displayName, email: me.participant.email, waiting: 1 },
    });
    expect(JSON.stringify(await fakeBrowser.storage.local.get('auth'))).not.toContain('dyad_old');

    const providerSignIn = await import('../../../extension/lib/sign-in-with-provider');
    await providerSignIn.signInWithProvider({ apiUrl, org: 'northwind', providerId });
    await (await import('../../../extension/lib/queue')).flush('alarm');

    expect(api.sessions.size).toBe(1);
  });
});

describe('signing out', () => {
  it('sends what it can, revokes the credential at the API, then forgets it, keeping the API URL and organisation', async () => {
    await offline(api, () => tagSession(event('a')));
    await fakeBrowser.alarms.create('pulse:x', { when: Date.now() + 60_000 });

    const state = await signOut();

    expect(state).toEqual({ signedIn: false, apiUrl, org: 'northwind', lapsed: null });
    expect(api.sessions.size).toBe(1);
    expect(api.identity.credentials.get(credentialId)!.credential.revokedAt).not.toBeNull();
    const { auth, queue, sessions } = await read('auth', 'queue', 'sessions');
    expect(auth).toMatchObject({ apiUrl, org: 'northwind', accessToken: null, refreshToken: null, me: null });
    expect(queue).toEqual([]);
    expect(sessions).toEqual({});
    expect(await fakeBrowser.alarms.get('pulse:x')).toBeUndefined();
  });

  it('forgets the credential here even when the API cannot be reached', async () => {
    api.offline = true;

    await signOut();

    expect((await read('auth')).auth.refreshToken).toBeNull();
  });
});

describe('your sign-ins', () => {
  it("lists the person's credentials, this browser's marked", async () => {
    const { credentials } = await mySignIns();

    expect(credentials).toEqual([
      expect.objectContaining({ id: credentialId, kind: 'sso', current: true, providerLabel: 'Northwind (Okta)' }),
    ]);
  });

  it("revokes another app's sign-in and stays signed in; revoking this browser's signs out", async () => {
    api.identity.invitations.set('inv-laptop', me);
    const laptop = (
      (await await api
        .fetch(`${apiUrl}/v1/auth/invitations/redeem`, {
          method: 'POST',
          body: JSON.stringify({ code: 'inv-laptop', client: 'console' }),
        })
        .then((r) => r.json())) as { credentialId: string }
    ).credentialId;

    expect((await revokeSignIn(laptop)).signedIn).toBe(true);
    expect(api.identity.credentials.get(laptop)!.credential.revokedAt).not.toBeNull();

    expect((await revokeSignIn(credentialId)).signedIn).toBe(false);
    expect(api.identity.credentials.get(credentialId)!.credential.revokedAt).not.toBeNull();
    expect((await read('auth')).auth.accessToken).toBeNull();
  });
});

it('asks for the API origin only, and takes plain http only for localhost', () => {
  expect(originPattern(normaliseApiUrl('https://dyad.example.org/api/'))).toBe('https://dyad.example.org/*');
  expect(originPattern(normaliseApiUrl('http://127.0.0.1:8787'))).toBe('http://127.0.0.1/*');
  expect(() => normaliseApiUrl('http://dyad.example.org')).toThrow('https://');
  expect(() => normaliseApiUrl('dyad')).toThrow('Enter the API URL');
});
