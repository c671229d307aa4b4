import type { Note, NotePut } from '../../shared';
import type { Auth } from '../env';
import { findNote, upsertNote } from '../db/notes';
import { isStaff } from '../http/auth';
import { forbidden, notFound } from '../http/errors';
import { assertNotFromTheFuture } from './clock';
import { visibleSession, type WriteResult } from './write-session';

/**
 * Writes the caller's note on a session they are a member of. Only the author edits a note;
 * a stale or replayed edit leaves the stored note as it is and returns it.
 */
export async function writeNote(
  db: D1Database,
  auth: Auth,
  sessionId: string,
  noteId: string,
  input: NotePut,
  now: string,
): Promise<WriteResult<Note>> {
  assertNotFromTheFuture(input.clientUpdatedAt, now);
  await visibleSession(db, auth, sessionId);
  const existing = await findNote(db, auth.orgId, noteId);
  if (existing) {
    // Coordinators and admins never read another's note, shared or not (PRODUCT.md §5.1): to them it is absent.
    const readable =
      existing.sessionId === sessionId &&
      (existing.authorId === auth.participantId || (existing.visibility === 'shared' && !isStaff(auth)));
    if (!readable) throw notFound('note');
    if (existing.authorId !== auth.participantId) throw forbidden('Only the author can edit a note');
  }
  await upsertNote(db, { ...input, id: noteId, orgId: auth.orgId, sessionId, authorId: auth.participantId, now });
  // The upsert leaves a note of another organisation untouched; reading back within ours tells.
  const stored = await findNote(db, auth.orgId, noteId);
  if (!stored) throw notFound('note');
  return { status: existing ? 200 : 201, body: stored };
}
