import { describe, expect, it } from 'vitest';
import { zWriteOp, type Note, type WriteOpInput } from '../../../shared';
import { DomainError } from '../../../worker/domain/errors';
import { writeState, type KnownSession, type WriteState } from '../../../worker/domain/write-state';
import { handlerOf } from '../../../worker/domain/writes';
import type { Auth } from '../../../worker/env';

// The rules of each kind of write, decided in plain TypeScript against a state — no database.
const engagement = '00000000-0000-4000-8000-0000000000e1';
const otherEngagement = '00000000-0000-4000-8000-0000000000e2';
const s1 = '00000000-0000-4000-8000-000000000051';
const s2 = '00000000-0000-4000-8000-000000000052';
const n1 = '00000000-0000-4000-8000-0000000000a1';
const lee = '00000000-0000-4000-8000-0000000000b1';
const mia = '00000000-0000-4000-8000-0000000000b2';
const now = '2026-12-07T12:00:00.000Z';

const caller = (role: Auth['role'] = 'participant', participantId = lee): Auth => ({ tokenId: 't', orgId: 'o', participantId, role });

const stored = (over: Partial<KnownSession> = {}): KnownSession => ({
  id: s1,
  engagementId: engagement,
  startsAt: '2026-12-07T09:00:00.000Z',
  endsAt: '2026-12-07T10:00:00.000Z',
  source: { provider: 'google', eventId: 'evt-1' },
  cycle: null,
  status: 'held',
  clientUpdatedAt: '2026-12-07T10:30:00.000Z',
  createdAt: '2026-12-07T10:30:00.000Z',
  updatedAt: '2026-12-07T10:30:00.000Z',
  pulseAnswered: false,
  isMember: true,
  ...over,
});

const note = (over: Partial<Note> = {}): Note => ({
  id: n1,
  sessionId: s1,
  authorId: mia,
  body: 'Mia wrote this',
  visibility: 'shared',
  actionItems: [],
  clientUpdatedAt: '2026-12-07T10:40:00.000Z',
  createdAt: '2026-12-07T10:40:00.000Z',
  updatedAt: '2026-12-07T10:40:00.000Z',
  ...over,
});

function state(rows: { sessions?: KnownSession[]; notes?: Note[]; who?: Auth } = {}): WriteState {
  return writeState(rows.who ?? caller(), now, {
    memberOf: [engagement],
    sessions: rows.sessions ?? [],
    notes: rows.notes ?? [],
    pulses: [],
  });
}

/** Decides one op (sent at once, or after `queuedMs` in the offline queue); the domain error's reason if refused. */
function decide(st: WriteState, op: WriteOpInput, queuedMs = 0) {
  const parsed = zWriteOp.parse(op);
  try {
    return handlerOf(parsed).decide(parsed, st, { queuedMs });
  } catch (err) {
    if (err instanceof DomainError) return { refused: err.reason, message: err.message };
    throw err;
  }
}

const sessionOp = (sessionId: string, over: Record<string, unknown> = {}): WriteOpInput => ({
  kind: 'session',
  sessionId,
  body: {
    engagementId: engagement,
    startsAt: '2026-12-07T09:00:00.000Z',
    endsAt: '2026-12-07T10:00:00.000Z',
    source: { provider: 'google', eventId: 'evt-1' },
    clientUpdatedAt: '2026-12-07T11:00:00.000Z',
    ...over,
  },
});
const pulseOp = (clientUpdatedAt: string, sessionId = s1): WriteOpInput => ({
  kind: 'pulse',
  sessionId,
  body: { value: 4, clientUpdatedAt },
});
const noteOp = (noteId = n1): WriteOpInput => ({
  kind: 'note',
  sessionId: s1,
  noteId,
  body: { body: 'Lee edits', clientUpdatedAt: '2026-12-07T11:00:00.000Z' },
});

