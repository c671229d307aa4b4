import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { zSession } from '../../shared';
import { applyWrites, type IncomingWrite } from '../../worker/domain/apply-writes';
import { hashToken } from '../../worker/domain/token-secrets';
import { pairOrg, sessionBody, tokenFor, uuid } from './support';

// A batch reads, decides, then writes: another request can land in between. The write's SQL keeps
// the rules itself, and each result is re-derived from what was stored. These tests run a real
// concurrent request at exactly that moment, by holding the batch's write until it has finished.

/** The real database, except that `race` runs (to completion) just before the batch's write. */
function withRaceBeforeWrite(db: D1Database, race: () => Promise<unknown>): D1Database {
  let batches = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          if (++batches === 2) await race();
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function leeWith() {
  const o = await pairOrg();
  const hash = await hashToken(await tokenFor(o.coordinator, o.people.lee.id));
  const apply = (race: () => Promise<unknown>, items: IncomingWrite[]) =>
    applyWrites(withRaceBeforeWrite(env.DB, race), hash, items, new Date().toISOString());
  return { ...o, apply };
}

describe("a request racing between the batch's read and its write", () => {
  it('tagging the same event under another id: the batch answers with the session that won, and there is one', async () => {
    const { apply, mia, engagement } = await leeWith();
    const body = sessionBody(engagement.id, { source: { provider: 'google', eventId: 'evt-raced' } });
    const winner = uuid();

    const [outcome] = await apply(() => mia.put(`/v1/sessions/${winner}`, body), [{ op: { kind: 'session', sessionId: uuid(), body } }]);

    expect(outcome).toMatchObject({ ok: true, status: 200, body: { id: winner } });
    const { results } = await env.DB.prepare(`SELECT id FROM sessions WHERE event_id = 'evt-raced'`).all();
    expect(results).toEqual([{ id: winner }]);
  });

  it('a replay of the same id with a newer edit keeps the newer edit, and the batch answers with it', async () => {
    const { apply, mia, engagement } = await leeWith();
    const id = uuid();
    const older = sessionBody(engagement.id, { cycle: 'other', clientUpdatedAt: new Date(Date.now() - 60_000).toISOString() });
    const newer = { ...older, cycle: 'talent_review', clientUpdatedAt: new Date().toISOString() };

    const [outcome] = await apply(() => mia.put(`/v1/sessions/${id}`, newer), [{ op: { kind: 'session', sessionId: id, body: older } }]);

    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(zSession.parse(outcome?.ok && outcome.body).cycle).toBe('talent_review');
  });

  it("a replay of the same id with an older edit is overwritten by the batch's newer one", async () => {
    const { apply, mia, engagement } = await leeWith();
    const id = uuid();
    const newer = sessionBody(engagement.id, { cycle: 'talent_review' });
    const older = { ...newer, cycle: 'other', clientUpdatedAt: new Date(Date.now() - 60_000).toISOString() };

    const [outcome] = await apply(() => mia.put(`/v1/sessions/${id}`, older), [{ op: { kind: 'session', sessionId: id, body: newer } }]);

    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(zSession.parse(outcome?.ok && outcome.body).cycle).toBe('talent_review');
  });

  it('a note on a session whose insert lost the race to the same event is refused, and nothing is stored under its id', async () => {
    const { apply, mia, engagement } = await leeWith();
    const body = sessionBody(engagement.id, { source: { provider: 'google', eventId: 'evt-raced-note' } });
    const loser = uuid();
    const noteId = uuid();

    const outcomes = await apply(
      () => mia.put(`/v1/sessions/${uuid()}`, body),
      [
        { op: { kind: 'session', sessionId: loser, body } },
        { op: { kind: 'note', sessionId: loser, noteId, body: { body: 'on the loser', clientUpdatedAt: new Date().toISOString() } } },
      ],
    );

    expect(outcomes.map((o) => [o.ok, o.ok ? o.status : o.error.reason])).toEqual([
      [true, 200],
      [false, 'not_found'],
    ]);
    expect(await env.DB.prepare('SELECT id FROM notes WHERE id = ?1').bind(noteId).first()).toBeNull();
  });
});
