import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backoff, backoffDelay, retryDelay } from '../../../extension/lib/backoff';
import { handleMessage } from '../../../extension/lib/handlers';
import { getNote, saveNote } from '../../../extension/lib/notes';
import { answerPulse } from '../../../extension/lib/pulse';
import { applyResults, FLUSH_ALARM, flush, planBatch, supersede, syncState } from '../../../extension/lib/queue';
import { listSessions, tagSession } from '../../../extension/lib/sessions';
import { read, write, type QueuedWrite } from '../../../extension/lib/storage';
import type { WriteKind } from '../../../shared';
import { engagementId, type FakeApi, me, opKey, signedInAs } from './fake-api';
import { event, hour, offline as offlineWith, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
beforeEach(() => {
  api = getApi();
});
const offline = <T>(writes: () => Promise<T>) => offlineWith(api, writes);

/** Lets the flushes started by enqueues run, then one more, and answers the sync state. */
const settle = () => flush('manual');

describe('queue ordering', () => {
  it('sends writes in the order they were made, a session before its note and pulse', async () => {
    const [a, b] = await offline(async () => {
      const a = await tagSession(event('a'));
      const b = await tagSession(event('b'));
      await saveNote({ sessionId: a.id, body: 'We talked about the launch', visibility: 'private', actionItems: [] });
      await answerPulse({ sessionId: b.id, value: 4 });
      return [a, b];
    });

    await settle();

    expect(api.sentOps.map(opKey)).toEqual([`session:${a.id}`, `session:${b.id}`, `note:${a.id}`, `pulse:${b.id}`]);
    // The note and the pulse wait for the batch that creates their session.
    expect(api.log.filter((r) => r.ops).map((r) => r.ops!.length)).toEqual([2, 2]);
    expect((await syncState()).waiting).toBe(0);
  });

  it('holds a note back from the batch that writes its session', () => {
    const queue = [write_('session', 's1'), write_('note', 's1'), write_('session', 's2'), write_('pulse', 's2'), write_('pulse', 's3')];

    const batch = planBatch(queue);

    expect(batch.map((w) => opKey(w.op))).toEqual(['session:s1', 'session:s2', 'pulse:s3']);
  });

  it('cuts a batch at 100 ops and under the body size limit', () => {
    const many = Array.from({ length: 130 }, (_, i) => write_('pulse', `s${i}`));
    const big = Array.from({ length: 20 }, (_, i) => note_(`n${i}`, 'x'.repeat(20_000)));
    const wide = Array.from({ length: 20 }, (_, i) => note_(`w${i}`, '€'.repeat(20_000))); // 3 bytes each in UTF-8

    expect(planBatch(many)).toHaveLength(100);
    expect(planBatch(big).length).toBeLessThan(20);
    expect(JSON.stringify(planBatch(big)).length).toBeLessThan(256 * 1024);
    expect(new TextEncoder().encode(JSON.stringify({ ops: planBatch(wide).map(({ ref, op }) => ({ ref, op })) })).length).toBeLessThan(
      256 * 1024,
    );
  });
});

describe('the batch carries the typed op', () => {
  it('sends each queued op exactly as stored, with its ref', async () => {
    await offline(async () => {
      const a = await tagSession(event('a'));
      await saveNote({ sessionId: a.id, body: 'agenda', visibility: 'shared', actionItems: [{ text: 'Send the deck', done: false }] });
    });
    const { queue } = await read('queue');
    const sent: unknown[] = [];
    const fetch = api.fetch;
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    });

    await settle();

    // The note waits for the batch that creates its session.
    expect(sent).toEqual(queue.map(({ ref, op }) => ({ ops: [{ ref, queuedMs: expect.any(Number), op }] })));
    expect(api.sentOps).toEqual(queue.map((w) => w.op));
    expect(queue[1]!.op).toMatchObject({ kind: 'note', noteId: expect.any(String), body: { body: 'agenda', visibility: 'shared' } });
  });

  it('says how long each write waited, so an answer queued before the pulse closed still counts when it goes out after', async () => {
    // The session ended 13 days and 22 hours ago: its pulse closes in 2 hours, while the browser is offline.
    const a = await offline(async () => {
      const a = await tagSession(event('a', -(13 * 24 + 23)));
      await answerPulse({ sessionId: a.id, value: 5 });
      return a;
    });
    const sent: Array<{ ops: Array<{ queuedMs: number; op: { kind: string } }> }> = [];
    const fetch = api.fetch;
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 24 * hour }); // back online two days later

    try {
      await settle();
    } finally {
      vi.useRealTimers();
    }

    const pulse = sent.flatMap((b) => b.ops).find((item) => item.op.kind === 'pulse')!;
    expect(pulse.queuedMs).toBeGreaterThanOrEqual(2 * 24 * hour);
    expect(pulse.queuedMs).toBeLessThan(2 * 24 * hour + 60_000);
    expect(api.pulses.get(a.id)).toMatchObject({ value: 5 });
  });

  it('keeps a write whose result answers another kind, to send it again', () => {
    const pulse = write_('pulse', 's1');
    const state = { queue: [pulse], sessions: {}, notes: {}, aliases: {} };
    const note = {
      id: 'n',
      sessionId: 's1',
      authorId: 'p',
      body: '',
      visibility: 'private',
      actionItems: [],
      clientUpdatedAt: '',
      createdAt: '',
      updatedAt: '',
    } as const;

    const next = applyResults(
      state,
      [pulse],
      [{ ref: pulse.ref, ok: true, kind: 'note', status: 200, body: { ...note, actionItems: [] } }],
    );

    expect(next.queue).toEqual([pulse]);
    expect(next.outcome.retry).toBe(true);
  });
});

