import { env } from 'cloudflare:test';
import type { MemberRole, ProgrammeKind } from '../../shared';
import { as, createOrg, tokenFor } from './support';

/**
 * A hand-built organisation for analytics tests: people, programmes, engagements, sessions and
 * pulse answers written straight into D1, so each test states its table of facts exactly.
 */
export async function analyticsOrg(settings: { minGroupSize?: number; fiscalYearStartMonth?: number } = {}) {
  const { org, admin } = await createOrg(settings);
  // The coordinator is a person of their own, in no engagement: roles belong to people now.
  const cora = await admin.post('/v1/participants', { displayName: 'Cora Coordinator', email: `cora.${crypto.randomUUID()}@fx.example` });
  const coordinatorToken = await tokenFor(admin, cora.body.id, 'coordinator');
  const db = env.DB;
  const now = '2026-01-01T00:00:00.000Z';
  let n = 0;
  const id = () => crypto.randomUUID();

  const fx = {
    org,
    coordinator: as(coordinatorToken),
    admin,
    /** A person; their record key (shared/rules/disclosure.ts) is random, as the Worker draws it, unless a test fixes it. */
    async person(name: string, extra: { level?: string; attributes?: Record<string, string>; recordKey?: number } = {}) {
      const pid = id();
      const recordKey = extra.recordKey ?? crypto.getRandomValues(new Uint16Array(1))[0]!;
      await db
        .prepare(
          `INSERT INTO participants (id, org_id, display_name, email, level, record_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
        )
        .bind(pid, org.id, name, `${name.toLowerCase().replace(/\W+/g, '.')}.${n++}@fx.example`, extra.level ?? null, recordKey, now)
        .run();
      for (const [dimension, value] of Object.entries(extra.attributes ?? {})) {
        await db
          .prepare(`INSERT INTO participant_attributes (org_id, participant_id, dimension, value) VALUES (?1, ?2, ?3, ?4)`)
          .bind(org.id, pid, dimension, value)
          .run();
      }
      return pid;
    },
    async people(count: number, prefix: string, extra: { level?: string; attributes?: Record<string, string>; recordKey?: number } = {}) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await fx.person(`${prefix} ${i}`, extra));
      return ids;
    },
    async programme(kind: ProgrammeKind, minSessionsPerQuarter = 2, name = `${kind} programme`) {
      const pid = id();
      await db
        .prepare(
          `INSERT INTO programmes (id, org_id, name, kind, min_sessions_per_quarter, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)`,
        )
        .bind(pid, org.id, name, kind, minSessionsPerQuarter, now)
        .run();
      return pid;
    },
    async engagement(
      programmeId: string,
      members: [string, MemberRole][],
      opts: { startsOn?: string; endsOn?: string | null; status?: 'active' | 'paused' | 'closed' } = {},
    ) {
      const eid = id();
      await db
        .prepare(
          `INSERT INTO engagements (id, org_id, programme_id, starts_on, ends_on, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
        )
        .bind(eid, org.id, programmeId, opts.startsOn ?? '2025-01-01', opts.endsOn ?? null, opts.status ?? 'active', now)
        .run();
      for (const [participantId, role] of members) {
        await db
          .prepare(`INSERT INTO engagement_members (org_id, engagement_id, participant_id, role) VALUES (?1, ?2, ?3, ?4)`)
          .bind(org.id, eid, participantId, role)
          .run();
      }
      return eid;
    },
    /** A session starting at `startsAt` (ISO), lasting `minutes`. */
    async session(engagementId: string, startsAt: string, opts: { status?: 'held' | 'cancelled'; minutes?: number } = {}) {
      const sid = id();
      const start = new Date(startsAt);
      const end = new Date(start.getTime() + (opts.minutes ?? 60) * 60_000);
      const members = await db
        .prepare(`SELECT participant_id FROM engagement_members WHERE engagement_id = ?1 LIMIT 1`)
        .bind(engagementId)
        .first<{ participant_id: string }>();
      await db
        .prepare(
          `INSERT INTO sessions (id, org_id, engagement_id, starts_at, ends_at, provider, event_id, status, created_by, client_updated_at, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, 'manual', ?1, ?6, ?7, ?8, ?8, ?8)`,
        )
        .bind(sid, org.id, engagementId, start.toISOString(), end.toISOString(), opts.status ?? 'held', members!.participant_id, now)
        .run();
      return sid;
    },
    async pulse(
      sessionId: string,
      respondentId: string,
      answer: { value: number; safety?: number | null; applied?: number | null; checkIn?: boolean; at?: string },
    ) {
      const at = answer.at ?? now;
      await db
        .prepare(
          `INSERT INTO pulse_responses (org_id, session_id, respondent_id, value, safety, applied, check_in, client_updated_at, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)`,
        )
        .bind(org.id, sessionId, respondentId, answer.value, answer.safety ?? null, answer.applied ?? null, answer.checkIn ? 1 : 0, at)
        .run();
    },
    /** The record keys of people, as the Worker holds them (no route returns one): tests compute the documented noise from them. */
    async recordKeys(ids: string[]): Promise<Map<string, number>> {
      const rows = await db
        .prepare(`SELECT id, record_key FROM participants WHERE org_id = ?1 AND id IN (SELECT value FROM json_each(?2))`)
        .bind(org.id, JSON.stringify(ids))
        .all<{ id: string; record_key: number }>();
      return new Map(rows.results.map((r) => [r.id, r.record_key]));
    },
    async population(dimension: string, counts: Record<string, number>) {
      const res = await fx.coordinator.put(`/v1/population/${dimension}`, { counts });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    },
  };
  return fx;
}
