import { saveNotesStatement } from '../db/notes';
import { mayEditNote, mayReadNote } from '../policy';
import { assertNotFromTheFuture } from './clock';
import { forbidden, notFound } from './errors';
import type { WriteHandler } from './writes';
import { sessionOf, type WriteState } from './write-state';
import type { Note } from '../../shared';

/** A stored note the caller may not read is absent to them; one they read but did not write, theirs to leave alone. */
function assertEditable(state: WriteState, note: Note, sessionId: string) {
  if (note.sessionId !== sessionId || !mayReadNote(state.caller, note)) throw notFound('note');
  if (!mayEditNote(state.caller, note)) throw forbidden('Only the author can edit a note');
}

/**
 * Writes the caller's note on a session they are a member of. Only the author edits a note;
 * a stale or replayed edit leaves the stored note as it is and returns it.
 */
export const noteWrites: WriteHandler<'note'> = {
  needs({ sessionId, noteId }, keys) {
    keys.sessionIds.push(sessionId);
    keys.noteIds.push(noteId);
  },

  decide({ sessionId, noteId, body: input }, state) {
    assertNotFromTheFuture(input.clientUpdatedAt, state.now);
    if (!sessionOf(state, sessionId)) throw notFound('session');
    const existing = state.notes.get(noteId);
    if (existing) assertEditable(state, existing, sessionId);
    if (existing && existing.clientUpdatedAt >= input.clientUpdatedAt) return { status: 200, id: noteId };
    state.notes.set(noteId, {
      id: noteId,
      sessionId,
      authorId: state.caller.participantId,
      body: input.body,
      visibility: input.visibility,
      actionItems: input.actionItems,
      clientUpdatedAt: input.clientUpdatedAt,
      createdAt: existing?.createdAt ?? state.now,
      updatedAt: state.now,
    });
    state.touched.note.add(noteId);
    return { status: existing ? 200 : 201, id: noteId };
  },

  statements(db, state) {
    return {
      savedNotes: saveNotesStatement(
        db,
        state.caller,
        [...state.touched.note].map((id) => state.notes.get(id)!),
        state.now,
      ),
    };
  },

  settle({ sessionId, noteId }, decision, stored) {
    // Not stored: the id is another organisation's, or the session was not stored after all.
    const note = stored.notes.get(noteId);
    if (!note) throw notFound('note');
    assertEditable(stored, note, sessionId);
    return { status: decision.status, body: note };
  },
};
