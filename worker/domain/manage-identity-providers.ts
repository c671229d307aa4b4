import type { IdentityProvider, IdentityProviderCreate, IdentityProviderPatch } from '../../shared';
import type { Auth } from '../env';
import { auditStatement } from '../db/audit';
import {
  deleteProviderStatement,
  getProvider,
  insertProviderStatement,
  listProviders,
  updateProviderStatement,
} from '../db/identity-providers';
import { requireAdmin } from '../policy';
import { conflict, notFound } from './errors';

/**
 * The organisation's identity providers, managed by admins — each change in the audit log, since
 * whoever controls a provider controls who can sign in as whom.
 */
const changed = (auth: Auth, now: string, providerId: string, change: string, detail: Record<string, unknown> = {}) => ({
  orgId: auth.orgId,
  at: now,
  action: 'identity_provider_changed' as const,
  actorId: auth.participantId,
  actorRole: auth.role,
  detail: { providerId, change, ...detail },
});

export async function addProvider(db: D1Database, auth: Auth, input: IdentityProviderCreate, now: string): Promise<IdentityProvider> {
  requireAdmin(auth);
  const id = crypto.randomUUID();
  try {
    await db.batch([
      insertProviderStatement(db, auth.orgId, id, input, now),
      auditStatement(db, changed(auth, now, id, 'added', { issuer: input.issuer, clientId: input.clientId })),
    ]);
  } catch (err) {
    if (err instanceof Error && err.message.includes('UNIQUE')) {
      throw conflict('This issuer and client id are configured already', { path: 'issuer' });
    }
    throw err;
  }
  return (await getProvider(db, auth.orgId, id))!;
}

export async function changeProvider(
  db: D1Database,
  auth: Auth,
  id: string,
  patch: IdentityProviderPatch,
  now: string,
): Promise<IdentityProvider> {
  requireAdmin(auth);
  if (!(await getProvider(db, auth.orgId, id))) throw notFound('identity provider');
  await db.batch([
    updateProviderStatement(db, auth.orgId, id, patch, now),
    auditStatement(db, changed(auth, now, id, 'changed', { fields: Object.keys(patch) })),
  ]);
  return (await getProvider(db, auth.orgId, id))!;
}

export async function removeProvider(db: D1Database, auth: Auth, id: string, now: string): Promise<void> {
  requireAdmin(auth);
  if (!(await getProvider(db, auth.orgId, id))) throw notFound('identity provider');
  await db.batch([deleteProviderStatement(db, auth.orgId, id), auditStatement(db, changed(auth, now, id, 'removed'))]);
}

export async function providersOf(db: D1Database, auth: Auth): Promise<IdentityProvider[]> {
  requireAdmin(auth);
  return listProviders(db, auth.orgId);
}
