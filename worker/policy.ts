import type { Role, Visibility } from '../shared';
import { forbidden } from './domain/errors';
import type { Auth } from './env';

/**
 * Who may do what to which resource — every authorisation rule of the API, in one place.
 * Routes and the domain ask here; SQL only scopes by the caller's organisation (from the token,
 * never the request body) and reports the facts these rules read (membership, authorship).
 *
 * A resource the caller may not see is answered exactly like an absent one (404), so the
 * `may…` questions about seeing come back as booleans and the caller throws `notFound`.
 */

/** Coordinators and admins run programmes; participants take part in them. */
export const isStaff = (auth: Pick<Auth, 'role'>) => auth.role === 'coordinator' || auth.role === 'admin';

/** Throws 403 unless the caller holds one of the roles. */
export function requireRole(auth: Pick<Auth, 'role'>, ...roles: Role[]): void {
  if (!roles.includes(auth.role)) throw forbidden(`This needs the ${roles.join(' or ')} role`);
}

/** Managing people, programmes, engagements, population baselines and reading analytics. */
export const requireStaff = (auth: Pick<Auth, 'role'>) => requireRole(auth, 'coordinator', 'admin');

/** Organisation settings. */
export const requireAdmin = (auth: Pick<Auth, 'role'>) => requireRole(auth, 'admin');

/**
 * The role a person's record carries (`participants.role`): whoever signs in as them acts with it.
 * A record carrying `coordinator` or `admin` is a staff record.
 */
export type Standing = Role;

/** A standing as refusals name it. */
export const staffName: Record<Standing, string> = { participant: 'a participant', coordinator: 'a coordinator', admin: 'an admin' };

/**
 * The fields of a person's record that decide whether — and as what — they can sign in:
 * deactivating someone stops every credential of theirs at once, the email is how sign-in finds
 * them, and the role is what a sign-in lets them do.
 */
export const accessFields = ['status', 'email', 'role'] as const;

/**
 * Only admins change a staff record's access — its status, its email, its invitations. Otherwise a
 * coordinator could deactivate the admin and so lock the organisation out, point the admin's email
 * at themselves and sign in as them. Coordinators still manage participants' status and email, and
 * everyone's other fields.
 */
export const mayManageAccessOf = (auth: Pick<Auth, 'role'>, standing: Standing) => auth.role === 'admin' || standing === 'participant';

/** Roles are given and taken by admins only: a coordinator cannot make anyone (themselves included) an admin. */
export const mayChangeRole = (auth: Pick<Auth, 'role'>) => auth.role === 'admin';

/**
 * Invitations (and their revocation) follow access: coordinators invite participants, admins anyone.
 * Nobody but the redeemer ever sees the credential an invitation becomes.
 */
export const mayInvite = mayManageAccessOf;

/**
 * People whose email belongs to one of the organisation's identity providers sign in through it —
 * an invitation for them would be a second door, opened by whoever holds the code. Invitations are
 * for people outside the provider (external advisors, organisations without SSO).
 */
export function signsInThroughProvider(email: string, providers: readonly { emailDomains: readonly string[] }[]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return providers.some((p) => p.emailDomains.includes(domain));
}

/**
 * A credential is its holder's alone: only they list or revoke it. Staff stop someone's access by
 * deactivating their record, which stops every credential at once and shows in the audit log.
 */
export const mayRevokeCredential = (auth: Pick<Auth, 'participantId'>, holderId: string) => holderId === auth.participantId;

/**
 * An organisation always keeps a working admin (an active person with the admin role):
 * deactivating or demoting the last one is refused with 409 — no one could then change its
 * settings or make anyone admin again. `others` counts the working admins that would remain. The
 * database holds the same rule atomically (migration 0008's trigger), so two admins demoting each
 * other at once cannot both succeed.
 */
export const keepsAnAdmin = (others: number) => others > 0;

/** The audit log and the identity providers are the admins'. */
export const requireAuditReader = (auth: Pick<Auth, 'role'>) => requireRole(auth, 'admin');

/** Staff see every participant (never their attributes); a participant sees only themselves. */
export const mayReadParticipant = (auth: Auth, participantId: string) => isStaff(auth) || participantId === auth.participantId;

/** Staff change anyone (within `mayManageAccessOf`); a participant changes only their own attributes. */
export const mayPatchParticipant = (auth: Auth, participantId: string, fields: readonly string[]) =>
  isStaff(auth) || (participantId === auth.participantId && fields.every((f) => f === 'attributes'));

/** Whose engagements the caller lists: staff every engagement of the organisation, a participant only their own. */
export const engagementMemberFilter = (auth: Auth): string | undefined => (isStaff(auth) ? undefined : auth.participantId);

/**
 * Sessions — and their notes and pulse — belong to the members of the session's engagement, whatever
 * their role: a coordinator who is not a member sees none of them (PRODUCT.md §5).
 */
export const mayWriteSession = (membership: { isMember: boolean }) => membership.isMember;
export const mayReadSession = mayWriteSession;

/**
 * A note is read by its author, and a shared note by the engagement's other members — but
 * coordinators and admins never read another's note, shared or not (PRODUCT.md §5.1).
 */
export const mayReadNote = (auth: Pick<Auth, 'role' | 'participantId'>, note: { authorId: string; visibility: Visibility }) =>
  note.authorId === auth.participantId || (note.visibility === 'shared' && !isStaff(auth));

/** Only the author edits a note. */
export const mayEditNote = (auth: Pick<Auth, 'participantId'>, note: { authorId: string }) => note.authorId === auth.participantId;

/** Whether the caller reads only their own notes of a session (staff), or the shared ones too. */
export const readsOnlyOwnNotes = (auth: Pick<Auth, 'role'>) => isStaff(auth);

/**
 * Any member of an organisation may send its extension's anonymous selector counts — but only once
 * an admin opted the organisation in (`extensionHealthReports`, off by default); until then 403.
 */
export function requireHealthReportsOptIn(org: { extensionHealthReports?: boolean }): void {
  if (org.extensionHealthReports !== true) throw forbidden('This organisation has not opted in to extension health reports');
}

/** The extension health panel is for the staff who run the programme (counts about software, not people). */
export const requireHealthReader = requireStaff;
