import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../extension/entrypoints/background';
import { handleMessage } from '../../../extension/lib/handlers';
import { answerPulse } from '../../../extension/lib/pulse';
import { pulseAlarmName, syncPulseAlarms } from '../../../extension/lib/pulse-reminders';
import { FLUSH_ALARM, flush } from '../../../extension/lib/queue';
import { send } from '../../../extension/lib/send';
import { refresh } from '../../../extension/lib/refresh';
import { tagSession } from '../../../extension/lib/sessions';
import { pulseIsDue } from '../../../shared/rules/pulse';
import { read, write } from '../../../extension/lib/storage';
import type { FakeApi } from './fake-api';
import { event, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
beforeEach(() => {
  api = getApi();
});

/** As if the backoff had run out while the worker was dead. */
async function backoffOver() {
  const { sync } = await read('sync');
  await write({ sync: { ...sync, nextAttemptAt: new Date(Date.now() - 1000).toISOString() } });
}

describe('the background service worker', () => {
  it('answers the message table over runtime messaging', async () => {
    background.main();

    const auth = await send('auth.state', undefined);
    const sync = await send('sync.state', undefined);

    expect(auth).toMatchObject({ signedIn: true, apiUrl: 'https://dyad.test', me: { role: 'participant' } });
    expect(sync).toEqual({ waiting: 0, lastError: null, lastSyncedAt: null, nextAttemptAt: null });
    await expect(send('session.setCycle', { sessionId: crypto.randomUUID(), cycle: null })).rejects.toThrow('not known here');
    expect(await handleMessage({ type: 'someone-else' }, {})).toBeUndefined();
  });

  it('does not let a content script sign in or out', async () => {
    const calendarTab = { tab: { id: 7 } as never, url: 'https://calendar.google.com/calendar/r' };

    const reply = await handleMessage({ dyad: 'auth.signOut', payload: undefined }, calendarTab);

    expect(reply).toEqual({ ok: false, error: 'Sign in and out from the options page' });
    expect((await read('auth')).auth.accessToken).toBe('tok');
  });

  it('flushes at start-up what a dead worker left in the queue', async () => {
    await offline(api, () => tagSession(event('a')));
    await backoffOver();

    background.main();
    await flush('alarm'); // waits for the start-up flush

    expect(api.sessions.size).toBe(1);
    expect((await read('queue')).queue).toEqual([]);
  });

  it('flushes when the flush alarm fires', async () => {
    await offline(api, () => tagSession(event('a')));
    expect(await fakeBrowser.alarms.get(FLUSH_ALARM)).toBeDefined();
    background.main();
    await flush('alarm');
    expect(api.sessions.size).toBe(0); // start-up, within the backoff: nothing sent
    await backoffOver();

    await fakeBrowser.alarms.onAlarm.trigger({ name: FLUSH_ALARM, scheduledTime: Date.now() });
    await flush('alarm');

    expect(api.sessions.size).toBe(1);
    expect(await fakeBrowser.alarms.get(FLUSH_ALARM)).toBeUndefined();
  });

  it('flushes when the browser comes back online, without waiting for the backoff', async () => {
    await offline(api, () => tagSession(event('a')));
    background.main();

    globalThis.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect((await read('queue')).queue).toEqual([]));

    expect(api.sessions.size).toBe(1);
  });
});

describe('pulse reminders', () => {
  it('sets an alarm at the session end, notifies then, and clicking opens the popup', async () => {
    const session = await tagSession(event('a', -0.5, 0.5 + 30 / 3600)); // ends in 30 s
    const alarm = await fakeBrowser.alarms.get(pulseAlarmName(session.id));
    expect(alarm?.scheduledTime).toBe(Date.parse(session.endsAt));
    background.main();
    const openWindow = vi.spyOn(fakeBrowser.windows, 'create');

    await fakeBrowser.alarms.onAlarm.trigger({ name: pulseAlarmName(session.id), scheduledTime: Date.now() });
    const shown = await fakeBrowser.notifications.getAll();
    await fakeBrowser.notifications.onClicked.trigger(pulseAlarmName(session.id));

    expect(shown[pulseAlarmName(session.id)]).toMatchObject({
      title: 'How valuable was this session?',
      message: expect.stringContaining('Event a'),
    });
    await vi.waitFor(() =>
      expect(openWindow).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('popup.html') })),
    );
  });

  it('stops asking once answered', async () => {
    const session = await tagSession(event('a', -0.5, 0.5 + 30 / 3600));
    await fakeBrowser.notifications.create(pulseAlarmName(session.id), { type: 'basic', iconUrl: '', title: '', message: '' });

    await answerPulse({ sessionId: session.id, value: 5 });
    await syncPulseAlarms();
    background.main();
    await fakeBrowser.alarms.onAlarm.trigger({ name: pulseAlarmName(session.id), scheduledTime: Date.now() });

    expect(await fakeBrowser.alarms.get(pulseAlarmName(session.id))).toBeUndefined();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('a pulse answered on another device is neither pending, nor reminded, nor offered by the panel', async () => {
    const session = await tagSession(event('elsewhere', -2));
    await flush('manual');
    api.sessions.set(session.id, { ...api.sessions.get(session.id)!, pulseAnswered: true }); // answered on the laptop
    await refresh();
    background.main();

    const pending = await send('pulse.pending', undefined);
    await fakeBrowser.alarms.onAlarm.trigger({ name: pulseAlarmName(session.id), scheduledTime: Date.now() });
    const forEvent = await send('session.forEvent', { provider: 'google', eventId: 'elsewhere' });

    expect(pending).toEqual([]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
    expect(forEvent).toMatchObject({ id: session.id, pulse: null, pulseAnswered: true });
    expect(pulseIsDue(forEvent!, Date.now())).toBe(false);
  });

  it('lists as pending the sessions that ended within 14 days and have no answer', async () => {
    const recent = await tagSession(event('recent', -3));
    await tagSession(event('upcoming', 2));
    await tagSession(event('old', -16 * 24));
    const answered = await tagSession(event('answered', -5));
    await answerPulse({ sessionId: answered.id, value: 3 });
    background.main();

    const pending = await send('pulse.pending', undefined);

    expect(pending.map((s) => s.id)).toEqual([recent.id]);
  });
});
