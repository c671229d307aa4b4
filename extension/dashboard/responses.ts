/**
 * How the dashboard parses the API's answers. The background parses with the shared zod schemas;
 * the dashboard does not ship zod (it alone would take half the page's 60 KB budget), so it checks
 * the shape of what it reads with these small functions instead. The types still come from the
 * shared schemas (`import type`), so there is one definition of each answer.
 */
import type {
  Alerts,
  AuditPage,
  Engagement,
  EngagementAnalytics,
  ExtensionHealth,
  IdentityProvider,
  ImportResult,
  Invitation,
  IssuedInvitation,
  Me,
  MyCredentials,
  OidcStartReply,
  Org,
  Participant,
  Population,
  Programme,
  PulseAnalytics,
  Representation,
  SignedIn,
  SignInOptions,
} from '../../shared';
import type { ResponseParser } from '../lib/api';

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => typeof x === 'string';
const num = (x: unknown) => typeof x === 'number';
const figure = (x: unknown) => isObject(x) && typeof x.suppressed === 'boolean' && (x.value === null || num(x.value));
const list = (x: unknown, each: (item: unknown) => boolean) => Array.isArray(x) && x.every(each);

/**
 * A parser from a shape check.
 *
 * @example const isOrg = shaped<Org>((x) => str(x.id) && num(x.minGroupSize));
 */
export function shaped<T>(check: (x: Json) => boolean): ResponseParser<T> {
  return {
    safeParse: (input: unknown) => (isObject(input) && check(input) ? { success: true, data: input as T } : { success: false }),
  };
}

const org = (x: unknown) =>
  isObject(x) && str(x.id) && str(x.name) && num(x.minGroupSize) && num(x.commentMinimum) && num(x.fiscalYearStartMonth);
const participant = (x: unknown) => isObject(x) && str(x.id) && str(x.displayName) && str(x.email);
const programme = (x: unknown) => isObject(x) && str(x.id) && str(x.name) && str(x.kind) && num(x.minSessionsPerQuarter);
const engagement = (x: unknown) => isObject(x) && str(x.id) && str(x.programmeId) && list(x.members, isObject) && str(x.startsOn);
const nullableStr = (x: unknown) => x === null || str(x);
const invitation = (x: unknown) =>
  isObject(x) && str(x.id) && str(x.participantId) && str(x.status) && str(x.expiresAt) && isObject(x.createdBy);
const credential = (x: unknown) =>
  isObject(x) &&
  str(x.id) &&
  str(x.kind) &&
  str(x.client) &&
  str(x.createdAt) &&
  nullableStr(x.revokedAt) &&
  typeof x.current === 'boolean';
const identityProvider = (x: unknown) =>
  isObject(x) && str(x.id) && str(x.label) && str(x.issuer) && str(x.clientId) && list(x.emailDomains, str);
const auditEvent = (x: unknown) => isObject(x) && num(x.id) && str(x.at) && str(x.action) && isObject(x.detail);
const population = (x: unknown) => isObject(x) && str(x.dimension) && isObject(x.counts);
const head = (x: Json) => isObject(x.period) && num(x.minGroupSize);

export const isMe = shaped<Me>((x) => participant(x.participant) && str(x.role) && org(x.org));
export const isOrg = shaped<Org>(org);

