import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateRange, daysFromCivil } from '../../shared/rules/days';
import { dateOf, isAnswerablePeriod } from '../../worker/analytics/calendar';
import { analyticsOrg } from './analytics-fixture';
import { call } from './support';

/**
 * Issue 10, items 1–2: no period a request can name takes the Worker down or answers 500. Every date
 * is in the years 2000–2100, a period is at most ten years, and anything else is a 400 with the
 * envelope — decided before any loop or query runs.
 */
async function decadeOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 4 });
  const reverse = await fx.programme('reverse', 2, 'Reverse');
  const people = await fx.people(4, 'Person', { attributes: { gender: 'woman' } });
  const e1 = await fx.engagement(
    reverse,
    [
      [people[0]!, 'mentor'],
      [people[1]!, 'mentee'],
    ],
    { startsOn: '2016-01-01' },
  );
  const e2 = await fx.engagement(
    reverse,
    [
      [people[2]!, 'mentor'],
      [people[3]!, 'mentee'],
    ],
    { startsOn: '2024-06-01' },
  );
  // Sessions across ten years, at both ends of the accepted range's decade and in between.
  for (const at of ['2016-01-04T09:00:00Z', '2016-02-01T09:00:00Z', '2020-07-01T09:00:00Z', '2025-12-30T09:00:00Z', '2026-03-31T23:00:00Z'])
    await fx.session(e1, at);
  const s = await fx.session(e2, '2025-11-03T09:00:00Z');
  await fx.pulse(s, people[3]!, { value: 4 });
  return { fx, reverse };
}

const endpoints = ['engagement', 'alerts', 'pulse', 'representation?dimension=gender'] as const;
const withQuery = (endpoint: string, query: string) => `/v1/analytics/${endpoint}${endpoint.includes('?') ? '&' : '?'}${query}`;

describe('requests that used to take the Worker down', () => {
  it.each([
    ['alerts', 'to=9999-12-31'],
    ['pulse', 'from=0000-01-01&to=2026-12-31'],
    ['engagement', 'from=0000-01-01&to=2026-12-31'],
    ['engagement', 'asOf=0099-06-15'],
    ['engagement', 'from=1900-01-01&to=2100-12-31'],
  ])('%s?%s is a 400 with the envelope, and the Worker keeps serving', async (endpoint, query) => {
    const { fx } = await decadeOrg();

    const started = Date.now();
    const reply = await fx.coordinator.get(withQuery(endpoint, query));

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_input' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await call('GET', '/healthz')).status).toBe(200);
  });
});

describe('long but plausible periods', () => {
  it('answer ten years of engagement analytics, with a commitment figure over forty quarters', async () => {
    const { fx } = await decadeOrg();

    // 1 Apr 2016 … 31 Mar 2026: forty whole fiscal quarters of a year starting in April.
    const { status, body } = await fx.coordinator.get('/v1/analytics/engagement?from=2016-04-01&to=2026-03-31&asOf=2026-06-01');

    expect(status).toBe(200);
    expect(body.totals.sessionsHeld).toBe(4); // 2016-01 and 2016-02 are before the period
    // E1 runs all forty quarters; E2 from Q2 2024 (starts 1 June: Q2 not whole) — Q3 2024 … Q4 2025, seven.
    expect(body.totals.commitmentEligible).toBe(47);
  });

  it('refuse a period of more than ten years, and one end that makes it so with the other defaulted', async () => {
    const { fx } = await decadeOrg();

    const tooLong = await fx.coordinator.get('/v1/analytics/engagement?from=2001-01-01&to=2025-12-31');
    const oneEnd = await fx.coordinator.get('/v1/analytics/engagement?from=2001-01-01&asOf=2026-06-01');
    const exactlyTen = await fx.coordinator.get('/v1/analytics/engagement?from=2016-01-01&to=2025-12-31');

    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body.error.details)).toMatch(/at most 10 years/);
    expect(oneEnd.status).toBe(400);
    expect(exactlyTen.status).toBe(200);
  });
});

describe('every analytics endpoint, over any period a request can name', () => {
  const anyYear = fc.integer({ min: 1990, max: 2110 });
  const dayOf = (year: number, dayOfYear: number) => dateOf(daysFromCivil(year, 1, 1) + dayOfYear);
  const query = fc
    .record({
      from: fc.option(fc.tuple(anyYear, fc.integer({ min: 0, max: 365 })), { nil: undefined }),
      to: fc.option(fc.tuple(anyYear, fc.integer({ min: 0, max: 365 })), { nil: undefined }),
      asOf: fc.option(
        fc.tuple(fc.integer({ min: dateRange.firstYear - 2, max: dateRange.lastYear + 2 }), fc.integer({ min: 0, max: 365 })),
        {
          nil: undefined,
        },
      ),
      format: fc.constantFrom('json', 'csv'),
    })
    .map((q) => ({
      from: q.from && dayOf(...q.from),
      to: q.to && dayOf(...q.to),
      asOf: q.asOf && dayOf(...q.asOf),
      format: q.format,
    }));

  it.each(endpoints)('%s answers 200 or 400, never 500, and 200 exactly when the period is answerable', async (endpoint) => {
    const { fx } = await decadeOrg();

    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
        const reply = await fx.coordinator.get(withQuery(endpoint, params.toString()));

        expect([200, 400]).toContain(reply.status);
        if (q.from && q.to)
          expect(reply.status === 200).toBe(
            isAnswerablePeriod({ from: q.from, to: q.to }) && (!q.asOf || isAnswerablePeriod({ from: q.asOf, to: q.asOf })),
          );
        if (reply.status === 400) expect(reply.body.error.code).toBe('invalid_input');
      }),
      { numRuns: 40 },
    );
  });
});

describe('people search', () => {
  it('takes a search as long as the limit, in any script, and finds % and _ literally', async () => {
    const { fx } = await decadeOrg();
    const long = 'ä'.repeat(100); // 200 bytes of UTF-8: LIKE's 50-byte limit made this a 500

    expect((await fx.coordinator.get(`/v1/participants?q=${encodeURIComponent(long)}`)).status).toBe(200);
    expect((await fx.coordinator.get(`/v1/participants?q=${encodeURIComponent(`${long}ä`)}`)).status).toBe(400);
    expect((await fx.coordinator.get('/v1/participants?q=%25')).body.total).toBe(0); // no name holds "%"
    expect((await fx.coordinator.get('/v1/participants?q=PERSON')).body.total).toBe(4);
  });
});
