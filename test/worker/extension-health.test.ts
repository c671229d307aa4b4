import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { daysBefore, healthLimits, utcDay } from '../../shared';
import { as, pairOrg } from './support';

/**
 * Extension health (POST/GET /v1/extension-health): anonymous selector counts, accepted only from
 * organisations that opted in, stored only as aggregates that say nothing of who sent them.
 */

const today = utcDay(Date.now());
const yesterday = daysBefore(today, 1);

const row = (overrides: Record<string, unknown> = {}) => ({
  host: 'outlook',
  version: '0.1.0',
  selector: 'outlook.when',
  variant: 0,
  hits: 3,
  misses: 0,
  day: yesterday,
  ...overrides,
});

async function optedInOrg() {
  const org = await pairOrg();
  const res = await org.admin.patch('/v1/org', { extensionHealthReports: true });
  expect(res.status).toBe(200);
  return org;
}

const storedRows = async (orgId: string) =>
  (
    await env.DB.prepare('SELECT * FROM extension_health WHERE org_id = ?1 ORDER BY selector, variant')
      .bind(orgId)
      .all<Record<string, unknown>>()
  ).results;

describe('POST /v1/extension-health', () => {
  it('is refused with 403 while the organisation has not opted in (the default), and writes nothing', async () => {
    const { lee, org, admin } = await pairOrg();

    const me = await admin.get('/v1/me');
    const res = await lee.post('/v1/extension-health', { rows: [row()] });

    expect(me.body.org.extensionHealthReports).toBe(false);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await storedRows(org.id)).toEqual([]);
  });

  it('only admins opt the organisation in', async () => {
    const { coordinator, admin } = await pairOrg();

    const byCoordinator = await coordinator.patch('/v1/org', { extensionHealthReports: true });
    const byAdmin = await admin.patch('/v1/org', { extensionHealthReports: true });

    expect(byCoordinator.status).toBe(403);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.extensionHealthReports).toBe(true);
  });

  it('adds two reporters’ counts of the same selector into one row', async () => {
    const { lee, mia, org } = await optedInOrg();

    const first = await lee.post('/v1/extension-health', { rows: [row({ hits: 3 }), row({ variant: null, hits: 0, misses: 2 })] });
    const second = await mia.post('/v1/extension-health', { rows: [row({ hits: 4 }), row({ variant: null, hits: 0, misses: 5 })] });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const rows = await storedRows(org.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.variant === 0)).toMatchObject({ hits: 7, misses: 0, day: yesterday, version: '0.1.0' });
    expect(rows.find((r) => r.variant === -1)).toMatchObject({ hits: 0, misses: 7 });
  });

  it('keeps no column that ties a row to a person or a token, and no value from one', async () => {
    const { lee, mia, org, people } = await optedInOrg();
    await lee.post('/v1/extension-health', { rows: [row()] });
    await mia.post('/v1/extension-health', { rows: [row({ selector: 'outlook.title' })] });

    const columns = (await env.DB.prepare(`SELECT name FROM pragma_table_info('extension_health')`).all<{ name: string }>()).results.map(
      (c) => c.name,
    );
    const tokens = (await env.DB.prepare('SELECT id, hash FROM tokens WHERE org_id = ?1').bind(org.id).all<{ id: string; hash: string }>())
      .results;
    const stored = JSON.stringify(await storedRows(org.id));
    const withoutRowid = await env.DB.prepare(`SELECT sql FROM sqlite_master WHERE name = 'extension_health'`).first<string>('sql');

    expect(columns.sort()).toEqual(['day', 'hits', 'host', 'misses', 'org_id', 'selector', 'variant', 'version']);
    for (const secret of [...tokens.flatMap((t) => [t.id, t.hash]), ...Object.values(people).flatMap((p: any) => [p.id, p.email])]) {
      expect(stored).not.toContain(secret);
    }
    // No rowid either: an insertion order would tell one reporter's first rows from another's.
    expect(withoutRowid).toMatch(/WITHOUT ROWID/);
  });

  it.each([
    ['an unknown field (an event title)', { rows: [{ ...row(), title: 'Board meeting' }] }],
    ['an unknown field on the report (an email)', { rows: [row()], email: 'lee@example.com' }],
    ['a selector of another host', { rows: [row({ selector: 'google.when' })] }],
    ['hits on the misses row', { rows: [row({ variant: null, hits: 2 })] }],
    ['a negative count', { rows: [row({ hits: -1 })] }],
    ['a variant past the last', { rows: [row({ variant: healthLimits.variants })] }],
    ['the same row twice', { rows: [row(), row()] }],
    ['no rows', { rows: [] }],
    ['a day after today', { rows: [row({ day: daysBefore(today, -1) })] }],
    [`a day more than ${healthLimits.reportDays} days ago`, { rows: [row({ day: daysBefore(today, healthLimits.reportDays + 1) })] }],
    [
      `more than ${healthLimits.reportRows} rows`,
      { rows: Array.from({ length: healthLimits.reportRows + 1 }, (_, i) => row({ version: `0.${i}.0` })) },
    ],
  ])('refuses %s with 400 and writes nothing', async (_what, body) => {
    const { lee, org } = await optedInOrg();

    const res = await lee.post('/v1/extension-health', body);

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    expect(await storedRows(org.id)).toEqual([]);
  });

  it(`answers 429 with Retry-After past ${healthLimits.reportsPerTokenDay} reports a day from one token, adding nothing`, async () => {
    const { lee, mia, org } = await optedInOrg();
    for (let i = 0; i < healthLimits.reportsPerTokenDay; i++) {
      expect((await lee.post('/v1/extension-health', { rows: [row({ hits: 1 })] })).status).toBe(200);
    }

    const past = await lee.post('/v1/extension-health', { rows: [row({ hits: 1 })] });
    const another = await mia.post('/v1/extension-health', { rows: [row({ hits: 1 })] });

    expect(past.status).toBe(429);
    expect(past.body.error.code).toBe('rate_limited');
    const retryAfter = Number(past.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(another.status).toBe(200);
    expect((await storedRows(org.id))[0]).toMatchObject({ hits: healthLimits.reportsPerTokenDay + 1 });
  });

  it(`writes the largest report (${healthLimits.reportRows} rows) in one D1 round trip after authentication`, async () => {
    const { lee } = await optedInOrg();
    const rows = Array.from({ length: healthLimits.reportRows }, (_, i) => row({ version: `0.${i}.0` }));

    const res = await lee.post('/v1/extension-health', { rows });

    expect(res.status).toBe(200);
    expect(res.body.rows).toBe(healthLimits.reportRows);
    expect(res.headers.get('server-timing')).toContain('2 round trips');
  });
});