describe('a queue written by the previous build', () => {
  it('survives the update: v1 entries (flat fields) become ops and are sent', async () => {
    const sessionId = crypto.randomUUID();
    const noteId = crypto.randomUUID();
    const at = new Date(Date.now() - 3 * hour).toISOString();
    const v1 = [
      {
        ref: 'old-1',
        sessionId,
        enqueuedAt: at,
        kind: 'session',
        body: {
          engagementId,
          startsAt: at,
          endsAt: new Date(Date.parse(at) + hour).toISOString(),
          source: { provider: 'google', eventId: 'old' },
          cycle: null,
          status: 'held',
          clientUpdatedAt: at,
        },
      },
      {
        ref: 'old-2',
        sessionId,
        enqueuedAt: at,
        kind: 'note',
        noteId,
        body: { body: 'kept', visibility: 'private', actionItems: [], clientUpdatedAt: at },
      },
      {
        ref: 'old-3',
        sessionId,
        enqueuedAt: at,
        kind: 'pulse',
        body: { value: 4, safety: null, applied: null, checkIn: false, clientUpdatedAt: at },
      },
    ];
    await fakeBrowser.storage.local.set({ queue: v1, queue$: { v: 1 } });

    // The new build starts: fresh modules over the same storage run the migration.
    vi.resetModules();
    const storage = await import('../../../extension/lib/storage');
    const { queue } = await storage.read('queue');
    const fresh = await import('../../../extension/lib/queue');
    const state = await fresh.flush('startup');

    expect(queue).toEqual([
      { ref: 'old-1', enqueuedAt: at, op: { kind: 'session', sessionId, body: v1[0]!.body } },
      { ref: 'old-2', enqueuedAt: at, op: { kind: 'note', sessionId, noteId, body: v1[1]!.body } },
      { ref: 'old-3', enqueuedAt: at, op: { kind: 'pulse', sessionId, body: v1[2]!.body } },
    ]);
    expect((await fakeBrowser.storage.local.get('queue$')).queue$).toEqual({ v: 2 });
    expect(state.waiting).toBe(0);
    expect(api.sessions.get(sessionId)?.source.eventId).toBe('old');
    expect(api.notes.get(noteId)?.body).toBe('kept');
    expect(api.pulses.get(sessionId)?.value).toBe(4);
  });
});