export const isEngagementAnalytics = shaped<EngagementAnalytics>(
  (x) =>
    head(x) &&
    isObject(x.totals) &&
    num(x.totals.activeEngagements) &&
    num(x.totals.sessionsHeld) &&
    figure(x.totals.pulseResponseRate) &&
    isObject(x.totals.health) &&
    list(x.byProgramme, (p) => isObject(p) && str(p.programmeId) && figure(p.pulseResponseRate)) &&
    list(x.byMonth, (m) => isObject(m) && str(m.month) && list(m.byProgramme, isObject)) &&
    list(x.engagements, (e) => isObject(e) && str(e.engagementId) && list(e.members, isObject)) &&
    num(x.engagementCount) &&
    (x.nextCursor === null || str(x.nextCursor)),
);
export const isAlerts = shaped<Alerts>(
  (x) => head(x) && list(x.alerts, (a) => isObject(a) && str(a.engagementId) && list(a.reasons, str) && num(a.daysSinceLastSession)),
);
export const isRepresentation = shaped<Representation>(
  (x) =>
    head(x) && typeof x.suppressed === 'boolean' && list(x.groups, (g) => isObject(g) && str(g.group) && typeof g.suppressed === 'boolean'),
);
export const isPulseAnalytics = shaped<PulseAnalytics>(
  (x) =>
    head(x) &&
    isObject(x.overall) &&
    list(x.overall.questions, (q) => isObject(q) && str(q.question) && typeof q.suppressed === 'boolean') &&
    list(x.byMonth, (m) => isObject(m) && str(m.month) && list(m.questions, isObject)),
);

export const isProgramme = shaped<Programme>(programme);
export const isProgrammeList = shaped<{ programmes: Programme[] }>((x) => list(x.programmes, programme));
export const isParticipant = shaped<Participant>(participant);
export const isParticipantList = shaped<{ participants: Participant[]; total: number }>(
  (x) => list(x.participants, participant) && num(x.total),
);
export const isImportResult = shaped<ImportResult>((x) => num(x.created) && num(x.updated) && typeof x.dryRun === 'boolean');
export const isEngagement = shaped<Engagement>(engagement);
export const isEngagementList = shaped<{ engagements: Engagement[] }>((x) => list(x.engagements, engagement));
export const isInvitation = shaped<Invitation>(invitation);
export const isInvitationList = shaped<{ invitations: Invitation[] }>((x) => list(x.invitations, invitation));
export const isIssuedInvitation = shaped<IssuedInvitation>((x) => invitation(x.invitation) && str(x.code) && str(x.link));
export const isMyCredentials = shaped<MyCredentials>((x) => list(x.credentials, credential) && list(x.invitations, invitation));
export const isCredential = shaped<MyCredentials['credentials'][number]>(credential);
export const isIdentityProvider = shaped<IdentityProvider>(identityProvider);
export const isIdentityProviderList = shaped<{ providers: IdentityProvider[] }>((x) => list(x.providers, identityProvider));
export const isAuditPage = shaped<AuditPage>((x) => list(x.events, auditEvent) && (x.nextBefore === null || num(x.nextBefore)));

// Signing in (the console's signed-out screens).
export const isSignInOptions = shaped<SignInOptions>(
  (x) => isObject(x.org) && str(x.org.name) && str(x.org.slug) && list(x.providers, (p) => isObject(p) && str(p.id) && str(p.label)),
);
export const isOidcStartReply = shaped<OidcStartReply>((x) => str(x.authorizationUrl) && str(x.state));
export const isSignedIn = shaped<SignedIn>(
  (x) => str(x.accessToken) && num(x.expiresIn) && str(x.credentialId) && isMe.safeParse(x.me).success,
);
export const isPopulation = shaped<Population>(population);
export const isPopulationList = shaped<{ dimensions: Population[] }>((x) => list(x.dimensions, population));

const selectorHealth = (x: unknown) =>
  isObject(x) &&
  str(x.host) &&
  str(x.selector) &&
  num(x.hits) &&
  num(x.misses) &&
  (x.lastHitDay === null || str(x.lastHitDay)) &&
  (x.notFoundSince === null || str(x.notFoundSince)) &&
  list(x.failingVersions, str) &&
  list(x.days, (d) => isObject(d) && str(d.day) && num(d.hits) && num(d.misses));
export const isExtensionHealth = shaped<ExtensionHealth>((x) => str(x.from) && str(x.to) && list(x.selectors, selectorHealth));