describe('GET /v1/extension-health', () => {
  it('shows each selector’s counts, its last day with hits and since when it has not been found', async () => {
    const { lee, coordinator } = await optedInOrg();
    const twoDaysAgo = daysBefore(today, 2);
    await lee.post('/v1/extension-health', {
      rows: [
        row({ day: twoDaysAgo, hits: 9 }),
        row({ day: yesterday, variant: null, hits: 0, misses: 6 }),
        row({ day: today, variant: null, hits: 0, misses: 4, version: '0.2.0' }),
        row({ selector: 'outlook.title', day: today, hits: 5 }),
      ],
    });

    const res = await coordinator.get('/v1/extension-health');

    expect(res.status).toBe(200);
    expect(res.body.to).toBe(today);
    expect(res.body.from).toBe(daysBefore(today, healthLimits.reportDays - 1));
    const when = res.body.selectors.find((s: any) => s.selector === 'outlook.when');
    expect(when).toMatchObject({
      host: 'outlook',
      hits: 9,
      misses: 10,
      lastHitDay: twoDaysAgo,
      notFoundSince: yesterday,
      failingVersions: ['0.1.0', '0.2.0'],
    });
    expect(res.body.selectors.find((s: any) => s.selector === 'outlook.title')).toMatchObject({ notFoundSince: null, lastHitDay: today });
  });

  it('is for coordinators and admins: a participant is refused with 403', async () => {
    const { lee, admin } = await optedInOrg();

    const byParticipant = await lee.get('/v1/extension-health');
    const byAdmin = await admin.get('/v1/extension-health');

    expect(byParticipant.status).toBe(403);
    expect(byAdmin.status).toBe(200);
  });

  it('shows only the caller’s organisation', async () => {
    const one = await optedInOrg();
    const other = await optedInOrg();
    await one.lee.post('/v1/extension-health', { rows: [row()] });

    const res = await other.coordinator.get('/v1/extension-health');

    expect(res.body.selectors).toEqual([]);
  });
});

// A bare token with no organisation behind it never reaches the counts.
it('answers 401 without a token', async () => {
  const res = await as('not-a-token').post('/v1/extension-health', { rows: [row()] });

  expect(res.status).toBe(401);
});
