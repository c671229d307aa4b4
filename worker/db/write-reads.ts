import type { Provider } from '../../shared';
import { callerSql } from './credentials';

export { toAuth, type CallerRow } from './credentials';

/**
 * Everything a batch of writes reads, as statements for one `db.batch()` (one round trip): the
 * caller behind the token hash, their memberships among the engagements the ops name, the
 * sessions by id and by calendar event, the notes by id and the caller's own pulse answers.
 *
 * Each statement resolves the caller from the access-token hash itself (?1), so the token lookup costs no
 * round trip of its own, and every row is scoped to the caller's organisation: an id of another
 * organisation reads exactly like an absent one. Ids travel as one JSON array parameter each
 * (json_each), so 100 ops never come near D1's 100 bound parameters per statement. The unary `+` on
 * `org_id` keeps SQLite from scanning the organisation's index instead of looking rows up by key.
 */
export interface WriteKeys {
  sessionIds: string[];
  /** [engagementId, provider, eventId] of each session written. */
  events: [string, Provider, string][];
  engagementIds: string[];
  noteIds: string[];
}

const caller = callerSql;

const sessionColumns = `s.*,
  EXISTS (SELECT 1 FROM engagement_members m WHERE m.engagement_id = s.engagement_id AND m.participant_id = caller.participant_id) AS is_member,
  EXISTS (SELECT 1 FROM pulse_responses r WHERE r.session_id = s.id AND r.respondent_id = caller.participant_id) AS pulse_answered`;

export function writeReadStatements(db: D1Database, tokenHash: string, keys: WriteKeys) {
  const ids = JSON.stringify(keys.sessionIds);
  return {
    caller: db.prepare(`${caller} SELECT * FROM caller`).bind(tokenHash),
    memberships: db
      .prepare(
        `${caller} SELECT m.engagement_id FROM engagement_members m, caller
         WHERE +m.org_id = caller.org_id AND m.participant_id = caller.participant_id
           AND m.engagement_id IN (SELECT value FROM json_each(?2))`,
      )
      .bind(tokenHash, JSON.stringify(keys.engagementIds)),
    // UNION rather than OR, so both halves use an index: the primary key, and UNIQUE (engagement_id, provider, event_id).
    sessions: db
      .prepare(
        `${caller}
         SELECT ${sessionColumns} FROM sessions s, caller WHERE +s.org_id = caller.org_id AND s.id IN (SELECT value FROM json_each(?2))
         UNION
         SELECT ${sessionColumns} FROM json_each(?3) k, caller
           JOIN sessions s ON s.engagement_id = json_extract(k.value, '$[0]') AND s.provider = json_extract(k.value, '$[1]')
             AND s.event_id = json_extract(k.value, '$[2]')
         WHERE +s.org_id = caller.org_id`,
      )
      .bind(tokenHash, ids, JSON.stringify(keys.events)),
    notes: db
      .prepare(`${caller} SELECT n.* FROM notes n, caller WHERE +n.org_id = caller.org_id AND n.id IN (SELECT value FROM json_each(?2))`)
      .bind(tokenHash, JSON.stringify(keys.noteIds)),
    pulses: db
      .prepare(
        `${caller} SELECT r.* FROM pulse_responses r, caller
         WHERE +r.org_id = caller.org_id AND r.respondent_id = caller.participant_id AND r.session_id IN (SELECT value FROM json_each(?2))`,
      )
      .bind(tokenHash, ids),
  };
}
