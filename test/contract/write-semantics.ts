/**
 * The write semantics every implementation of `POST /v1/batch` keeps — the real Worker
 * (test/worker/write-semantics.test.ts) and the extension's fake API (test/extension/…) run
 * this same suite, so the fake cannot drift from the Worker.
 *
 * A target is made fresh for each test by `makeTarget()`:
 *
 * ```ts
 * interface WriteTarget {
 *   engagementId: string;       // an engagement the caller is a member of (any kind; no sessions yet)
 *   otherEngagementId: string;  // an engagement of the same organisation the caller is NOT a member of
 *   batch(items): Promise<BatchResult[]>; // POST /v1/batch { ops: items } as the caller; its `results`
 *   now(): string;              // the target's clock (ISO-8601), which judges "from the future" and the pulse window
 *                               // (never the client's: an item's `queuedMs` reaches back at most pulseQueueGraceDays)
 * }
 * ```
 *
 * It imports only vitest and `shared/`, so it runs in workerd and in Node alike.
 */
import { describe, expect, it } from 'vitest';
import { type BatchItemInput, type BatchResult, type WriteKind, zBatchResult } from '../../shared/batch';
import { pulseQueueGraceDays, pulseWindowDays } from '../../shared/rules/pulse';

export interface WriteTarget {
  engagementId: string;
  otherEngagementId: string;
  batch(items: readonly BatchItemInput[]): Promise<readonly BatchResult[]>;
  now(): string;
}

const hour = 3_600_000;
const day = 24 * hour;
const uuid = () => crypto.randomUUID();

