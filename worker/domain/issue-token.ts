import type { IssuedToken, Role, Token } from '../../shared';
import type { Auth } from '../env';
import { getParticipantAccess } from '../db/participants';
import { getToken, getTokenAccess, insertTokenStatement, isLastAdminAbort, revokeToken } from '../db/tokens';
import { keepsAnAdmin, mayManageTokensOf, staffName } from '../policy';
import { conflict, forbidden, notFound } from './errors';
import { hashToken, newTokenSecret } from './token-secrets';

export async function issueToken(
  db: D1Database,
  auth: Auth,
  participantId: string,
  input: { role: Role; label?: string },
  now: string,
): Promise<IssuedToken> {
  if (!mayManageTokensOf(auth, input.role, 'participant')) throw forbidden(`Your role may not issue ${input.role} tokens`);
  const holder = await getParticipantAccess(db, auth.orgId, participantId);
  if (!holder) throw notFound('participant');
  if (!mayManageTokensOf(auth, input.role, holder.standing))
    throw forbidden(`Only an admin may issue tokens to ${staffName[holder.standing]}`);
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

/**
 * Staff revoke what they may issue; anyone may revoke their own tokens (signing out) — except the
 * organisation's last working admin token, which would leave it without an admin (409).
 */
export async function revoke(db: D1Database, auth: Auth, id: string, now: string): Promise<Token> {
  const found = await getTokenAccess(db, auth.orgId, id);
  const own = found?.token.participantId === auth.participantId;
  if (!found || (!own && auth.role === 'participant')) throw notFound('token');
  const { token, holderStanding, holderActive, otherWorkingAdminTokens } = found;
  if (!own && !mayManageTokensOf(auth, token.role, holderStanding)) {
    throw forbidden(
      token.role === 'participant'
        ? `Only an admin may revoke the tokens of ${staffName[holderStanding]}`
        : `Your role may not revoke ${token.role} tokens`,
    );
  }
  const lastAdminToken = token.role === 'admin' && token.revokedAt === null && holderActive && !keepsAnAdmin(otherWorkingAdminTokens);
  if (lastAdminToken) throw lastWorkingAdminToken();
  try {
    await revokeToken(db, auth.orgId, id, now);
  } catch (err) {
    if (isLastAdminAbort(err)) throw lastWorkingAdminToken(); // another admin token was revoked meanwhile
    throw err;
  }
  return (await getToken(db, auth.orgId, id))!;
}

const lastWorkingAdminToken = () =>
  conflict("This is the organisation's last working admin token: issue another admin token before revoking this one");
