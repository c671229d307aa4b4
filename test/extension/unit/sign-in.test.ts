import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { normaliseApiUrl, originPattern } from '../../../extension/lib/api-url';
import { authState, signIn, signOut } from '../../../extension/lib/auth';
import { saveNote } from '../../../extension/lib/notes';
import { flush } from '../../../extension/lib/queue';
import { tagSession } from '../../../extension/lib/sessions';
import { read, write } from '../../../extension/lib/storage';
import { apiUrl, me, type FakeApi } from './fake-api';
import { event, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
beforeEach(() => {
  api = getApi();
});

const flushManual = () => flush('manual');
const flushAlarm = () => flush('alarm');

const someoneElse = { ...me, participant: { ...me.participant, id: '00000000-0000-4000-8000-000000000002', displayName: 'Bo Chen' } };

describe('sign-in', () => {
  it('verifies the token with GET /v1/me and keeps who is signed in', async () => {
    await write({ auth: { apiUrl: null, token: null, me: null } });

    const state = await signIn(' https://dyad.test/ ', ' tok ');

    expect(state).toEqual({ signedIn: true, apiUrl: 'https://dyad.test', me });
    expect(await authState()).toEqual(state);
    expect(api.log[0]).toEqual({ method: 'GET', path: '/v1/me' });
  });

  it('says so when the API refuses the token, and stays signed out', async () => {
    await write({ auth: { apiUrl: null, token: null, me: null } });

    await expect(signIn(apiUrl, 'wrong')).rejects.toThrow('The API refused this token');
    expect(await authState()).toEqual({ signedIn: false, apiUrl: null });
  });

  it('says so when the API cannot be reached', async () => {
    api.offline = true;

    await expect(signIn(apiUrl, 'tok')).rejects.toThrow('Could not reach dyad.test. Check the URL');
  });

  it("forgets the previous person's queue and copies when someone else signs in", async () => {
    await offline(api, async () => {
      const s = await tagSession(event('a'));
      await saveNote({ sessionId: s.id, body: 'private thoughts', visibility: 'private', actionItems: [] });
    });
    api.tokens.set('tok-bo', someoneElse);

    await signIn(apiUrl, 'tok-bo');

    const { queue, sessions, notes } = await read('queue', 'sessions', 'notes');
    expect(queue).toEqual([]);
    expect(sessions).toEqual({});
    expect(notes).toEqual({});
    expect(api.sessions.size).toBe(0); // never sent with Bo's token
  });

  it('keeps the queue when the same person signs in again (a new token)', async () => {
    await offline(api, () => tagSession(event('a')));
    api.tokens.set('tok-2', me);

    await signIn(apiUrl, 'tok-2');

    expect((await read('queue')).queue).toHaveLength(1);
  });

  it('signing in again after a refused token sends the queue at once', async () => {
    await offline(api, () => tagSession(event('a')));
    await write({ auth: { apiUrl, token: 'revoked', me } });
    await flushManual();
    expect((await read('sync')).sync.lastError?.message).toMatch(/sign in again/);

    await signIn(apiUrl, 'tok');
    await flushAlarm();

    expect(api.sessions.size).toBe(1);
    expect((await read('sync')).sync).toMatchObject({ attempts: 0, lastError: null });
  });

  it('signs out: sends what it can, then forgets the token and local copies, keeping the API URL', async () => {
    await offline(api, () => tagSession(event('a')));
    await fakeBrowser.alarms.create('pulse:x', { when: Date.now() + 60_000 });

    const state = await signOut();

    expect(state).toEqual({ signedIn: false, apiUrl });
    expect(api.sessions.size).toBe(1);
    const { auth, queue, sessions } = await read('auth', 'queue', 'sessions');
    expect(auth).toEqual({ apiUrl, token: null, me: null });
    expect(queue).toEqual([]);
    expect(sessions).toEqual({});
    expect(await fakeBrowser.alarms.get('pulse:x')).toBeUndefined();
  });

  it('asks for the API origin only, and takes plain http only for localhost', () => {
    expect(originPattern(normaliseApiUrl('https://dyad.example.org/api/'))).toBe('https://dyad.example.org/*');
    expect(originPattern(normaliseApiUrl('http://127.0.0.1:8787'))).toBe('http://127.0.0.1/*');
    expect(() => normaliseApiUrl('http://dyad.example.org')).toThrow('https://');
    expect(() => normaliseApiUrl('dyad')).toThrow('Enter the API URL');
  });
});
