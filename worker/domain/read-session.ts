import type { Auth } from '../env';
import { findSession, type SessionRow } from '../db/sessions';
import { mayReadSession } from '../policy';
import { notFound } from './errors';

/** The session if the caller may see it (same organisation, member of its engagement), else 404. */
export async function visibleSession(db: D1Database, auth: Auth, id: string): Promise<SessionRow> {
  const row = await findSession(db, auth, id);
  if (!row || !mayReadSession({ isMember: row.is_member === 1 })) throw notFound('session');
  return row;
}
