import { beforeEach, describe, expect, it } from 'vitest';
import { getNote, saveNote } from '../../../extension/lib/notes';
import { answerPulse } from '../../../extension/lib/pulse';
import { flush } from '../../../extension/lib/queue';
import { refresh } from '../../../extension/lib/refresh';
import { listSessions, sessionForEvent, setCycle, tagSession } from '../../../extension/lib/sessions';
import { read } from '../../../extension/lib/storage';
import { engagementId, me, type FakeApi } from './fake-api';
import { event, hour, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
beforeEach(() => {
  api = getApi();
});

describe('notes offline', () => {
  it('answers a note saved online as sent, and one saved offline as waiting', async () => {
    const s = await tagSession(event('a'));

    const online = await saveNote({ sessionId: s.id, body: 'sent', visibility: 'private', actionItems: [] });
    const waiting = await offline(api, () => saveNote({ sessionId: s.id, body: 'kept here', visibility: 'private', actionItems: [] }));

    expect(online).toMatchObject({ body: 'sent', pending: false });
    expect(waiting).toMatchObject({ body: 'kept here', pending: true });
  });

  it('reads the local copy offline, and the API copy once it answers', async () => {
    const s = await offline(api, async () => {
      const s = await tagSession(event('a'));
      await saveNote({ sessionId: s.id, body: 'draft', visibility: 'private', actionItems: [] });
      return s;
    });
    api.offline = true;
    expect(await getNote(s.id)).toMatchObject({ body: 'draft', pending: true });

    api.offline = false;
    await flush('manual');
    const stored = [...api.notes.values()][0]!;
    api.notes.set(stored.id, { ...stored, body: 'edited on the laptop', clientUpdatedAt: new Date(Date.now() + 1000).toISOString() });
    expect(await getNote(s.id)).toMatchObject({ body: 'edited on the laptop', pending: false });

    api.offline = true;
    expect(await getNote(s.id)).toMatchObject({ body: 'edited on the laptop' });
  });

  it("does not let the API's copy overwrite an edit still waiting to be sent", async () => {
    const s = await tagSession(event('a'));
    await saveNote({ sessionId: s.id, body: 'first', visibility: 'private', actionItems: [] });
    await flush('manual');

    await offline(api, () => saveNote({ sessionId: s.id, body: 'second', visibility: 'shared', actionItems: [] }));

    expect(await getNote(s.id)).toMatchObject({ body: 'second', visibility: 'shared', pending: true });
  });
});

describe('refreshing from the API', () => {
  it('takes the API sessions, keeps queued local edits, and forgets sessions the API no longer has', async () => {
    const kept = await tagSession(event('kept'));
    const gone = await tagSession(event('gone'));
    await flush('manual');
    api.sessions.delete(gone.id); // deleted elsewhere
    const elsewhere = crypto.randomUUID();
    const start = new Date(Date.now() - 5 * hour).toISOString();
    api.sessions.set(elsewhere, {
      id: elsewhere,
      engagementId,
      startsAt: start,
      endsAt: new Date(Date.parse(start) + hour).toISOString(),
      source: { provider: 'outlook', eventId: 'from-the-laptop' },
      cycle: 'market_review',
      status: 'held',
      clientUpdatedAt: start,
      createdAt: start,
      updatedAt: start,
      pulseAnswered: true,
    });
    api.pulses.set(elsewhere, {
      sessionId: elsewhere,
      value: 2,
      safety: null,
      applied: 4,
      checkIn: false,
      clientUpdatedAt: start,
      updatedAt: start,
    });
    const local = await offline(api, () => setCycle(kept.id, 'talent_review'));

    await refresh();

    const sessions = await listSessions({});
    expect(sessions.map((s) => s.id).sort()).toEqual([kept.id, elsewhere].sort());
    expect(sessions.find((s) => s.id === kept.id)).toMatchObject({ cycle: 'talent_review', title: 'Event kept' });
    expect(sessions.find((s) => s.id === elsewhere)).toMatchObject({
      title: null,
      cycle: 'market_review',
      pulse: { value: 2, applied: 4 },
      pending: false,
    });
    expect(local.pending).toBe(true);
    expect((await read('auth')).auth.me).toEqual(me);
    expect(await sessionForEvent('outlook', 'from-the-laptop')).toMatchObject({ id: elsewhere });
  });

  it('keeps a pulse answered here but not yet sent', async () => {
    const s = await tagSession(event('a'));
    await flush('manual');
    await offline(api, () => answerPulse({ sessionId: s.id, value: 1 }));

    await refresh();

    expect((await read('sessions')).sessions[s.id]).toMatchObject({ pulse: { value: 1 }, pulseAnswered: true });
  });
});
