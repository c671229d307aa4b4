/**
 * The analytics requests the dashboard makes, JSON and CSV alike, built from its filters. A CSV
 * link asks the API for `format=csv` with exactly the filters of what is on screen, so the file
 * holds the same (already suppressed) figures (PRODUCT.md §5 rule 6).
 */
import type { MemberRole } from '../../shared';

export type AnalyticsEndpoint = 'engagement' | 'alerts' | 'representation' | 'pulse';
export type EngagementTable = 'engagements' | 'programmes' | 'months';

/**
 * Rows per page of the overview's engagement list: a screenful to work through, not the API's
 * default (`engagementPageSize`), which suits scripts.
 */
export const engagementListPageSize = 20;

/** What the dashboard's filter bar holds: a programme (or all) and a period. */
export interface Filters {
  programmeId: string | null;
  from: string;
  to: string;
}

/** Endpoint-specific parameters. */
export interface AnalyticsExtra {
  table?: EngagementTable;
  dimension?: string;
  role?: MemberRole | null;
  /** The engagement list's page to resume from (`nextCursor`; JSON only: a CSV holds every row). */
  cursor?: string | null;
}

/**
 * The path (and query) of an analytics request.
 *
 * @example analyticsPath('engagement', { programmeId: null, from: '2026-10-01', to: '2026-12-31' }, { table: 'months' }, 'csv')
 * // '/v1/analytics/engagement?from=2026-10-01&to=2026-12-31&table=months&format=csv'
 */
export function analyticsPath(
  endpoint: AnalyticsEndpoint,
  filters: Filters,
  extra: AnalyticsExtra = {},
  format: 'json' | 'csv' = 'json',
): string {
  const params = new URLSearchParams();
  if (filters.programmeId) params.set('programmeId', filters.programmeId);
  // Alerts are about today (the API ignores a period there); the other three take it.
  if (endpoint !== 'alerts') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  }
  if (endpoint === 'representation') {
    if (extra.dimension) params.set('dimension', extra.dimension);
    if (extra.role) params.set('role', extra.role);
  }
  if (endpoint === 'engagement' && format === 'json') {
    params.set('limit', String(engagementListPageSize));
    if (extra.cursor) params.set('cursor', extra.cursor);
  }
  if (format === 'csv') {
    if (endpoint === 'engagement') params.set('table', extra.table ?? 'engagements');
    params.set('format', 'csv');
  }
  const query = params.toString();
  return `/v1/analytics/${endpoint}${query ? `?${query}` : ''}`;
}

/**
 * The name a downloaded CSV is saved under: what it is, and the period it covers.
 *
 * @example csvFileName('representation', filters, { dimension: 'gender', role: 'mentee' }) // 'dyad-representation-gender-mentee-2026-10-01-to-2026-12-31.csv'
 */
export function csvFileName(endpoint: AnalyticsEndpoint, filters: Filters, extra: AnalyticsExtra = {}): string {
  const what = [
    endpoint,
    endpoint === 'engagement' ? (extra.table ?? 'engagements') : null,
    endpoint === 'representation' ? (extra.dimension ?? null) : null,
    endpoint === 'representation' ? (extra.role ?? null) : null,
  ].filter(Boolean);
  const when = endpoint === 'alerts' ? [] : [filters.from, 'to', filters.to].filter(Boolean);
  return `dyad-${[...what, ...when].join('-')}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}
