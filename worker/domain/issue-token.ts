import type { IssuedToken, Role, Token } from '../../shared';
import type { Auth } from '../env';
import { getParticipant } from '../db/participants';
import { getToken, insertTokenStatement, revokeToken } from '../db/tokens';
import { mayManageTokensOf } from '../policy';
import { forbidden, notFound } from './errors';
import { hashToken, newTokenSecret } from './token-secrets';

export async function issueToken(
  db: D1Database,
  auth: Auth,
  participantId: string,
  input: { role: Role; label?: string },
  now: string,
): Promise<IssuedToken> {
  if (!mayManageTokensOf(auth, input.role)) throw forbidden(`Your role may not issue ${input.role} tokens`);
  if (!(await getParticipant(db, auth.orgId, participantId))) throw notFound('participant');
  const secret = newTokenSecret();
  const id = crypto.randomUUID();
  await insertTokenStatement(db, {
    id,
    orgId: auth.orgId,
    participantId,
    role: input.role,
    hash: await hashToken(secret),
    label: input.label ?? null,
    now,
  }).run();
  return { token: (await getToken(db, auth.orgId, id))!, secret };
}

/** Staff revoke what they may issue; anyone may revoke their own tokens (signing out). */
export async function revoke(db: D1Database, auth: Auth, id: string, now: string): Promise<Token> {
  const token = await getToken(db, auth.orgId, id);
  const own = token?.participantId === auth.participantId;
  if (!token || (!own && auth.role === 'participant')) throw notFound('token');
  if (!own && !mayManageTokensOf(auth, token.role)) throw forbidden(`Your role may not revoke ${token.role} tokens`);
  await revokeToken(db, auth.orgId, id, now);
  return (await getToken(db, auth.orgId, id))!;
}