describe('superseded writes', () => {
  it('keeps only the newest queued write of a resource, in the place of the first', async () => {
    const s = await offline(async () => {
      const s = await tagSession(event('a'));
      await saveNote({ sessionId: s.id, body: 'draft', visibility: 'private', actionItems: [] });
      await tagSession(event('b'));
      await saveNote({ sessionId: s.id, body: 'final', visibility: 'shared', actionItems: [{ text: 'Send the deck', done: false }] });
      await answerPulse({ sessionId: s.id, value: 2 });
      await answerPulse({ sessionId: s.id, value: 5 });
      return s;
    });

    const { queue } = await read('queue');
    expect(queue.map((w) => w.op.kind)).toEqual(['session', 'note', 'session', 'pulse']);
    expect(queue[1]!.op.body).toMatchObject({ body: 'final', visibility: 'shared' });

    await settle();
    expect([...api.notes.values()].map((n) => n.body)).toEqual(['final']);
    expect(api.pulses.get(s.id)?.value).toBe(5);
    expect(api.sentOps.filter((op) => op.kind === 'pulse')).toHaveLength(1);
  });

  it('re-tagging the same event for the same engagement updates the one session', async () => {
    const [first, again] = await offline(async () => {
      const first = await tagSession(event('a'));
      return [first, await tagSession({ ...event('a'), endsAt: new Date(Date.parse(first.endsAt) + hour).toISOString() })];
    });

    expect(again.id).toBe(first.id);
    expect((await read('queue')).queue).toHaveLength(1);
  });

  it('a newer write takes the place of the one it supersedes', () => {
    const older = write_('pulse', 's1');
    const newer = { ...write_('pulse', 's1'), ref: 'newer' };

    const queue = supersede([older, write_('session', 's2')], newer);

    expect(queue.map((w) => w.ref)).toEqual(['newer', expect.any(String)]);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter between half the ceiling and the ceiling, capped', () => {
    for (let attempts = 1; attempts <= 12; attempts++) {
      const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempts - 1));

      const low = backoffDelay(attempts, () => 0);
      const high = backoffDelay(attempts, () => 0.999_999);
      const any = backoffDelay(attempts);

      expect(low).toBe(ceiling / 2);
      expect(high).toBeLessThanOrEqual(ceiling);
      expect(high).toBeGreaterThan(ceiling * 0.99);
      expect(any).toBeGreaterThanOrEqual(ceiling / 2);
      expect(any).toBeLessThanOrEqual(ceiling);
    }
    expect(backoffDelay(1, () => 0)).toBeGreaterThanOrEqual(backoff.alarmMinMs);
    expect(backoffDelay(50)).toBeLessThanOrEqual(backoff.maxMs);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelay(1, 10 * 60_000, () => 0)).toBe(10 * 60_000);
    expect(retryDelay(1, 1000, () => 0)).toBe(backoffDelay(1, () => 0));
  });

  it('backs off after a network error, skips automatic flushes until then, and retries at once on demand', async () => {
    await offline(() => tagSession(event('a')));

    const sync = (await read('sync')).sync;
    const wait = Date.parse(sync.nextAttemptAt!) - Date.now();
    expect(sync.attempts).toBe(1);
    expect(wait).toBeGreaterThan(backoffDelay(1, () => 0) - 1000);
    expect(wait).toBeLessThanOrEqual(backoffDelay(1, () => 1));
    expect((await syncState()).lastError).toMatch(/Could not reach dyad\.test/);
    const alarm = await fakeBrowser.alarms.get(FLUSH_ALARM);
    expect(alarm!.scheduledTime).toBeGreaterThanOrEqual(Date.parse(sync.nextAttemptAt!));

    const requests = api.log.length;
    await flush('alarm');
    expect(api.log.length).toBe(requests); // too early: still backing off

    const state = await flush('manual');
    expect(state).toMatchObject({ waiting: 0, lastError: null, nextAttemptAt: null });
    expect(await fakeBrowser.alarms.get(FLUSH_ALARM)).toBeUndefined();
    expect((await read('sync')).sync.attempts).toBe(0);
  });

  it('backs off on a 5xx and on a 429, honouring Retry-After', async () => {
    await offline(() => tagSession(event('a')));
    api.batchFailures.push({ status: 503 }, { status: 429, retryAfter: '900' });

    await flush('manual');
    await flush('manual');

    const { sync, queue } = await read('sync', 'queue');
    expect(queue).toHaveLength(1);
    expect(sync.attempts).toBe(3); // offline, 503, 429
    expect(Date.parse(sync.nextAttemptAt!) - Date.now()).toBeGreaterThan(899_000);
  });

  it('an op answered 5xx stays queued while the others of its batch are done', async () => {
    const a = await offline(async () => {
      const a = await tagSession(event('a'));
      await tagSession(event('b'));
      return a;
    });
    api.forced.set(`session:${a.id}`, { status: 500, body: { error: { code: 'internal', message: 'Internal error', details: null } } });

    await settle();

    const { queue, sync } = await read('queue', 'sync');
    expect(queue.map((w) => w.op.sessionId)).toEqual([a.id]);
    expect(sync.attempts).toBe(2); // offline, then the 500
    expect(sync.nextAttemptAt).not.toBeNull();
  });
});

