/**
 * An in-memory stand-in for the Worker's write API, for unit tests of the queue: the same rules
 * (client ids, stale `clientUpdatedAt` returns the stored value, the same event tagged again under a
 * new id returns the existing session), and switches for the failures the queue must survive.
 * The real Worker is exercised by the end-to-end tests.
 */
import type { Me, Note, Pulse, Session } from '../../../shared';

export const me: Me = {
  participant: {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Amara Okafor',
    email: 'amara@example.org',
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
    minGroupSize: 5,
    commentMinimum: 10,
    fiscalYearStartMonth: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
};

export const engagementId = '00000000-0000-4000-8000-0000000000e1';
export const apiUrl = 'https://dyad.test';

type Op = { ref?: string; method: 'PUT'; path: string; body: Record<string, unknown> };
type Result = { ref?: string; status: number; body: unknown };

const uuid = '([0-9a-f-]{36})';
const envelope = (code: string, message: string) => ({ error: { code, message } });

export class FakeApi {
  sessions = new Map<string, Session>();
  notes = new Map<string, Note>();
  pulses = new Map<string, Pulse>();
  /** Accepted tokens, and whom each belongs to. */
  tokens = new Map<string, Me>([['tok', me]]);
  /** Engagements `GET /v1/engagements` answers. */
  engagements: unknown[] = [];
  /** Every request, in order: `POST /v1/batch` with its ops' paths. */
  log: Array<{ method: string; path: string; ops?: string[] }> = [];
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
  /** Per-op answers forced by path prefix (e.g. a 409 for a pulse). */
  forced = new Map<string, { status: number; body: unknown }>();

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    if (this.offline) throw new TypeError('Failed to fetch');
    const bearer = ((init?.headers as Record<string, string> | undefined)?.Authorization ?? '').replace(/^Bearer /, '');
    const caller = this.tokens.get(bearer);
    if (!caller) return json(401, envelope('unauthorized', 'Bad token'));
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/batch') {
      const { ops } = JSON.parse(String(init?.body)) as { ops: Op[] };
      this.log.push({ method, path, ops: ops.map((op) => op.path) });
      const failure = this.batchFailures.shift();
      if (failure) return json(failure.status, envelope('internal', 'Try later'), failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {});
      const results = ops.map((op) => this.apply(op));
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
    if (method === 'GET' && path === '/v1/sessions') return json(200, { sessions: [...this.sessions.values()] });
    const notes = new RegExp(`^/v1/sessions/${uuid}/notes$`).exec(path);
    if (method === 'GET' && notes) return json(200, { notes: [...this.notes.values()].filter((n) => n.sessionId === notes[1]) });
    const pulse = new RegExp(`^/v1/sessions/${uuid}/pulse$`).exec(path);
    if (method === 'GET' && pulse) {
      const answer = this.pulses.get(pulse[1]!);
      return answer ? json(200, answer) : json(404, envelope('not_found', 'pulse answer not found'));
    }
    return json(404, envelope('not_found', 'Not found'));
  };

  /** One PUT, by the Worker's rules (worker/domain/write-*.ts). */
  apply(op: Op): Result {
    const ref = op.ref === undefined ? {} : { ref: op.ref };
    for (const [prefix, answer] of this.forced) if (op.path.startsWith(prefix)) return { ...ref, ...answer };
    const now = new Date().toISOString();
    const body = op.body as Record<string, unknown> & { clientUpdatedAt: string };
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^/v1/sessions/${uuid}$`).exec(op.path))) {
      const id = m[1]!;
      const existing = this.sessions.get(id);
      if (existing) {
        if (existing.clientUpdatedAt >= body.clientUpdatedAt) return { ...ref, status: 200, body: existing };
        const next = { ...existing, ...(body as object), updatedAt: now } as Session;
        this.sessions.set(id, next);
        return { ...ref, status: 200, body: next };
      }
      const source = body.source as Session['source'];
      const sameEvent = [...this.sessions.values()].find(
        (s) => s.engagementId === body.engagementId && s.source.provider === source.provider && s.source.eventId === source.eventId,
      );
      if (sameEvent) return { ...ref, status: 200, body: sameEvent };
      const created = {
        id,
        cycle: null,
        status: 'held',
        ...(body as object),
        createdAt: now,
        updatedAt: now,
        pulseAnswered: false,
      } as Session;
      this.sessions.set(id, created);
      return { ...ref, status: 201, body: created };
    }
    if ((m = new RegExp(`^/v1/sessions/${uuid}/notes/${uuid}$`).exec(op.path))) {
      const [, sessionId, noteId] = m as unknown as [string, string, string];
      if (!this.sessions.has(sessionId)) return { ...ref, status: 404, body: envelope('not_found', 'session not found') };
      const existing = this.notes.get(noteId);
      if (existing && existing.clientUpdatedAt >= body.clientUpdatedAt) return { ...ref, status: 200, body: existing };
      const note: Note = {
        id: noteId,
        sessionId,
        authorId: me.participant.id,
        body: String(body.body),
        visibility: body.visibility === 'shared' ? 'shared' : 'private',
        actionItems: (body.actionItems as Note['actionItems'] | undefined) ?? [],
        clientUpdatedAt: body.clientUpdatedAt,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      this.notes.set(noteId, note);
      return { ...ref, status: existing ? 200 : 201, body: note };
    }
    if ((m = new RegExp(`^/v1/sessions/${uuid}/pulse$`).exec(op.path))) {
      const sessionId = m[1]!;
      const session = this.sessions.get(sessionId);
      if (!session) return { ...ref, status: 404, body: envelope('not_found', 'session not found') };
      const existing = this.pulses.get(sessionId);
      if (!existing || existing.clientUpdatedAt < body.clientUpdatedAt) {
        this.pulses.set(sessionId, {
          sessionId,
          value: body.value as number,
          safety: (body.safety as number | null) ?? null,
          applied: (body.applied as number | null) ?? null,
          checkIn: body.checkIn === true,
          clientUpdatedAt: body.clientUpdatedAt,
          updatedAt: now,
        });
        this.sessions.set(sessionId, { ...session, pulseAnswered: true });
      }
      return { ...ref, status: existing ? 200 : 201, body: this.pulses.get(sessionId) };
    }
    return { ...ref, status: 404, body: envelope('not_found', 'write not found') };
  }

  /** The ops of every batch sent, flattened, in order. */
  get sentOps(): string[] {
    return this.log.flatMap((entry) => entry.ops ?? []);
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
