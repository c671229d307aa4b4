/**
 * Every API call the dashboard makes, typed, through the extension's one client (`lib/api.ts`).
 */
import type { EngagementCreate, MemberRole, OrgPatch, ParticipantCreate, ProgrammeCreate, ProgrammePatch, TokenCreate } from '../../shared';
import { apiRequest, apiText, type Credentials, type ResponseParser } from '../lib/api';
import { analyticsPath, csvFileName, type AnalyticsEndpoint, type AnalyticsExtra, type Filters } from './analytics-paths';
import {
  isAlerts,
  isEngagement,
  isEngagementAnalytics,
  isEngagementList,
  isExtensionHealth,
  isImportResult,
  isIssuedToken,
  isMe,
  isOrg,
  isParticipant,
  isParticipantList,
  isPopulation,
  isPopulationList,
  isProgramme,
  isProgrammeList,
  isPulseAnalytics,
  isRepresentation,
  isToken,
  isTokenList,
} from './responses';

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

    tokens: (participantId: string) => get(`/v1/participants/${id(participantId)}/tokens`, isTokenList),
    issueToken: (participantId: string, body: TokenCreate) =>
      apiRequest(creds, 'POST', `/v1/participants/${id(participantId)}/tokens`, { schema: isIssuedToken, body }),
    revokeToken: (tokenId: string) => apiRequest(creds, 'DELETE', `/v1/tokens/${id(tokenId)}`, { schema: isToken }),

    population: () => get('/v1/population', isPopulationList),
    extensionHealth: () => get('/v1/extension-health', isExtensionHealth),
    putPopulation: (dimension: string, counts: Record<string, number>) =>
      apiRequest(creds, 'PUT', `/v1/population/${id(dimension)}`, { schema: isPopulation, body: { counts } }),

    patchOrg: (body: OrgPatch) => apiRequest(creds, 'PATCH', '/v1/org', { schema: isOrg, body }),
  };
}

export type DashboardApi = ReturnType<typeof dashboardApi>;