describe('a killed service worker', () => {
  it('recovers after dying mid-flush: nothing lost, nothing written twice', async () => {
    const a = await offline(async () => {
      const a = await tagSession(event('a'));
      await saveNote({ sessionId: a.id, body: 'notes', visibility: 'private', actionItems: [] });
      await answerPulse({ sessionId: a.id, value: 3 });
      return a;
    });
    // The server applies the first batch, then the worker dies before the response arrives.
    api.hangAfterApplying = 1;
    const dying = flush('manual');
    await vi.waitFor(() => expect(api.log.length).toBe(1));

    // A new worker: fresh modules, the same storage.
    vi.resetModules();
    const fresh = await import('../../../extension/lib/queue');
    const state = await fresh.flush('startup');

    expect(state.waiting).toBe(0);
    expect(api.sessions.size).toBe(1);
    expect(api.notes.size).toBe(1);
    expect(api.pulses.get(a.id)?.value).toBe(3);
    expect(api.sentOps.filter((op) => opKey(op) === `session:${a.id}`)).toHaveLength(2); // replayed, harmlessly
    const sessions = await listSessions({});
    expect(sessions.map((s) => [s.id, s.pending])).toEqual([[a.id, false]]);
    api.releaseHanging();
    await dying; // (the dead worker's flush, ended so it cannot touch the next test)
  });

  it('recovers after a lost response: the replay is harmless and the queue empties', async () => {
    const a = await offline(async () => {
      const a = await tagSession(event('a'));
      await tagSession(event('b'));
      return a;
    });
    api.loseResponses = 1;

    await flush('manual');
    expect((await read('queue')).queue).toHaveLength(2);
    expect(api.sessions.size).toBe(2);

    const state = await flush('manual');
    expect(state.waiting).toBe(0);
    expect(api.sessions.size).toBe(2);
    expect(api.sessions.get(a.id)?.source.eventId).toBe('a');
  });

  it('a queue left by an earlier worker flushes at start-up, once its backoff is over', async () => {
    await offline(() => tagSession(event('a')));
    vi.resetModules();
    const fresh = await import('../../../extension/lib/queue');

    await fresh.flush('startup');
    expect(api.sessions.size).toBe(0); // still backing off: the alarm will come

    const { sync } = await read('sync');
    await write({ sync: { ...sync, nextAttemptAt: new Date(Date.now() - 1000).toISOString() } });
    await fresh.flush('startup');
    expect(api.sessions.size).toBe(1);
    expect((await read('queue')).queue).toHaveLength(0);
  });
});

