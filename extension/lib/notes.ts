/**
 * The caller's own note on a session: saved locally first (queued), so it is readable and
 * editable offline; fetched from the API when there is no local edit waiting.
 */
import { zNoteList, zActionItem, limits, zVisibility, type NotePut } from '../../shared';
import { ApiError, apiRequest } from './api';
import { credentialsOf } from './credentials';
import { nextStamp } from './clock';
import type { LocalNote, Request } from './messages';
import { afterEnqueue, supersede } from './queue';
import { resolveId } from './sessions';
import { read, update, type QueuedWrite, type StoredNote } from './storage';

function toLocalNote(note: StoredNote, queue: readonly QueuedWrite[]): LocalNote {
  return { ...note, pending: noteQueued(queue, note.id) };
}

function noteQueued(queue: readonly QueuedWrite[], noteId: string): boolean {
  return queue.some(({ op }) => op.kind === 'note' && op.noteId === noteId);
}

/**
 * The caller's note on a session: the API's copy when it answers (and nothing local waits to be
 * sent), otherwise the local copy.
 */
export async function getNote(sessionIdIn: string, options: { timeoutMs?: number } = {}): Promise<LocalNote | null> {
  const { auth, aliases, notes, queue } = await read('auth', 'aliases', 'notes', 'queue');
  const sessionId = resolveId(aliases, sessionIdIn);
  const local = notes[sessionId];
  const waiting = local && noteQueued(queue, local.id);
  const creds = credentialsOf(auth);
  if (waiting || !creds || !auth.me) return local ? toLocalNote(local, queue) : null;

  try {
    const { notes: remote } = await apiRequest(creds, 'GET', `/v1/sessions/${sessionId}/notes`, {
      schema: zNoteList,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    const own = remote
      .filter((n) => n.authorId === auth.me!.participant.id)
      .sort((a, b) => b.clientUpdatedAt.localeCompare(a.clientUpdatedAt))[0];
    if (!own) return local ? toLocalNote(local, queue) : null;
    const fresh: StoredNote = {
      id: own.id,
      sessionId,
      body: own.body,
      visibility: own.visibility,
      actionItems: own.actionItems,
      clientUpdatedAt: own.clientUpdatedAt,
    };
    return await update(['notes', 'queue'], ({ notes, queue }) => {
      const now = notes[sessionId];
      // An edit made while the request was out wins.
      if (now && (now.clientUpdatedAt > fresh.clientUpdatedAt || noteQueued(queue, now.id))) {
        return { write: {}, result: toLocalNote(now, queue) };
      }
      return { write: { notes: { ...notes, [sessionId]: fresh } }, result: toLocalNote(fresh, queue) };
    });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return local ? toLocalNote(local, queue) : null; // offline, or the API refused: the local copy
  }
}

/** How long a save waits for its flush before answering that the note is only on this device. */
const confirmWithinMs = 2_000;

/** Saves the caller's note on a session (one note per session and author, edited in place). */
export async function saveNote(req: Request<'note.save'>): Promise<LocalNote> {
  if (req.body.length > limits.noteChars) throw new Error(`A note holds at most ${limits.noteChars.toLocaleString('en')} characters`);
  const visibility = zVisibility.parse(req.visibility);
  const actionItems = zActionItem.array().max(limits.actionItems).parse(req.actionItems);

  const note = await update(['notes', 'queue', 'sessions', 'aliases'], ({ notes, queue, sessions, aliases }) => {
    const sessionId = resolveId(aliases, req.sessionId);
    if (!sessions[sessionId]) throw new Error('This session is not known here');
    const existing = notes[sessionId];
    const note: StoredNote = {
      id: existing?.id ?? crypto.randomUUID(),
      sessionId,
      body: req.body,
      visibility,
      actionItems,
      clientUpdatedAt: nextStamp(existing?.clientUpdatedAt),
    };
    const body: NotePut = { body: note.body, visibility, actionItems, clientUpdatedAt: note.clientUpdatedAt };
    const next = supersede(queue, {
      ref: crypto.randomUUID(),
      enqueuedAt: new Date().toISOString(),
      op: { kind: 'note', sessionId, noteId: note.id, body },
    });
    return { write: { notes: { ...notes, [sessionId]: note }, queue: next }, result: note };
  });
  // Online, the flush this save starts sends the note within moments: answer once it has (or
  // after a short wait), so the panel says "Saved" rather than "syncs when online" while online.
  const { flushed } = await afterEnqueue();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([flushed, new Promise((resolve) => (timer = setTimeout(resolve, confirmWithinMs)))]);
  clearTimeout(timer);
  const { queue: after } = await read('queue');
  return toLocalNote(note, after);
}
