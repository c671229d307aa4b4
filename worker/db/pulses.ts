import type { Pulse, PulsePut } from '../../shared';

interface PulseRow {
  session_id: string;
  value: number;
  safety: number | null;
  applied: number | null;
  check_in: number;
  client_updated_at: string;
  updated_at: string;
}

const toPulse = (r: PulseRow): Pulse => ({
  sessionId: r.session_id,
  value: r.value,
  safety: r.safety,
  applied: r.applied,
  checkIn: r.check_in === 1,
  clientUpdatedAt: r.client_updated_at,
  updatedAt: r.updated_at,
});

/** The respondent's own answer; there is deliberately no query for anyone else's. */
export async function getOwnPulse(
  db: D1Database,
  { orgId, participantId }: { orgId: string; participantId: string },
  sessionId: string,
): Promise<Pulse | null> {
  const row = await db
    .prepare(`SELECT * FROM pulse_responses WHERE org_id = ?1 AND session_id = ?2 AND respondent_id = ?3`)
    .bind(orgId, sessionId, participantId)
    .first<PulseRow>();
  return row && toPulse(row);
}

/** Answering again replaces the answer, unless a newer one is stored. */
export async function upsertPulse(
  db: D1Database,
  p: PulsePut & { orgId: string; sessionId: string; respondentId: string; now: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO pulse_responses (org_id, session_id, respondent_id, value, safety, applied, check_in, client_updated_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
       ON CONFLICT (session_id, respondent_id) DO UPDATE SET value = excluded.value, safety = excluded.safety,
         applied = excluded.applied, check_in = excluded.check_in, client_updated_at = excluded.client_updated_at,
         updated_at = excluded.updated_at
       WHERE pulse_responses.client_updated_at < excluded.client_updated_at`,
    )
    .bind(
      p.orgId,
      p.sessionId,
      p.respondentId,
      p.value,
      p.safety ?? null,
      p.applied ?? null,
      p.checkIn ? 1 : 0,
      p.clientUpdatedAt,
      p.now,
    )
    .run();
}