export function describeWriteSemantics(name: string, makeTarget: () => Promise<WriteTarget>): void {
  /** Sends the items and checks every result has the declared shape, one per item, in order. */
  async function send(t: WriteTarget, items: readonly BatchItemInput[]): Promise<BatchResult[]> {
    const results = zBatchResult.array().parse(await t.batch(items));
    expect(results).toHaveLength(items.length);
    return results;
  }

  /** Times relative to the target's clock: `at(-2)` is two hours ago. */
  const clock = (t: WriteTarget) => {
    const now = Date.parse(t.now());
    return (hours: number) => new Date(now + hours * hour).toISOString();
  };

  /** A one-hour session that ended an hour ago (so its pulse is open), edited at `editedAt`. */
  function sessionOp(
    t: WriteTarget,
    sessionId: string,
    over: { eventId?: string; editedAt?: string; startsAt?: string; engagementId?: string } = {},
  ) {
    const at = clock(t);
    const startsAt = over.startsAt ?? at(-2);
    return {
      kind: 'session' as const,
      sessionId,
      body: {
        engagementId: over.engagementId ?? t.engagementId,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + hour).toISOString(),
        source: { provider: 'google' as const, eventId: over.eventId ?? `evt-${sessionId}` },
        clientUpdatedAt: over.editedAt ?? at(-0.5),
      },
    };
  }
  const noteOp = (t: WriteTarget, sessionId: string, noteId: string, body: string, editedAt = clock(t)(-0.4)) => ({
    kind: 'note' as const,
    sessionId,
    noteId,
    body: { body, clientUpdatedAt: editedAt },
  });
  const pulseOp = (t: WriteTarget, sessionId: string, value: number, editedAt = clock(t)(-0.3)) => ({
    kind: 'pulse' as const,
    sessionId,
    body: { value, clientUpdatedAt: editedAt },
  });

  const statuses = (results: BatchResult[]) => results.map((r) => r.status);
  function accepted<K extends WriteKind>(r: BatchResult | undefined, kind: K) {
    if (!r?.ok || r.kind !== kind) throw new Error(`expected an accepted ${kind}, got ${JSON.stringify(r)}`);
    return r.body as Extract<BatchResult, { ok: true; kind: K }>['body'];
  }
  function refused(r: BatchResult | undefined) {
    if (!r || r.ok) throw new Error(`expected a refused write, got ${JSON.stringify(r)}`);
    return r;
  }
  /** What is stored of a session; `pulseAnswered` is the caller's view, which another op of the batch may change. */
  const stored = ({ pulseAnswered: _, ...session }: Extract<BatchResult, { kind: 'session'; ok: true }>['body']) => session;

  describe(`write semantics: ${name}`, () => {
    it('a session, its note and its pulse in one batch are all created, in order', async () => {
      const t = await makeTarget();
      const id = uuid();
      const noteId = uuid();

      const results = await send(t, [
        { ref: 's', op: sessionOp(t, id) },
        { ref: 'n', op: noteOp(t, id, noteId, 'Talked about AI pilots') },
        { ref: 'p', op: pulseOp(t, id, 5) },
      ]);

      expect(results.map((r) => [r.ref, r.ok, r.kind, r.status])).toEqual([
        ['s', true, 'session', 201],
        ['n', true, 'note', 201],
        ['p', true, 'pulse', 201],
      ]);
      expect(accepted(results[0], 'session')).toMatchObject({ id, engagementId: t.engagementId });
      expect(accepted(results[1], 'note')).toMatchObject({ id: noteId, sessionId: id, body: 'Talked about AI pilots' });
      expect(accepted(results[2], 'pulse')).toMatchObject({ sessionId: id, value: 5 });
    });

    it('a replayed batch writes nothing twice: 200 instead of 201, the same stored values', async () => {
      const t = await makeTarget();
      const id = uuid();
      const items = [{ op: sessionOp(t, id) }, { op: noteOp(t, id, uuid(), 'n') }, { op: pulseOp(t, id, 4) }];
      const first = await send(t, items);

      const replay = await send(t, items);

      expect(statuses(first)).toEqual([201, 201, 201]);
      expect(statuses(replay)).toEqual([200, 200, 200]);
      expect(stored(accepted(replay[0], 'session'))).toEqual(stored(accepted(first[0], 'session')));
      expect(accepted(replay[1], 'note')).toEqual(accepted(first[1], 'note'));
      expect(accepted(replay[2], 'pulse')).toEqual(accepted(first[2], 'pulse'));
    });

    it('a stale clientUpdatedAt changes nothing and returns the stored value', async () => {
      const t = await makeTarget();
      const at = clock(t);
      const id = uuid();
      const noteId = uuid();
      await send(t, [
        { op: sessionOp(t, id, { startsAt: at(-3), editedAt: at(-0.2) }) },
        { op: noteOp(t, id, noteId, 'newer', at(-0.2)) },
        { op: pulseOp(t, id, 5, at(-0.2)) },
      ]);

      const stale = await send(t, [
        { op: sessionOp(t, id, { startsAt: at(-5), editedAt: at(-0.9) }) },
        { op: noteOp(t, id, noteId, 'older', at(-0.9)) },
        { op: pulseOp(t, id, 1, at(-0.9)) },
      ]);

      expect(statuses(stale)).toEqual([200, 200, 200]);
      expect(accepted(stale[0], 'session')).toMatchObject({ startsAt: at(-3), clientUpdatedAt: at(-0.2) });
      expect(accepted(stale[1], 'note')).toMatchObject({ body: 'newer', clientUpdatedAt: at(-0.2) });
      expect(accepted(stale[2], 'pulse')).toMatchObject({ value: 5, clientUpdatedAt: at(-0.2) });
    });

    it('a newer edit replaces the stored value', async () => {
      const t = await makeTarget();
      const at = clock(t);
      const id = uuid();
      const noteId = uuid();
      await send(t, [{ op: sessionOp(t, id, { startsAt: at(-3), editedAt: at(-0.9) }) }, { op: noteOp(t, id, noteId, 'first', at(-0.9)) }]);

      const edit = await send(t, [
        { op: sessionOp(t, id, { startsAt: at(-4), editedAt: at(-0.2) }) },
        { op: noteOp(t, id, noteId, 'second', at(-0.2)) },
      ]);

      expect(statuses(edit)).toEqual([200, 200]);
      expect(accepted(edit[0], 'session')).toMatchObject({ startsAt: at(-4), clientUpdatedAt: at(-0.2) });
      expect(accepted(edit[1], 'note')).toMatchObject({ body: 'second', clientUpdatedAt: at(-0.2) });
    });

    it('the same calendar event tagged again under another id returns the existing session', async () => {
      const t = await makeTarget();
      const first = uuid();
      await send(t, [{ op: sessionOp(t, first, { eventId: 'evt-weekly' }) }]);

      const again = await send(t, [{ op: sessionOp(t, uuid(), { eventId: 'evt-weekly' }) }]);

      expect(statuses(again)).toEqual([200]);
      expect(accepted(again[0], 'session').id).toBe(first);
    });

    it('the same calendar event tagged twice in one batch makes one session', async () => {
      const t = await makeTarget();
      const first = uuid();

      const results = await send(t, [
        { op: sessionOp(t, first, { eventId: 'evt-twice' }) },
        { op: sessionOp(t, uuid(), { eventId: 'evt-twice' }) },
      ]);

      expect(statuses(results)).toEqual([201, 200]);
      expect(accepted(results[1], 'session').id).toBe(first);
    });

    it('a note and a pulse for a session created earlier in the same batch are accepted', async () => {
      const t = await makeTarget();
      const id = uuid();

      const results = await send(t, [{ op: sessionOp(t, id) }, { op: noteOp(t, id, uuid(), 'same batch') }, { op: pulseOp(t, id, 3) }]);

      expect(statuses(results)).toEqual([201, 201, 201]);
      expect(accepted(results[1], 'note').sessionId).toBe(id);
      expect(accepted(results[2], 'pulse').sessionId).toBe(id);
    });

    it('refuses each bad op on its own and applies the others', async () => {
      const t = await makeTarget();
      const good1 = uuid();
      const good2 = uuid();
      const malformed = { ...sessionOp(t, uuid()), body: { ...sessionOp(t, uuid()).body, startsAt: 'yesterday' } };

      const results = await send(t, [
        { ref: 'good1', op: sessionOp(t, good1) },
        { ref: 'malformed', op: malformed },
        { ref: 'unknown kind', op: { kind: 'objective', sessionId: uuid() } as unknown as BatchItemInput['op'] },
        { ref: 'unknown session', op: noteOp(t, uuid(), uuid(), 'to nowhere') },
        { ref: 'not my engagement', op: sessionOp(t, uuid(), { engagementId: t.otherEngagementId }) },
        { ref: 'good2', op: sessionOp(t, good2) },
      ]);

      expect(results.map((r) => [r.ref, r.ok, r.status])).toEqual([
        ['good1', true, 201],
        ['malformed', false, 400],
        ['unknown kind', false, 400],
        ['unknown session', false, 404],
        ['not my engagement', false, 404],
        ['good2', true, 201],
      ]);
      expect(refused(results[1]).body.error).toMatchObject({
        code: 'invalid_input',
        details: [expect.objectContaining({ path: 'body.startsAt' })],
      });
      expect(refused(results[2]).kind).toBeUndefined();
      expect(refused(results[3]).body.error.code).toBe('not_found');
      expect(refused(results[4]).body.error.code).toBe('not_found');
      const replay = await send(t, [{ op: sessionOp(t, good1) }, { op: sessionOp(t, good2) }]);
      expect(statuses(replay)).toEqual([200, 200]); // both were stored
    });

    it('a note on a session whose own op was refused in the same batch is refused too', async () => {
      const t = await makeTarget();
      const id = uuid();

      const results = await send(t, [
        { op: sessionOp(t, id, { engagementId: t.otherEngagementId }) },
        { op: noteOp(t, id, uuid(), 'orphan') },
        { op: pulseOp(t, id, 2) },
      ]);

      expect(statuses(results)).toEqual([404, 404, 404]);
    });

    it('newest wins across two ops for the same resource in one batch, in either order', async () => {
      const t = await makeTarget();
      const at = clock(t);
      const forward = uuid();
      const backward = uuid();
      const noteId = uuid();

      const results = await send(t, [
        { op: sessionOp(t, forward, { startsAt: at(-3), editedAt: at(-0.9) }) },
        { op: sessionOp(t, forward, { startsAt: at(-4), editedAt: at(-0.2) }) },
        { op: sessionOp(t, backward, { startsAt: at(-4), editedAt: at(-0.2) }) },
        { op: sessionOp(t, backward, { startsAt: at(-3), editedAt: at(-0.9) }) },
        { op: noteOp(t, forward, noteId, 'older', at(-0.9)) },
        { op: noteOp(t, forward, noteId, 'newer', at(-0.2)) },
        { op: noteOp(t, forward, noteId, 'oldest', at(-1)) },
      ]);

      expect(statuses(results)).toEqual([201, 200, 201, 200, 201, 200, 200]);
      expect(accepted(results[1], 'session')).toMatchObject({ startsAt: at(-4), clientUpdatedAt: at(-0.2) });
      expect(accepted(results[3], 'session')).toMatchObject({ startsAt: at(-4), clientUpdatedAt: at(-0.2) });
      expect(accepted(results[6], 'note')).toMatchObject({ body: 'newer', clientUpdatedAt: at(-0.2) });
      const reread = await send(t, [{ op: sessionOp(t, forward, { editedAt: at(-2) }) }]);
      expect(accepted(reread[0], 'session').startsAt).toBe(at(-4)); // what the batch left stored
    });

    it('answering the pulse again replaces the answer', async () => {
      const t = await makeTarget();
      const id = uuid();
      await send(t, [{ op: sessionOp(t, id) }, { op: pulseOp(t, id, 2, clock(t)(-0.3)) }]);

      const again = await send(t, [{ op: pulseOp(t, id, 4, clock(t)(-0.1)) }]);

      expect(statuses(again)).toEqual([200]);
      expect(accepted(again[0], 'pulse').value).toBe(4);
    });

    it('judges the pulse window by its own clock: an answer dated just after a session 90 days ago is refused', async () => {
      const t = await makeTarget();
      const at = clock(t);
      const id = uuid();
      await send(t, [{ op: sessionOp(t, id, { startsAt: at(-90 * 24 - 1) }) }]);

      const results = await send(t, [{ op: pulseOp(t, id, 5, at(-90 * 24 + 1)) }, { op: pulseOp(t, id, 5, at(0)) }]);

      expect(statuses(results)).toEqual([409, 409]);
      expect(refused(results[0]).body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('closes') });
    });

    it(`counts an answer that waited in the offline queue from when it was queued, up to ${pulseQueueGraceDays} days back`, async () => {
      const t = await makeTarget();
      const at = clock(t);
      const [queued, direct] = [uuid(), uuid()];
      // Ended a day more than the window ago: closed yesterday.
      const startsAt = at(-(pulseWindowDays + 1) * 24 - 1);
      await send(t, [{ op: sessionOp(t, queued, { startsAt }) }, { op: sessionOp(t, direct, { startsAt }) }]);

      const results = await send(t, [{ queuedMs: 2 * day, op: pulseOp(t, queued, 4, at(-48)) }, { op: pulseOp(t, direct, 4, at(-48)) }]);

      expect(statuses(results)).toEqual([201, 409]);
    });

    it(`lets a queued answer reach back at most ${pulseQueueGraceDays} days, whatever wait it claims`, async () => {
      const t = await makeTarget();
      const at = clock(t);
      const id = uuid();
      // Closed a day more than the grace ago.
      await send(t, [{ op: sessionOp(t, id, { startsAt: at(-(pulseWindowDays + pulseQueueGraceDays + 1) * 24 - 1) }) }]);

      const results = await send(t, [{ queuedMs: 30 * day, op: pulseOp(t, id, 4, at(-29 * 24)) }]);

      expect(statuses(results)).toEqual([409]);
    });

    it('refuses an op holding half a character (a lone surrogate) on its own, and applies the others', async () => {
      const t = await makeTarget();
      const id = uuid();

      const results = await send(t, [{ op: sessionOp(t, id) }, { op: noteOp(t, id, uuid(), 'cut mid-emoji \ud83d') }]);

      expect(statuses(results)).toEqual([201, 400]);
      expect(refused(results[1]).body.error).toMatchObject({
        code: 'invalid_input',
        details: [{ path: 'body.body', code: 'lone_surrogate' }],
      });
    });

    it('refuses an edit dated more than a day in the future', async () => {
      const t = await makeTarget();

      const results = await send(t, [{ op: sessionOp(t, uuid(), { editedAt: clock(t)(25) }) }]);

      expect(refused(results[0])).toMatchObject({ kind: 'session', status: 400 });
    });
  });
}
