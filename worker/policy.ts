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

/** Coordinators hand out participant tokens; only admins create (or revoke) coordinators and admins. */
export const mayManageTokensOf = (auth: Pick<Auth, 'role'>, role: Role) =>
  auth.role === 'admin' || (auth.role === 'coordinator' && role === 'participant');

/** Staff see every participant (never their attributes); a participant sees only themselves. */
export const mayReadParticipant = (auth: Auth, participantId: string) => isStaff(auth) || participantId === auth.participantId;

/** Staff change anyone; a participant changes only their own attributes. */
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