describe('refused writes', () => {
  it('drops a write the API refuses with a 4xx, records why, and does not retry it', async () => {
    const a = await offline(async () => {
      const a = await tagSession(event('a'));
      await answerPulse({ sessionId: a.id, value: 4 });
      return a;
    });
    api.forced.set(`pulse:${a.id}`, {
      status: 409,
      body: { error: { code: 'conflict', message: 'The pulse closes 14 days after the session ends', details: null } },
    });

    const state = await settle();

    expect(state.waiting).toBe(0);
    expect(state.lastError).toBe('Pulse answer “Event a” not saved: The pulse closes 14 days after the session ends');
    const sent = api.sentOps.length;
    await flush('alarm');
    expect(api.sentOps.length).toBe(sent);
    // The message stays after later successful flushes, until the user retries.
    await tagSession(event('b'));
    await flush('enqueue');
    expect((await syncState()).lastError).toMatch(/not saved/);
  });

  it('keeps the queue when the token is refused, and says to sign in again', async () => {
    await offline(() => tagSession(event('a')));
    await write({ auth: signedInAs(me, { accessToken: 'revoked', refreshToken: 'revoked' }) });

    const state = await settle();

    expect(state.waiting).toBe(1);
    expect(state.lastError).toMatch(/sign in again/);
  });
});

describe('an event already tagged under another id', () => {
  it("adopts the API's session id and re-points the note and pulse queued for ours", async () => {
    const theirs = '00000000-0000-4000-8000-00000000beef';
    const start = new Date(Date.now() - 2 * hour).toISOString();
    api.sessions.set(theirs, {
      id: theirs,
      engagementId,
      startsAt: start,
      endsAt: new Date(Date.parse(start) + hour).toISOString(),
      source: { provider: 'google', eventId: 'a' },
      cycle: null,
      status: 'held',
      clientUpdatedAt: start,
      createdAt: start,
      updatedAt: start,
      pulseAnswered: false,
    });
    const ours = await offline(async () => {
      const ours = await tagSession(event('a'));
      await saveNote({ sessionId: ours.id, body: 'mine', visibility: 'private', actionItems: [] });
      await answerPulse({ sessionId: ours.id, value: 5 });
      return ours;
    });
    await fakeBrowser.alarms.create(`pulse:${ours.id}`, { when: Date.now() + hour });

    const state = await settle();

    expect(state.waiting).toBe(0);
    expect(api.sessions.size).toBe(1);
    expect([...api.notes.values()]).toMatchObject([{ sessionId: theirs, body: 'mine' }]);
    expect(api.pulses.get(theirs)?.value).toBe(5);
    expect(api.sentOps.map(opKey)).not.toContain(`pulse:${ours.id}`);
    const sessions = await listSessions({});
    expect(sessions).toMatchObject([{ id: theirs, title: 'Event a', pulse: { value: 5 }, pending: false }]);
    expect(await fakeBrowser.alarms.get(`pulse:${ours.id}`)).toBeUndefined();
    // A content script still holding our id reaches theirs.
    expect(await getNote(ours.id)).toMatchObject({ sessionId: theirs, body: 'mine' });
    const reply = await handleMessage({ dyad: 'session.setCycle', payload: { sessionId: ours.id, cycle: 'talent_review' } }, {});
    expect(reply).toMatchObject({ ok: true, value: { id: theirs, cycle: 'talent_review' } });
  });
});

let refs = 0;
function write_(kind: WriteKind, sessionId: string): QueuedWrite {
  const base = { ref: `r${++refs}`, enqueuedAt: new Date().toISOString() };
  const clientUpdatedAt = new Date().toISOString();
  if (kind === 'note') return note_(sessionId, 'b');
  if (kind === 'pulse') return { ...base, op: { kind, sessionId, body: { value: 3, checkIn: false, clientUpdatedAt } } };
  return {
    ...base,
    op: {
      kind,
      sessionId,
      body: {
        engagementId,
        startsAt: clientUpdatedAt,
        endsAt: clientUpdatedAt,
        source: { provider: 'google', eventId: sessionId },
        cycle: null,
        status: 'held',
        clientUpdatedAt,
      },
    },
  };
}

function note_(sessionId: string, body: string): QueuedWrite {
  const clientUpdatedAt = new Date().toISOString();
  return {
    ref: `r${++refs}`,
    enqueuedAt: clientUpdatedAt,
    op: { kind: 'note', sessionId, noteId: `note-${sessionId}`, body: { body, visibility: 'private', actionItems: [], clientUpdatedAt } },
  };
}
