import type { Participant, ParticipantCreate, ParticipantPatch, Self } from '../../shared';
import type { Auth } from '../env';
import {
  attributeStatements,
  emailTaken,
  getAttributes,
  getCreateFacts,
  getParticipant,
  getParticipantAccess,
  insertParticipantStatement,
  updateParticipantStatement,
} from '../db/participants';
import { assertOrgDimensions } from './attribute-dimensions';
import { attributesChanged, participantCreated } from './population-change';
import { conflict, forbidden, notFound } from './errors';
import { isLastAdminAbort } from '../db/credentials';
import { auditStatement } from '../db/audit';
import {
  accessFields,
  keepsAnAdmin,
  mayChangeRole,
  mayManageAccessOf,
  mayPatchParticipant,
  mayReadParticipant,
  staffName,
} from '../policy';

/** Adds a person, in the audit log with who added them and which dimensions they were given (never the values). */
export async function createParticipant(db: D1Database, auth: Auth, input: ParticipantCreate, now: string): Promise<Participant> {
  const { orgId } = auth;
  const facts = await getCreateFacts(db, orgId, input.email);
  assertOrgDimensions(input.attributes, facts.dimensions);
  if (facts.emailTaken) throw conflict('A participant with this email exists', { path: 'email' });
  const id = crypto.randomUUID();
  const values = {
    displayName: input.displayName,
    email: input.email,
    level: input.level ?? null,
    function: input.function ?? null,
    region: input.region ?? null,
  };
  await db.batch([
    insertParticipantStatement(db, orgId, id, values, now),
    ...attributeStatements(db, orgId, id, input.attributes ?? {}),
    auditStatement(db, participantCreated(auth, now, id, input.attributes)),
  ]);
  return (await getParticipant(db, orgId, id))!;
}

/**
 * A participant as the caller may see them. Staff see anyone, without attributes;
 * a participant sees only themselves, with their own attributes.
 */
export async function readParticipant(db: D1Database, auth: Auth, id: string): Promise<Participant | Self> {
  if (!mayReadParticipant(auth, id)) throw notFound('participant');
  const participant = await getParticipant(db, auth.orgId, id);
  if (!participant) throw notFound('participant');
  if (id !== auth.participantId) return participant;
  return { ...participant, attributes: await getAttributes(db, auth.orgId, id) };
}

/**
 * Staff change anyone (attributes are write-only for them, and each write of them is in the audit
 * log) — but only admins change the status or email of a coordinator or an admin, and the last
 * working admin is never deactivated (worker/policy.ts); a participant may change only their own
 * attributes, unlogged: they are theirs.
 */
export async function patchParticipant(
  db: D1Database,
  auth: Auth,
  id: string,
  patch: ParticipantPatch,
  now: string,
): Promise<Participant | Self> {
  if (!mayReadParticipant(auth, id)) throw notFound('participant');
  if (!mayPatchParticipant(auth, id, Object.keys(patch))) throw forbidden('You may change only your own attributes');
  const found = await getParticipantAccess(db, auth.orgId, id);
  if (!found) throw notFound('participant');
  const { participant: before, standing, otherWorkingAdmins, dimensions } = found;
  const changed = accessFields.filter((field) => patch[field] !== undefined && patch[field] !== before[field]);
  if (changed.length > 0 && !mayManageAccessOf(auth, standing)) {
    throw forbidden(`Only an admin may change the ${changed.join(' or ')} of ${staffName[standing]}`);
  }
  const roleChanges = patch.role !== undefined && patch.role !== before.role;
  if (roleChanges && !mayChangeRole(auth)) throw forbidden('Only an admin may change a role');
  const deactivatesAnAdmin = standing === 'admin' && before.status === 'active' && patch.status === 'inactive';
  const demotesAnAdmin = standing === 'admin' && before.status === 'active' && roleChanges;
  if ((deactivatesAnAdmin || demotesAnAdmin) && !keepsAnAdmin(otherWorkingAdmins))
    throw lastWorkingAdmin(demotesAnAdmin ? 'role' : 'status');
  assertOrgDimensions(patch.attributes, dimensions);
  if (patch.email && patch.email !== before.email && (await emailTaken(db, auth.orgId, patch.email, id))) {
    throw conflict('A participant with this email exists', { path: 'email' });
  }
  const merged = {
    displayName: patch.displayName ?? before.displayName,
    email: patch.email ?? before.email,
    level: patch.level === undefined ? before.level : patch.level,
    function: patch.function === undefined ? before.function : patch.function,
    region: patch.region === undefined ? before.region : patch.region,
    status: patch.status ?? before.status,
    role: patch.role ?? before.role,
  };
  const attributesEntry = attributesChanged(auth, now, id, patch.attributes);
  const actor = { orgId: auth.orgId, at: now, actorId: auth.participantId, actorRole: auth.role, subjectId: id };
  try {
    await db.batch([
      updateParticipantStatement(db, auth.orgId, id, merged, now),
      ...attributeStatements(db, auth.orgId, id, patch.attributes ?? {}),
      ...(roleChanges ? [auditStatement(db, { ...actor, action: 'role_changed', detail: { from: before.role, to: merged.role } })] : []),
      ...(merged.status !== before.status
        ? [auditStatement(db, { ...actor, action: 'status_changed', detail: { from: before.status, to: merged.status } })]
        : []),
      ...(attributesEntry ? [auditStatement(db, attributesEntry)] : []),
    ]);
  } catch (err) {
    if (isLastAdminAbort(err)) throw lastWorkingAdmin(roleChanges ? 'role' : 'status'); // the other admins were deactivated meanwhile
    throw err;
  }
  return readParticipant(db, auth, id);
}

const lastWorkingAdmin = (path: 'status' | 'role') =>
  conflict(
    `The organisation's last working admin cannot be ${path === 'role' ? 'demoted' : 'deactivated'}: make someone else an admin first`,
    {
      path,
    },
  );
