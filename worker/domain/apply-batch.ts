import type { ZodType } from 'zod';
import { zNotePut, zPulsePut, zSessionPut, type BatchOp, type BatchResult } from '../../shared';
import type { Auth } from '../env';
import { envelope, invalid, issuesOf, notFound, toErrorResponse } from '../http/errors';
import { writeNote } from './write-note';
import { writePulse } from './write-pulse';
import { writeSession, type WriteResult } from './write-session';

const uuid = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

interface Write<T> {
  pattern: RegExp;
  schema: ZodType<T>;
  apply(db: D1Database, auth: Auth, ids: string[], body: T, now: string): Promise<WriteResult<unknown>>;
}

const write = <T>(w: Write<T>) => w as Write<unknown>;

/** The PUTs a batch may carry: exactly those of the REST API, with the same schemas and rules. */
const writes: Write<unknown>[] = [
  write({ pattern: new RegExp(`^/v1/sessions/${uuid}$`), schema: zSessionPut, apply: (db, a, [id], b, now) => writeSession(db, a, id!, b, now) }),
  write({
    pattern: new RegExp(`^/v1/sessions/${uuid}/notes/${uuid}$`),
    schema: zNotePut,
    apply: (db, a, [id, noteId], b, now) => writeNote(db, a, id!, noteId!, b, now),
  }),
  write({ pattern: new RegExp(`^/v1/sessions/${uuid}/pulse$`), schema: zPulsePut, apply: (db, a, [id], b, now) => writePulse(db, a, id!, b, now) }),
];

async function applyOne(db: D1Database, auth: Auth, op: BatchOp, now: string): Promise<WriteResult<unknown>> {
  for (const w of writes) {
    const match = w.pattern.exec(op.path);
    if (!match) continue;
    const parsed = w.schema.safeParse(op.body);
    if (!parsed.success) throw invalid('Invalid input', issuesOf(parsed.error));
    return w.apply(db, auth, match.slice(1).map((id) => id.toLowerCase()), parsed.data, now);
  }
  throw notFound('write', { path: op.path, message: 'A batch carries PUT /v1/sessions/:id, …/notes/:noteId and …/pulse' });
}

/**
 * Applies up to 100 writes in order, each on its own: one refused write does not stop the others.
 * Each result carries the status and body the same PUT would have answered.
 */
export async function applyBatch(db: D1Database, auth: Auth, ops: readonly BatchOp[], now: string): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const op of ops) {
    const ref = op.ref === undefined ? {} : { ref: op.ref };
    try {
      const { status, body } = await applyOne(db, auth, op, now);
      results.push({ ...ref, status, body });
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      results.push({ ...ref, status, body: status === 500 ? envelope('internal', 'Internal error') : body });
    }
  }
  return results;
}
