/**
 * Credentials: what a sign-in (through the identity provider) or a redemption (of an invitation)
 * gives the signer, and nobody else — an access token for minutes, and a refresh token for the next
 * one. Only their hashes are stored; they are returned once, to the signer.
 */
import {
  credentialLifetimes,
  dayMs,
  type Credential,
  type CredentialClient,
  type CredentialKind,
  type Role,
  type SignedIn,
} from '../../shared';
import type { Auth } from '../env';
import { auditStatement } from '../db/audit';
import {
  findByRefreshHash,
  getOwnCredential,
  insertCredentialStatements,
  listOwnCredentials,
  revokeStatement,
  rotateStatements,
  type Guard,
} from '../db/credentials';
import { mayRevokeCredential } from '../policy';
import { notFound, unauthenticated } from './errors';
import { readMe } from './read-me';
import { hashToken, newTokenSecret } from './token-secrets';

/** Two tabs of the console may refresh with the same cookie at once: the one before the last rotation is honoured this long. */
const rotationGraceMs = 60_000;

const later = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();

/** A fresh pair of secrets and when they lapse. */
async function freshSecrets(now: string) {
  const accessToken = newTokenSecret('at');
  const refreshToken = newTokenSecret('rt');
  return {
    accessToken,
    refreshToken,
    accessHash: await hashToken(accessToken),
    refreshHash: await hashToken(refreshToken),
    accessExpiresAt: later(now, credentialLifetimes.accessTtlSeconds * 1000),
    refreshExpiresAt: later(now, credentialLifetimes.refreshTtlDays * dayMs),
  };
}

/** Whom a new credential is for, and how it came about. */
export interface CredentialGrant {
  orgId: string;
  participantId: string;
  role: Role;
  kind: CredentialKind;
  client: CredentialClient;
  label: string | null;
  invitationId?: string;
  providerId?: string;
  subject?: string;
}

/**
 * The statements that create a credential (with its audit entry), to batch with whatever else the
 * grant changes, and the secrets to hand over once they landed. With `guardFor`, nothing is written
 * unless its guard (about the new credential's id) holds.
 */
export async function credentialStatements(
  db: D1Database,
  grant: CredentialGrant,
  now: string,
  guardFor?: (credentialId: string) => Guard,
) {
  const id = crypto.randomUUID();
  const guard = guardFor?.(id);
  const secrets = await freshSecrets(now);
  const statements = [
    ...insertCredentialStatements(
      db,
      {
        id,
        orgId: grant.orgId,
        participantId: grant.participantId,
        role: grant.role,
        kind: grant.kind,
        client: grant.client,
        label: grant.label,
        invitationId: grant.invitationId ?? null,
        providerId: grant.providerId ?? null,
        subject: grant.subject ?? null,
        refreshHash: secrets.refreshHash,
        refreshExpiresAt: secrets.refreshExpiresAt,
        accessHash: secrets.accessHash,
        accessExpiresAt: secrets.accessExpiresAt,
        now,
      },
      guard,
    ),
    auditStatement(
      db,
      {
        orgId: grant.orgId,
        at: now,
        action: 'credential_issued',
        actorId: grant.participantId,
        actorRole: grant.role,
        subjectId: grant.participantId,
        detail: {
          credentialId: id,
          kind: grant.kind,
          client: grant.client,
          ...(grant.invitationId ? { invitationId: grant.invitationId } : {}),
        },
      },
      guard,
    ),
  ];
  return { id, secrets, statements };
}

/** What the signer gets back: the console's refresh token travels as a cookie, not in the body. */
export async function signedIn(
  db: D1Database,
  auth: Pick<Auth, 'orgId' | 'participantId' | 'role'>,
  credentialId: string,
  secrets: { accessToken: string; refreshToken: string },
  client: CredentialClient,
): Promise<SignedIn> {
  return {
    accessToken: secrets.accessToken,
    expiresIn: credentialLifetimes.accessTtlSeconds,
    ...(client === 'console' ? {} : { refreshToken: secrets.refreshToken }),
    credentialId,
    me: await readMe(db, auth),
  };
}

/**
 * A new access token for a refresh token, which is rotated: the one presented works only for the
 * minute of grace after. A revoked credential, an inactive person or a lapsed refresh token: 401.
 */
export async function refresh(db: D1Database, refreshToken: string, now: string): Promise<{ signedIn: SignedIn; refreshToken: string }> {
  const presentedHash = await hashToken(refreshToken);
  const found = await findByRefreshHash(db, presentedHash, now, later(now, -rotationGraceMs));
  if (!found) throw unauthenticated('This sign-in has ended: sign in again');
  const secrets = await freshSecrets(now);
  const [rotated] = await db.batch(
    rotateStatements(db, {
      credentialId: found.credentialId,
      presentedHash,
      newRefreshHash: secrets.refreshHash,
      refreshExpiresAt: secrets.refreshExpiresAt,
      accessHash: secrets.accessHash,
      accessExpiresAt: secrets.accessExpiresAt,
      now,
    }),
  );
  if (!rotated?.meta.changes) throw unauthenticated('This sign-in has ended: sign in again'); // revoked meanwhile
  return { signedIn: await signedIn(db, found, found.credentialId, secrets, found.client), refreshToken: secrets.refreshToken };
}

export const listCredentials = listOwnCredentials;

/**
 * Revokes one of the caller's own credentials: its access tokens stop at once. Another person's
 * credential is answered as absent, whatever the caller's role.
 */
export async function revokeCredential(db: D1Database, auth: Auth, id: string, now: string): Promise<Credential> {
  const found = await getOwnCredential(db, auth, id);
  if (!found || !mayRevokeCredential(auth, auth.participantId)) throw notFound('credential');
  if (!found.revokedAt) {
    await db.batch([
      revokeStatement(db, auth.orgId, id, 'self', now),
      auditStatement(db, {
        orgId: auth.orgId,
        at: now,
        action: 'credential_revoked',
        actorId: auth.participantId,
        actorRole: auth.role,
        subjectId: auth.participantId,
        detail: { credentialId: id },
      }),
    ]);
  }
  return (await getOwnCredential(db, auth, id))!;
}
