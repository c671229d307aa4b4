/**
 * An in-memory stand-in for the Worker's write API, for unit tests of the queue. It applies the
 * typed batch (`WriteOp`, shared/batch.ts) by dispatching on `kind` through one table, by the
 * Worker's rules — client ids, a stale `clientUpdatedAt` returns the stored value, the same event
 * tagged again under a new id returns the existing session, each op refused on its own — and has
 * switches for the failures the queue must survive. The contract suite (test/contract/) runs
 * against it and against the real Worker, so the two cannot drift apart unnoticed.
 */
import {
  inPulseWindow,
  malformedIn,
  pulseAnsweredAt,
  pulseWindowDays,
  writeKinds,
  zWriteOp,
  type BatchResult,
  type ErrorCode,
  type ErrorEnvelope,
  type Me,
  type Note,
  type Pulse,
  type Session,
  type WriteKind,
  type WriteOf,
  type WriteOp,
  type WriteResultBody,
} from '../../../shared';
import type { AuthRecord } from '../../../extension/lib/storage';
import { credentialId, FakeIdentity } from './fake-identity';

export const me: Me = {
  participant: {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Amara Okafor',
    email: 'amara@example.org',
    role: 'participant',
    level: 'executive',
    function: null,
    region: null,
    status: 'active',
    attributes: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  role: 'participant',
  org: {
    id: '00000000-0000-4000-8000-0000000000aa',
    name: 'Northwind',
    slug: 'northwind',
    minGroupSize: 5,
    commentMinimum: 10,
    fiscalYearStartMonth: 1,
    attributeDimensions: ['gender'],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
};

/** The engagement the leader is a member of. */
export const engagementId = '00000000-0000-4000-8000-0000000000e1';
/** An engagement of the organisation the leader is not a member of (to them it does not exist). */
export const otherEngagementId = '00000000-0000-4000-8000-0000000000e2';
export const apiUrl = 'https://dyad.test';

/** The leader signed in (through single sign-on): access token `tok`, refresh token `refresh-1`. */
export function signedInAs(who: Me = me, tokens: Partial<AuthRecord> = {}): AuthRecord {
  return {
    apiUrl,
    org: who.org.slug,
    accessToken: 'tok',
    refreshToken: 'refresh-1',
    credentialId,
    accessExpiresAt: new Date(Date.now() + 900_000).toISOString(),
    me: who,
    ...tokens,
  };
}

/** A write refused with the status and error envelope the same PUT would have answered. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
const envelopeOf = (code: ErrorCode, message: string, details: unknown = null): ErrorEnvelope => ({ error: { code, message, details } });
const notFound = (what: string) => new Refused(404, 'not_found', `${what} not found`);
const conflict = (message: string) => new Refused(409, 'conflict', message);

type Accepted<K extends WriteKind> = { status: 200 | 201; body: WriteResultBody<K> };
type Writes = { [K in WriteKind]: (api: FakeApi, op: WriteOf<K>, caller: Me, now: string, queuedMs: number) => Accepted<K> };

/** A client clock may run ahead, but not by more than a day (worker/domain/clock.ts). */
function notFromTheFuture(clientUpdatedAt: string, now: string): void {
  if (Date.parse(clientUpdatedAt) > Date.parse(now) + 24 * 3600_000) {
    throw new Refused(400, 'invalid_input', 'clientUpdatedAt is more than a day in the future');
  }
}

/** The session if the caller may see it (a member of its engagement); otherwise it does not exist. */
function visibleSession(api: FakeApi, sessionId: string, caller: Me): Session {
  const session = api.sessions.get(sessionId);
  if (!session || !api.isMember(caller, session.engagementId)) throw notFound('session');
  return session;
}

/** One function per kind of write: the Worker's table of writes, in memory. */
const writes: Writes = {
  session(api, { sessionId, body }, caller, now) {
    notFromTheFuture(body.clientUpdatedAt, now);
    const existing = api.sessions.get(sessionId);
    const sameEvent = (s: Session) =>
      s.engagementId === body.engagementId && s.source.provider === body.source.provider && s.source.eventId === body.source.eventId;
    if (existing) {
      if (!api.isMember(caller, existing.engagementId)) throw notFound('session');
      if (existing.engagementId !== body.engagementId) throw conflict('A session cannot move to another engagement');
      if (existing.clientUpdatedAt >= body.clientUpdatedAt) return { status: 200, body: existing };
      const other = [...api.sessions.values()].find((s) => s.id !== sessionId && sameEvent(s));
      if (other) throw conflict('Another session of this engagement is linked to that calendar event');
      const next: Session = { ...existing, ...body, updatedAt: now };
      api.sessions.set(sessionId, next);
      return { status: 200, body: next };
    }
    if (!api.isMember(caller, body.engagementId)) throw notFound('engagement');
    const tagged = [...api.sessions.values()].find(sameEvent);
    if (tagged) return { status: 200, body: tagged };
    const created: Session = { id: sessionId, ...body, createdAt: now, updatedAt: now, pulseAnswered: false };
    api.sessions.set(sessionId, created);
    return { status: 201, body: created };
  },

  note(api, { sessionId, noteId, body }, caller, now) {
    notFromTheFuture(body.clientUpdatedAt, now);
    visibleSession(api, sessionId, caller);
    const existing = api.notes.get(noteId);
    if (existing) {
      const readable =
        existing.sessionId === sessionId && (existing.authorId === caller.participant.id || existing.visibility === 'shared');
      if (!readable) throw notFound('note');
      if (existing.authorId !== caller.participant.id) throw new Refused(403, 'forbidden', 'Only the author can edit a note');
      if (existing.clientUpdatedAt >= body.clientUpdatedAt) return { status: 200, body: existing };
    }
    const note: Note = {
      id: noteId,
      sessionId,
      authorId: caller.participant.id,
      ...body,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    api.notes.set(noteId, note);
    return { status: existing ? 200 : 201, body: note };
  },

  pulse(api, { sessionId, body }, caller, now, queuedMs) {
    notFromTheFuture(body.clientUpdatedAt, now);
    const session = visibleSession(api, sessionId, caller);
    if (session.status === 'cancelled') throw conflict('A cancelled session has no pulse');
    // Judged by the server's clock, reaching back as far as the write waited in the queue (at most the grace).
    const answeredAt = pulseAnsweredAt(Date.parse(now), queuedMs);
    if (!inPulseWindow(session, answeredAt)) {
      throw conflict(
        answeredAt < Date.parse(session.startsAt)
          ? 'The pulse opens when the session starts'
          : `The pulse closes ${pulseWindowDays} days after the session ends`,
      );
    }
    const existing = api.pulses.get(sessionId);
    if (!existing || existing.clientUpdatedAt < body.clientUpdatedAt) {
      const { value, safety = null, applied = null, checkIn, clientUpdatedAt } = body;
      api.pulses.set(sessionId, { sessionId, value, safety, applied, checkIn, clientUpdatedAt, updatedAt: now });
      api.sessions.set(sessionId, { ...session, pulseAnswered: true });
    }
    return { status: existing ? 200 : 201, body: api.pulses.get(sessionId)! };
  },
};

function applyOp<K extends WriteKind>(api: FakeApi, op: WriteOf<K>, caller: Me, now: string, queuedMs: number): Accepted<K> {
  return (writes[op.kind] as Writes[K])(api, op, caller, now, queuedMs);
}

export class FakeApi {
  sessions = new Map<string, Session>();
  notes = new Map<string, Note>();
  pulses = new Map<string, Pulse>();
  /** Accepted access tokens, and whom each belongs to. */
  tokens = new Map<string, Me>([['tok', me]]);
  /** Sign-in, refresh, sign-out and the caller's credentials (fake-identity.ts). */
  identity = new FakeIdentity(this.tokens, me);
  /** The engagements each participant is a member of. */
  memberships = new Map<string, Set<string>>([[me.participant.id, new Set([engagementId])]]);
  /** Engagements `GET /v1/engagements` answers. */
  engagements: unknown[] = [];
  /** The server's clock. */
  now: () => string = () => new Date().toISOString();
  /** Every request, in order: `POST /v1/batch` with its ops. */
  log: Array<{ method: string; path: string; ops?: WriteOp[] }> = [];
  /** Requests answered by a network error before reaching the server. */
  offline = false;
  /** Batches applied, but whose response never arrives (a network error after the server wrote). */
  loseResponses = 0;
  /** Batches applied, whose response never comes at all (the worker dies waiting). */
  hangAfterApplying = 0;
  private hanging: Array<() => void> = [];
  /** Ends the requests left hanging (as the dead worker's connection would). */
  releaseHanging(): void {
    for (const release of this.hanging.splice(0)) release();
  }
  /** Whole-batch failures to answer with this status (and Retry-After, if set). */
  batchFailures: Array<{ status: number; retryAfter?: string }> = [];
  /** Per-op answers forced by the op's kind and session (`opKey`, e.g. a 409 for `pulse:<id>`). */
  forced = new Map<string, { status: number; body: unknown }>();

  isMember(caller: Me, engagement: string): boolean {
    return this.memberships.get(caller.participant.id)?.has(engagement) ?? false;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    if (this.offline) throw new TypeError('Failed to fetch');
    const bearer = ((init?.headers as Record<string, string> | undefined)?.Authorization ?? '').replace(/^Bearer /, '');
    const path = url.pathname;
    const identity = await this.identity.answer(method, url, jsonBody(init?.body), bearer);
    if (identity) {
      this.log.push({ method, path });
      return identity;
    }
    if (this.identity.expired.has(bearer)) return json(401, envelopeOf('token_expired', 'The access token expired'));
    const caller = this.tokens.get(bearer);
    if (!caller) return json(401, envelopeOf('unauthorized', 'Bad token'));
    if (method === 'POST' && path === '/v1/batch') {
      const request = JSON.parse(String(init?.body)) as { ops?: unknown };
      const items = Array.isArray(request.ops) ? request.ops : [];
      this.log.push({ method, path, ops: items.map((item) => (item as { op: WriteOp }).op) });
      const failure = this.batchFailures.shift();
      if (failure)
        return json(failure.status, envelopeOf('internal', 'Try later'), failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {});
      const results = this.batch(items, caller);
      if (this.hangAfterApplying > 0) {
        this.hangAfterApplying--;
        return new Promise<Response>((_, reject) => this.hanging.push(() => reject(new TypeError('Failed to fetch'))));
      }
      if (this.loseResponses > 0) {
        this.loseResponses--;
        throw new TypeError('Failed to fetch');
      }
      return json(200, { results });
    }
    this.log.push({ method, path });
    if (method === 'GET' && path === '/v1/me') return json(200, caller);
    if (method === 'GET' && path === '/v1/engagements') return json(200, { engagements: this.engagements });
    if (method === 'GET' && path === '/v1/sessions') {
      // As the Worker: by start, within [from, to] when given (worker/db/sessions.ts).
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      const inRange = (s: Session) => (!from || s.startsAt >= from) && (!to || s.startsAt <= to);
      return json(200, { sessions: [...this.sessions.values()].filter((s) => this.isMember(caller, s.engagementId) && inRange(s)) });
    }
    // The two reads by session the background makes: …/notes and …/pulse.
    const [, v1, sessions, sessionId, what, ...rest] = path.split('/');
    if (method === 'GET' && v1 === 'v1' && sessions === 'sessions' && sessionId && rest.length === 0) {
      if (what === 'notes') return json(200, { notes: [...this.notes.values()].filter((n) => n.sessionId === sessionId) });
      if (what === 'pulse') {
        const answer = this.pulses.get(sessionId);
        return answer ? json(200, answer) : json(404, envelopeOf('not_found', 'pulse answer not found'));
      }
    }
    return json(404, envelopeOf('not_found', 'Not found'));
  };

  /**
   * Applies a batch's items in order, each on its own, as the Worker does: one result per item, the
   * resource written (typed by its kind) or why it was refused.
   */
  batch(items: readonly unknown[], caller: Me = me): BatchResult[] {
    const now = this.now();
    return items.map((raw): BatchResult => {
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as { ref?: unknown; queuedMs?: unknown; op?: { kind?: unknown } };
      const queuedMs = typeof item.queuedMs === 'number' ? item.queuedMs : 0;
      const ref = typeof item.ref === 'string' ? { ref: item.ref } : {};
      // The kind is echoed when the op names one we know, even if the rest of it is malformed.
      const named = writeKinds.find((kind) => kind === item.op?.kind);
      const malformed = malformedIn(item.op);
      const parsed = zWriteOp.safeParse(item.op);
      if (malformed.length > 0 || !parsed.success) {
        const details =
          malformed.length > 0 || parsed.success
            ? malformed
            : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
        return {
          ...ref,
          ok: false,
          ...(named ? { kind: named } : {}),
          status: 400,
          body: { error: { code: 'invalid_input', message: 'Invalid input', details } },
        };
      }
      const op = parsed.data;
      const forced = this.forced.get(opKey(op));
      if (forced) return { ...ref, ok: false, kind: op.kind, status: forced.status, body: forced.body } as BatchResult;
      try {
        const { status, body } = applyOp(this, op, caller, now, queuedMs);
        return { ...ref, ok: true, kind: op.kind, status, body } as BatchResult;
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        return { ...ref, ok: false, kind: op.kind, status: err.status, body: envelopeOf(err.code, err.message) };
      }
    });
  }

  /** The ops of every batch sent, flattened, in order. */
  get sentOps(): WriteOp[] {
    return this.log.flatMap((entry) => entry.ops ?? []);
  }
}

/** An op named by its kind and session, `session:<id>`, `note:<id>` or `pulse:<id>`: how tests name what was sent. */
export const opKey = (op: WriteOp) => `${op.kind}:${op.sessionId}`;

function jsonBody(body: unknown): Record<string, unknown> {
  try {
    return typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
