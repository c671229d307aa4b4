/**
 * Every API call the dashboard makes, typed, through the extension's one client (`lib/api.ts`).
 */
import type {
  AuditAction,
  EngagementCreate,
  IdentityProviderCreate,
  IdentityProviderPatch,
  InvitationCreate,
  MemberRole,
  OrgPatch,
  ParticipantCreate,
  ParticipantPatch,
  ProgrammeCreate,
  ProgrammePatch,
} from '../../shared';
import { apiRequest, apiText, type Credentials, type ResponseParser } from '../lib/api';
import { analyticsPath, csvFileName, type AnalyticsEndpoint, type AnalyticsExtra, type Filters } from './analytics-paths';
import {
  isAlerts,
  isEngagement,
  isEngagementAnalytics,
  isEngagementList,
  isExtensionHealth,
  isAuditPage,
  isCredential,
  isIdentityProvider,
  isIdentityProviderList,
  isImportResult,
  isInvitation,
  isInvitationList,
  isIssuedInvitation,
  isMe,
  isMyCredentials,
  isOrg,
  isParticipant,
  isParticipantList,
  isPopulation,
  isPopulationList,
  isProgramme,
  isProgrammeList,
  isPulseAnalytics,
  isRepresentation,
} from './responses';

/** A 204 (no body): nothing to parse. */
const noContent: ResponseParser<null> = { safeParse: () => ({ success: true, data: null }) };

/**
 * @example const api = dashboardApi(creds); const figures = await api.engagement(filters);
 */
export function dashboardApi(creds: Credentials) {
  const get = <T>(path: string, schema: ResponseParser<T>) => apiRequest(creds, 'GET', path, { schema });
  const id = encodeURIComponent;
  return {
    apiUrl: creds.apiUrl,
    me: () => get('/v1/me', isMe),

    /** Engagement analytics, with the first page of the engagement list, or the page after `cursor`. */
    engagement: (f: Filters, cursor: string | null = null) => get(analyticsPath('engagement', f, { cursor }), isEngagementAnalytics),
    alerts: (f: Filters) => get(analyticsPath('alerts', f), isAlerts),
    representation: (f: Filters, dimension: string, role: MemberRole | null) =>
      get(analyticsPath('representation', f, { dimension, role }), isRepresentation),
    pulse: (f: Filters) => get(analyticsPath('pulse', f), isPulseAnalytics),
    /** The CSV of an analytics table, and the name to save it under. */
    csv: async (endpoint: AnalyticsEndpoint, f: Filters, extra: AnalyticsExtra = {}) => {
      const { text } = await apiText(creds, 'GET', analyticsPath(endpoint, f, extra, 'csv'));
      return { text, filename: csvFileName(endpoint, f, extra) };
    },

    programmes: () => get('/v1/programmes', isProgrammeList),
    createProgramme: (body: ProgrammeCreate) => apiRequest(creds, 'POST', '/v1/programmes', { schema: isProgramme, body }),
    patchProgramme: (programmeId: string, body: ProgrammePatch) =>
      apiRequest(creds, 'PATCH', `/v1/programmes/${id(programmeId)}`, { schema: isProgramme, body }),

    participants: (q = '', limit = 50) =>
      get(`/v1/participants?${new URLSearchParams({ ...(q ? { q } : {}), limit: String(limit) })}`, isParticipantList),
    createParticipant: (body: ParticipantCreate) => apiRequest(creds, 'POST', '/v1/participants', { schema: isParticipant, body }),
    importParticipants: (csv: string, dryRun: boolean) =>
      apiRequest(creds, 'POST', `/v1/participants/import?dryRun=${dryRun}`, {
        schema: isImportResult,
        text: { type: 'text/csv', text: csv },
        timeoutMs: 60_000,
      }),

    engagements: () => get('/v1/engagements', isEngagementList),
    createEngagement: (body: EngagementCreate) => apiRequest(creds, 'POST', '/v1/engagements', { schema: isEngagement, body }),

    /** Admins only: `{ role }` (the Worker refuses a coordinator, and demoting the last admin). */
    patchParticipant: (participantId: string, body: ParticipantPatch) =>
      apiRequest(creds, 'PATCH', `/v1/participants/${id(participantId)}`, { schema: isParticipant, body }),

    invitations: (participantId: string) => get(`/v1/participants/${id(participantId)}/invitations`, isInvitationList),
    invite: (participantId: string, body: InvitationCreate) =>
      apiRequest(creds, 'POST', `/v1/participants/${id(participantId)}/invitations`, { schema: isIssuedInvitation, body }),
    revokeInvitation: (invitationId: string) =>
      apiRequest(creds, 'DELETE', `/v1/invitations/${id(invitationId)}`, { schema: isInvitation }),

    /** The caller's own sign-ins, and the invitations made for them. */
    myCredentials: () => get('/v1/me/credentials', isMyCredentials),
    revokeMyCredential: (credentialId: string) =>
      apiRequest(creds, 'DELETE', `/v1/me/credentials/${id(credentialId)}`, { schema: isCredential }),

    identityProviders: () => get('/v1/org/identity-providers', isIdentityProviderList),
    createIdentityProvider: (body: IdentityProviderCreate) =>
      apiRequest(creds, 'POST', '/v1/org/identity-providers', { schema: isIdentityProvider, body }),
    patchIdentityProvider: (providerId: string, body: IdentityProviderPatch) =>
      apiRequest(creds, 'PATCH', `/v1/org/identity-providers/${id(providerId)}`, { schema: isIdentityProvider, body }),
    deleteIdentityProvider: (providerId: string) =>
      apiRequest(creds, 'DELETE', `/v1/org/identity-providers/${id(providerId)}`, { schema: noContent }),

    /** Newest first; `before` is the previous page's `nextBefore`. */
    audit: (query: { before?: number | null; action?: AuditAction | null; limit?: number } = {}) => {
      const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
      if (query.before) params.set('before', String(query.before));
      if (query.action) params.set('action', query.action);
      return get(`/v1/audit?${params}`, isAuditPage);
    },

    population: () => get('/v1/population', isPopulationList),
    extensionHealth: () => get('/v1/extension-health', isExtensionHealth),
    putPopulation: (dimension: string, counts: Record<string, number>) =>
      apiRequest(creds, 'PUT', `/v1/population/${id(dimension)}`, { schema: isPopulation, body: { counts } }),

    patchOrg: (body: OrgPatch) => apiRequest(creds, 'PATCH', '/v1/org', { schema: isOrg, body }),
  };
}

export type DashboardApi = ReturnType<typeof dashboardApi>;
