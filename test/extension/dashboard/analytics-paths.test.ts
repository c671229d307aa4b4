import { describe, expect, it } from 'vitest';
import { analyticsPath, csvFileName, type Filters } from '../../../extension/dashboard/analytics-paths';

const quarter: Filters = { programmeId: null, from: '2026-10-01', to: '2026-12-31' };
const programme: Filters = { ...quarter, programmeId: '1a98fe37-d9d2-487e-b323-a47e0ca7794c' };

describe('CSV links', () => {
  it('ask for the same filters as the table on screen, as CSV', () => {
    expect(analyticsPath('engagement', programme, { table: 'months' }, 'csv')).toBe(
      '/v1/analytics/engagement?programmeId=1a98fe37-d9d2-487e-b323-a47e0ca7794c&from=2026-10-01&to=2026-12-31&table=months&format=csv',
    );
  });

  it('default the engagement export to the per-engagement table', () => {
    expect(analyticsPath('engagement', quarter, {}, 'csv')).toBe(
      '/v1/analytics/engagement?from=2026-10-01&to=2026-12-31&table=engagements&format=csv',
    );
  });

  it('ask for the engagement list a screenful at a time, the next page with its cursor, and every row as CSV', () => {
    expect(analyticsPath('engagement', quarter)).toBe('/v1/analytics/engagement?from=2026-10-01&to=2026-12-31&limit=20');
    expect(analyticsPath('engagement', quarter, { cursor: 'WzAsMTIw' })).toBe(
      '/v1/analytics/engagement?from=2026-10-01&to=2026-12-31&limit=20&cursor=WzAsMTIw',
    );
    expect(analyticsPath('engagement', quarter, { cursor: 'WzAsMTIw' }, 'csv')).toBe(
      '/v1/analytics/engagement?from=2026-10-01&to=2026-12-31&table=engagements&format=csv',
    );
  });

  it('carry the dimension and role of a representation', () => {
    expect(analyticsPath('representation', quarter, { dimension: 'gender', role: 'mentee' }, 'csv')).toBe(
      '/v1/analytics/representation?from=2026-10-01&to=2026-12-31&dimension=gender&role=mentee&format=csv',
    );
    expect(analyticsPath('representation', quarter, { dimension: 'gender', role: null })).toBe(
      '/v1/analytics/representation?from=2026-10-01&to=2026-12-31&dimension=gender',
    );
  });

  it('leave the period off alerts, which are about today', () => {
    expect(analyticsPath('alerts', programme, {}, 'csv')).toBe(
      '/v1/analytics/alerts?programmeId=1a98fe37-d9d2-487e-b323-a47e0ca7794c&format=csv',
    );
    expect(analyticsPath('alerts', quarter)).toBe('/v1/analytics/alerts');
  });

  it('never put a table or a dimension where the endpoint has none', () => {
    expect(analyticsPath('pulse', quarter, { table: 'months', dimension: 'gender' }, 'csv')).toBe(
      '/v1/analytics/pulse?from=2026-10-01&to=2026-12-31&format=csv',
    );
  });

  it('save under a name that says what and when', () => {
    expect(csvFileName('engagement', quarter, { table: 'programmes' })).toBe('dyad-engagement-programmes-2026-10-01-to-2026-12-31.csv');
    expect(csvFileName('representation', quarter, { dimension: 'age_band', role: 'mentee' })).toBe(
      'dyad-representation-age_band-mentee-2026-10-01-to-2026-12-31.csv',
    );
    expect(csvFileName('alerts', quarter)).toBe('dyad-alerts.csv');
  });
});
