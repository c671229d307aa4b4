import type { Pulse } from '../../shared';

export interface PulseRow {
  session_id: string;
  value: number;
  safety: number | null;
  applied: number | null;
  check_in: number;
  client_updated_at: string;
  updated_at: string;
}

export const toPulse = (r: PulseRow): Pulse => ({
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

/** One statement (for the write path's `db.batch()`): answering again replaces the answer, unless a newer one is stored. */
export function savePulsesStatement(
  db: D1Database,
  who: { orgId: string; participantId: string },
  pulses: readonly Pick<Pulse, 'sessionId' | 'value' | 'safety' | 'applied' | 'checkIn' | 'clientUpdatedAt'>[],
  now: string,
) {
  if (!pulses.length) return null;
  const value = (field: string) => `json_extract(j.value, '$.${field}')`;
  return db
    .prepare(
      `INSERT INTO pulse_responses (org_id, session_id, respondent_id, value, safety, applied, check_in, client_updated_at, created_at, updated_at)
       SELECT ?2, ${value('sessionId')}, ?3, ${value('value')}, ${value('safety')}, ${value('applied')}, ${value('checkIn')},
         ${value('clientUpdatedAt')}, ?4, ?4
       FROM json_each(?1) j
       WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.id = ${value('sessionId')} AND s.org_id = ?2)
       ON CONFLICT (session_id, respondent_id) DO UPDATE SET value = excluded.value, safety = excluded.safety,
         applied = excluded.applied, check_in = excluded.check_in, client_updated_at = excluded.client_updated_at,
         updated_at = excluded.updated_at
       WHERE pulse_responses.client_updated_at < excluded.client_updated_at`,
    )
    .bind(JSON.stringify(pulses.map((p) => ({ ...p, checkIn: p.checkIn ? 1 : 0 }))), who.orgId, who.participantId, now);
}
