/// <reference types="node" />
/**
 * The writes the benchmarks send, as the extension's queue sends them: `POST /v1/batch` items
 * (`{ ref, op }`, shared/batch.ts) for new sessions of one engagement, notes on them and pulse
 * answers, each with the client-generated ids that make a replay harmless. It also remembers what
 * it made, so the load benchmark can count D1's rows against exactly what was sent.
 */
import { randomUUID } from 'node:crypto';
import type { BatchItem } from '../../shared';

const hour = 3600_000;

/**
 * @example
 * const writes = new BenchWrites(org.engagement.id, 'load');
 * const ops = writes.mix(10); // 4 new sessions, then a note and a pulse on 3 of them
 */
export class BenchWrites {
  private count = 0;
  /** Every session, note and pulse made, by id (a pulse by its session's id: one per person and session). */
  readonly sessions = new Set<string>();
  readonly notes = new Set<string>();
  readonly pulses = new Set<string>();

  constructor(
    /** The engagement new sessions go to; `useEngagement` moves them to another. */
    private engagementId: string,
    /** Makes event ids unique to this run (sessions de-duplicate by calendar event). */
    private readonly tag: string,
  ) {}

  /**
   * A new session of an event that ended 1 to 300 hours ago: inside the pulse window (until 14 days
   * after the end), and spread thin enough that an hour of the calendar holds few of them.
   */
  session(): BatchItem {
    const n = this.count++;
    const sessionId = randomUUID();
    const endsAt = Date.now() - (1 + (n % 300)) * hour;
    this.sessions.add(sessionId);
    return {
      ref: `s${n}`,
      op: {
        kind: 'session',
        sessionId,
        body: {
          engagementId: this.engagementId,
          startsAt: new Date(endsAt - hour).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
          source: { provider: 'google', eventId: `bench-${this.tag}-${n}` },
          cycle: null,
          status: 'held',
          clientUpdatedAt: new Date().toISOString(),
        },
      },
    };
  }

  /** A new note, with one action item, on `sessionId`. */
  note(sessionId: string): BatchItem {
    const n = this.count++;
    const noteId = randomUUID();
    this.notes.add(noteId);
    return {
      ref: `n${n}`,
      op: {
        kind: 'note',
        sessionId,
        noteId,
        body: {
          body: `Benchmark note ${this.tag}-${n}: what we discussed, what to try next.`,
          visibility: n % 2 === 0 ? 'private' : 'shared',
          actionItems: [{ text: `Follow up ${n}`, done: false }],
          clientUpdatedAt: new Date().toISOString(),
        },
      },
    };
  }

  /** The leader's pulse answer for `sessionId`. */
  pulse(sessionId: string): BatchItem {
    const n = this.count++;
    this.pulses.add(sessionId);
    return {
      ref: `p${n}`,
      op: {
        kind: 'pulse',
        sessionId,
        body: { value: (n % 5) + 1, safety: null, applied: null, checkIn: false, clientUpdatedAt: new Date().toISOString() },
      },
    };
  }

  /** New sessions from now on go to this engagement. */
  useEngagement(engagementId: string): void {
    this.engagementId = engagementId;
  }

  /** `n` new sessions. */
  newSessions(n: number): BatchItem[] {
    return Array.from({ length: n }, () => this.session());
  }

  /**
   * `n` writes as a day offline leaves them: new sessions first (a third, rounded up), then a note
   * and a pulse on as many of them as fit — the order the extension's queue keeps, so a note follows
   * its session in the same batch.
   */
  mix(n: number): BatchItem[] {
    const sessions = this.newSessions(Math.ceil(n / 3));
    const items = [...sessions];
    for (const { op } of sessions) {
      if (items.length < n) items.push(this.note(op.sessionId));
      if (items.length < n) items.push(this.pulse(op.sessionId));
    }
    return items;
  }
}
