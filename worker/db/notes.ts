import type { Note, Visibility } from '../../shared';

export interface NoteRow {
  id: string;
  org_id: string;
  session_id: string;
  author_id: string;
  body: string;
  visibility: Visibility;
  action_items: string;
  client_updated_at: string;
  created_at: string;
  updated_at: string;
}

export const toNote = (r: NoteRow): Note => ({
  id: r.id,
  sessionId: r.session_id,
  authorId: r.author_id,
  body: r.body,
  visibility: r.visibility,
  actionItems: JSON.parse(r.action_items) as Note['actionItems'],
  clientUpdatedAt: r.client_updated_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findNote(db: D1Database, orgId: string, id: string): Promise<Note | null> {
  const row = await db.prepare(`SELECT * FROM notes WHERE org_id = ?1 AND id = ?2`).bind(orgId, id).first<NoteRow>();
  return row && toNote(row);
}

/** Notes of a session that `viewerId` may read: their own, plus (unless `ownOnly`) the shared ones. */
export async function listReadableNotes(
  db: D1Database,
  orgId: string,
  sessionId: string,
  viewerId: string,
  ownOnly: boolean,
): Promise<Note[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM notes WHERE org_id = ?1 AND session_id = ?2
       AND (author_id = ?3 OR (?4 = 0 AND visibility = 'shared')) ORDER BY created_at, id`,
    )
    .bind(orgId, sessionId, viewerId, ownOnly ? 1 : 0)
    .all<NoteRow>();
  return results.map(toNote);
}

/**
 * One statement (for the write path's `db.batch()`) that writes the author's notes unless a newer
 * edit is stored, the id is someone else's, or the session is not (or no longer) stored — then
 * nothing changes, and reading the notes back tells what is stored.
 */
export function saveNotesStatement(
  db: D1Database,
  who: { orgId: string; participantId: string },
  notes: readonly Pick<Note, 'id' | 'sessionId' | 'body' | 'visibility' | 'actionItems' | 'clientUpdatedAt'>[],
  now: string,
) {
  if (!notes.length) return null;
  const value = (field: string) => `json_extract(j.value, '$.${field}')`;
  return db
    .prepare(
      `INSERT INTO notes (id, org_id, session_id, author_id, body, visibility, action_items, client_updated_at, created_at, updated_at)
       SELECT ${value('id')}, ?2, ${value('sessionId')}, ?3, ${value('body')}, ${value('visibility')}, ${value('actionItems')},
         ${value('clientUpdatedAt')}, ?4, ?4
       FROM json_each(?1) j
       WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.id = ${value('sessionId')} AND s.org_id = ?2)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, visibility = excluded.visibility,
         action_items = excluded.action_items, client_updated_at = excluded.client_updated_at, updated_at = excluded.updated_at
       WHERE notes.org_id = excluded.org_id AND notes.session_id = excluded.session_id
         AND notes.author_id = excluded.author_id AND notes.client_updated_at < excluded.client_updated_at`,
    )
    .bind(JSON.stringify(notes.map((n) => ({ ...n, actionItems: JSON.stringify(n.actionItems) }))), who.orgId, who.participantId, now);
}