describe('deciding a session write', () => {
  it('creates a session in an engagement of the caller', () => {
    const st = state();

    expect(decide(st, sessionOp(s1))).toEqual({ status: 201, id: s1 });
    expect(st.created.has(s1)).toBe(true);
  });

  it("answers a session in an engagement not the caller's as absent", () => {
    expect(decide(state(), sessionOp(s1, { engagementId: otherEngagement }))).toMatchObject({ refused: 'not_found' });
  });

  it('answers a stored session of an engagement the caller is not a member of as absent', () => {
    expect(decide(state({ sessions: [stored({ isMember: false })] }), sessionOp(s1))).toMatchObject({ refused: 'not_found' });
  });

  it('refuses to move a session to another engagement', () => {
    expect(decide(state({ sessions: [stored()] }), sessionOp(s1, { engagementId: otherEngagement }))).toMatchObject({
      refused: 'conflict',
    });
  });

  it('refuses an edit dated more than a day ahead', () => {
    expect(decide(state(), sessionOp(s1, { clientUpdatedAt: '2026-12-08T12:00:01.000Z' }))).toMatchObject({ refused: 'invalid' });
  });

  it('answers the same event under another id with the stored session, writing nothing', () => {
    const st = state({ sessions: [stored()] });

    expect(decide(st, sessionOp(s2))).toEqual({ status: 200, id: s1 });
    expect(st.touched.session.size).toBe(0);
  });

  it('refuses to move a session onto the calendar event of another session', () => {
    const st = state({ sessions: [stored(), stored({ id: s2, source: { provider: 'google', eventId: 'evt-2' } })] });

    expect(decide(st, sessionOp(s2))).toMatchObject({ refused: 'conflict' });
  });

  it('keeps the stored session when the edit is not newer', () => {
    const st = state({ sessions: [stored({ clientUpdatedAt: '2026-12-07T11:00:00.000Z' })] });

    expect(decide(st, sessionOp(s1, { status: 'cancelled' }))).toEqual({ status: 200, id: s1 });
    expect(st.sessions.get(s1)?.status).toBe('held');
  });
});

describe('deciding a pulse', () => {
  // Now is 2026-12-07T12:00Z. This session ended 2026-11-20T10:00Z: its window closed 2026-12-04T10:00Z.
  const closed = () => state({ sessions: [stored({ endsAt: '2026-11-20T10:00:00.000Z', startsAt: '2026-11-20T09:00:00.000Z' })] });
  const hours = (n: number) => n * 3600_000;

  it("judges the window by the server's now, whatever the client dates its answer", () => {
    expect(decide(closed(), pulseOp('2026-11-20T11:00:00.000Z'))).toMatchObject({
      refused: 'conflict',
      message: expect.stringContaining('closes'),
    });
    expect(decide(state({ sessions: [stored()] }), pulseOp('2026-11-01T00:00:00.000Z'))).toEqual({ status: 201, id: s1 });
  });

  it('counts an answer that waited in the offline queue from when it was queued, up to 7 days back', () => {
    expect(decide(closed(), pulseOp('2026-12-04T09:00:00.000Z'), hours(75))).toEqual({ status: 201, id: s1 }); // queued 12-04 09:00
    expect(decide(closed(), pulseOp('2026-12-04T11:00:00.000Z'), hours(73))).toMatchObject({ refused: 'conflict' }); // 12-04 11:00
    expect(decide(closed(), pulseOp('2026-01-01T00:00:00.000Z'), hours(24 * 365))).toEqual({ status: 201, id: s1 }); // capped at 11-30 12:00
  });

  it('refuses an answer before the session starts, or on a cancelled session', () => {
    const tomorrow = state({ sessions: [stored({ startsAt: '2026-12-08T09:00:00.000Z', endsAt: '2026-12-08T10:00:00.000Z' })] });
    const cancelled = state({ sessions: [stored({ status: 'cancelled' })] });

    expect(decide(tomorrow, pulseOp('2026-12-07T11:00:00.000Z'))).toMatchObject({
      refused: 'conflict',
      message: expect.stringContaining('opens'),
    });
    expect(decide(cancelled, pulseOp('2026-12-07T11:00:00.000Z'))).toMatchObject({ refused: 'conflict' });
  });

  it('sees the session as an earlier op of the batch left it', () => {
    const st = state();
    decide(st, sessionOp(s1, { status: 'cancelled' }));

    expect(decide(st, pulseOp('2026-12-07T11:00:00.000Z'))).toMatchObject({ refused: 'conflict' });
  });
});

describe('deciding a note', () => {
  it("lets a member read but not edit another member's shared note", () => {
    expect(decide(state({ sessions: [stored()], notes: [note()] }), noteOp())).toMatchObject({ refused: 'forbidden' });
  });

  it("answers another member's private note as absent", () => {
    expect(decide(state({ sessions: [stored()], notes: [note({ visibility: 'private' })] }), noteOp())).toMatchObject({
      refused: 'not_found',
    });
  });

  it('answers a shared note as absent to a coordinator, even one who is a member', () => {
    const st = state({ sessions: [stored()], notes: [note()], who: caller('coordinator') });

    expect(decide(st, noteOp())).toMatchObject({ refused: 'not_found' });
  });

  it('lets the author edit their own note', () => {
    const st = state({ sessions: [stored()], notes: [note({ authorId: lee })] });

    expect(decide(st, noteOp())).toEqual({ status: 200, id: n1 });
    expect(st.notes.get(n1)?.body).toBe('Lee edits');
  });
});
