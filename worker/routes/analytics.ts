import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  analyticsQuery,
  engagementPageSize,
  maxNoise,
  zAlerts,
  zEngagementCursor,
  zAnalyticsQuery,
  zEngagementAnalytics,
  zPulseAnalytics,
  zRepresentation,
  zRepresentationQuery,
  type Org,
} from '../../shared';
import { computeAlerts } from '../analytics/alerts';
import { fiscalQuarterOf, monthsAround, monthsOf, previousPeriod } from '../analytics/calendar';
import { computeEngagementAnalytics } from '../analytics/engagement';
import { cutPage } from '../analytics/engagement-list';
import { computePulse } from '../analytics/pulse';
import { disclosure } from '../../shared/rules/disclosure';
import { computeRepresentation, representationQuarter } from '../analytics/representation';
import { alertsCsv, engagementCsv, pulseCsv, representationCsv } from '../analytics/csv';
import { scopeOf } from '../analytics/scope';
import { loadAlertFacts } from '../db/analytics-alerts';
import { loadEngagementFacts } from '../db/analytics-engagement';
import { loadPulseRelease } from '../db/analytics-pulse';
import { loadRepresentation } from '../db/analytics-representation';
import type { AppEnv } from '../env';
import { authenticateAnalytics } from '../http/analytics-access';
import { notFound } from '../http/errors';
import { bearer, errors, router } from '../http/openapi';

const tags = ['analytics'];
const csvContent = { 'text/csv': { schema: z.string() } };
const today = () => new Date().toISOString().slice(0, 10);

export const analytics = router();
analytics.use('*', authenticateAnalytics());

/** The caller's organisation: read with their token (`authenticate`), no round trip of its own. */
const orgOf = (c: Context<AppEnv>): Org => c.var.org;

async function assertProgramme(db: D1Database, orgId: string, programmeId: string | null) {
  if (programmeId && !(await db.prepare(`SELECT 1 FROM programmes WHERE org_id = ?1 AND id = ?2`).bind(orgId, programmeId).first())) {
    throw notFound('programme', { path: 'programmeId' });
  }
}

/** JSON, or the CSV of the same (already suppressed) result. */
function reply<T>(c: Context<AppEnv>, result: T, format: 'json' | 'csv', csv: (r: T) => string, name: string) {
  if (format === 'csv') {
    return c.body(csv(result), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="dyad-${name}.csv"`,
    });
  }
  return c.json(result as object, 200);
}

const zEngagementQuery = analyticsQuery({
  table: z.enum(['engagements', 'programmes', 'months']).default('engagements').meta({ description: 'Which table `format=csv` returns' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(engagementPageSize.max)
    .default(engagementPageSize.default)
    .meta({ description: `Engagements per page (JSON only), 1 to ${engagementPageSize.max}` }),
  cursor: zEngagementCursor.optional(),
});

analytics.openapi(
  createRoute({
    method: 'get',
    path: '/engagement',
    tags,
    summary: 'Engagement analytics: cadence against commitment, health, and pulse response rate (coordinator, admin)',
    description: [
      '`from`/`to` default to the fiscal quarter containing `asOf` (default today). Sessions count where their start falls in the period (UTC dates).',
      '`expected` (per engagement) = commitment × days the engagement ran within the period up to `asOf` / 91.25, to 1 decimal.',
      '`daysSinceLastSession` counts from the last held session starting on or before `asOf`, else from `startsOn`; never negative. Health is given for active engagements that have started.',
      '`commitmentMetRate` is over (engagement, quarter) pairs: fiscal quarters wholly inside the period and ended before `asOf`, engagements not paused whose span covers the whole quarter.',
      '`medianDaysBetweenSessions`: calendar-day gaps between consecutive held sessions of an engagement, both starting in the period.',
      "`pulseResponseRate` = pulse answers / chances to answer (held sessions × members), under the pulse's disclosure model (see ",
      '`/v1/analytics/pulse`): over the released months the period touches (periods widen to whole months; months not yet released count ',
      'nothing), from the cells of one programme and one month frozen at their first reading, counting only cells with k or more respondents ',
      "from k or more engagements, each cell's answers perturbed by its answerers' record keys; the chances are exact. 2 decimals, at most 1. ",
      'Totals, programmes and months are sums of the same cells, so no two of them differ by a person. Suppressed when the scope has held ',
      'sessions in released months but no cell above the floor (a rate of 0 would say of every member that they did not answer); null with ',
      'no held session in a released month. ',
      '`engagements` is a page of the per-engagement rows in the order of need — lapsed, then at risk, then the most days since the last ',
      'session, ties by `engagementId` — of at most `limit` rows; `engagementCount` counts them all; pass `nextCursor` back as `cursor` for ',
      'the next page (null: the last page). The cursor is a keyset, so rows that change health between two pages are neither repeated nor ',
      'skipped on the way; a cursor the API did not give is a 400. Totals, breakdowns and health counts are always over every engagement. ',
      '`format=csv&table=engagements` returns every row, whatever `limit` and `cursor`.',
    ].join(''),
    security: bearer,
    request: { query: zEngagementQuery },
    responses: {
      200: { description: 'The analytics', content: { 'application/json': { schema: zEngagementAnalytics }, ...csvContent } },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const org = orgOf(c);
    const scope = scopeOf(query, org, today());
    const csv = query.format === 'csv';
    // The CSV of the list has every row; JSON a page (the database reads one more, to know if another follows).
    const list = csv
      ? { limit: query.table === 'engagements' ? null : 0, after: null }
      : { limit: query.limit, after: query.cursor ?? null };
    const facts = await loadEngagementFacts(c.env.DB, org.id, scope.programmeId, scope.period, scope.asOf, scope.completedQuarters, list);
    // The programmes come in the same round trip: an unknown one is refused without a query of its own.
    if (scope.programmeId && !facts.programmes.some((p) => p.id === scope.programmeId))
      throw notFound('programme', { path: 'programmeId' });
    const { engagements, ...figures } = computeEngagementAnalytics({
      ...facts,
      period: scope.period,
      asOf: scope.asOf,
      k: scope.k,
      programmeId: scope.programmeId,
    });
    const head = { ...figures, minGroupSize: scope.k };
    if (csv) return reply(c, { ...head, engagements, nextCursor: null }, 'csv', engagementCsv[query.table], `engagement-${query.table}`);
    const page = cutPage(engagements, query.limit);
    return c.json({ ...head, engagements: page.rows, nextCursor: page.nextCursor }, 200);
  },
);

const jsonOrCsv = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema }, ...csvContent },
});
const analyticsErrors = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] };

analytics.openapi(
  createRoute({
    method: 'get',
    path: '/alerts',
    tags,
    summary: 'Engagements that need a coordinator, with reasons (coordinator, admin)',
    description: [
      'Active engagements running on `asOf` (default today). Reasons: `at_risk` / `lapsed` (health as in engagement analytics); ',
      '`behind_commitment`: held sessions since the start of the fiscal quarter containing `asOf` are fewer than the commitment × elapsed days ',
      "(counting `asOf`, and from the engagement's start if it began mid-quarter) / the quarter's days, rounded down; ",
      '`check_in_requested`: a member asked in the 30 days up to `asOf` — the alert never says who; ',
      '`repeated_cancellations`: the last two sessions up to `asOf` were cancelled. ',
      '`debrief_missing` is reserved for when rotation debriefs exist. `from`/`to` are ignored.',
    ].join(''),
    security: bearer,
    request: { query: zAnalyticsQuery },
    responses: { 200: jsonOrCsv(zAlerts, 'The alerts, most urgent first'), ...analyticsErrors },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const org = orgOf(c);
    const scope = scopeOf(query, org, today());
    await assertProgramme(c.env.DB, org.id, scope.programmeId);
    const quarter = fiscalQuarterOf(scope.asOf, org.fiscalYearStartMonth);
    const facts = await loadAlertFacts(c.env.DB, org.id, scope.programmeId, quarter, scope.asOf);
    const membersOf = new Map(facts.map((f) => [f.id, f.members]));
    const result = {
      period: { ...quarter, asOf: scope.asOf },
      programmeId: scope.programmeId,
      minGroupSize: scope.k,
      alerts: computeAlerts(facts, quarter, scope.asOf).map((a) => ({ ...a, members: membersOf.get(a.engagementId) ?? [] })),
    };
    return reply(c, result, query.format, alertsCsv, 'alerts');
  },
);

analytics.openapi(
  createRoute({
    method: 'get',
    path: '/representation',
    tags,
    summary: 'Who takes part and who gets access, by group of a dimension, against the eligible population (coordinator, admin)',
    description: [
      'One fiscal quarter: the one containing `to`, or with no `to` the latest released one (`period` says which; `from` and `asOf` ',
      `do not move it). A quarter is released ${disclosure.quarterLagDays} days after the day after it ends, by the server's clock; before that every group is `,
      'withheld and `disclosure.pending` says when it will be. The first reading of a released quarter freezes, for the whole ',
      'organisation, who was in active engagements overlapping it (with role, programme, held sessions and senior minutes) and their ',
      "attributes: later pausing, closing, re-membering, attribute changes or new people never move that quarter's figures. ",
      'Distinct participants holding `role` (any role if absent), per group of `dimension`. The groups are the catalogue, always all ',
      "listed in this order: the baseline's groups, `other` (a value the baseline does not list), `undisclosed` (no value). ",
      '`share` = n / totalParticipants; `populationShare` from the baseline; `representationIndex` = share / populationShare; ',
      '`selectionRate` = n / population; `impactRatio` = selectionRate / the highest selectionRate among shown groups with a baseline; ',
      '`adverseImpact` = impactRatio < 0.8 (four-fifths rule, 29 CFR 1607.4(D)). `sessionsPerParticipant`: held sessions in the quarter ',
      'of their engagements / n; `seniorMinutesPerParticipant`: minutes of those sessions with an executive-level counterpart / n. ',
      'Privacy: a group of 1 to k−1 people is suppressed (figures null); suppressed groups take the next smallest with them until ',
      'there are two or more and they hold k or more people together; the whole result is withheld when it holds fewer than k ',
      'people or fewer than k fall outside its largest group. A shown n carries persistent noise of −2 … +2 (cell-key ',
      'perturbation: the same people always give the same noise), and every figure above is computed from it; the sums behind the ',
      'per-participant figures carry noise of up to two mean contributions. `totalParticipants` is exact. Population figures come ',
      'from the baseline and are always shown. `disclosure.populationChanges` counts the population-shaping writes (see the audit ',
      "log) made from the quarter's first day until it was frozen.",
    ].join(''),
    security: bearer,
    request: { query: zRepresentationQuery },
    responses: { 200: jsonOrCsv(zRepresentation, 'The representation by group'), ...analyticsErrors },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const org = orgOf(c);
    const scope = scopeOf(query, org, today()); // refuses a period the API does not answer, as every endpoint does
    const role = query.role ?? null;
    const now = Date.now();
    const { quarter, released, releasesOn } = representationQuarter(query.to, org.fiscalYearStartMonth, now);
    const facts = await loadRepresentation(c.env.DB, org.id, {
      programmeId: scope.programmeId,
      role,
      dimension: query.dimension,
      quarter,
      released,
      now: new Date(now).toISOString(),
    });
    // The programme is checked in the same round trip: an unknown one is refused without a query of its own.
    if (scope.programmeId && !facts.programmeFound) throw notFound('programme', { path: 'programmeId' });
    const result = {
      period: { ...quarter, asOf: scope.asOf },
      programmeId: scope.programmeId,
      minGroupSize: scope.k,
      ...computeRepresentation({ ...facts, k: scope.k, dimension: query.dimension, role, pending: !released }),
      disclosure: {
        released: facts.release ? [{ period: quarter.from, ...quarter, frozenAt: facts.release.frozenAt }] : [],
        pending: released ? [] : [{ period: quarter.from, ...quarter, releasesOn }],
        populationChanges: facts.populationChanges,
      },
    };
    return reply(c, result, query.format, representationCsv, `representation-${query.dimension}`);
  },
);

analytics.openapi(
  createRoute({
    method: 'get',
    path: '/pulse',
    tags,
    summary:
      'Pulse means, distributions and counts; by programme kind and month; change against the previous equal period (coordinator, admin)',
    description: [
      'Answers about sessions held in the period, which is widened to the whole calendar months it touches (UTC; the months used are in `period`). ',
      'Per question: responses, mean (2 decimals) and the distribution of scores 1–5; overall, by programme kind and by month; `change` = mean − ',
      'the mean of the same number of months just before (`previousPeriod`; null if either has nothing to show). ',
      'Disclosure (shared/rules/disclosure.ts; `disclosure` says what this result rests on): ',
      "1. Fixed releases: a month's answers count only once it is released, by the server's clock (never `asOf`), ",
      `${disclosure.monthLagDays} days after the month ends — when no answer about one of its sessions can arrive any more. A month not yet released `,
      'contributes nothing and is listed in `disclosure.pending` with `releasesOn`; a slice with no released month shows null figures, ',
      'neither zero nor suppressed. The first request that reads a released month freezes its answers for the whole organisation ',
      '(`disclosure.released`, `frozenAt`): answers, sessions or members changed afterwards never move a released figure. ',
      '2. A floor of k: answers are counted in cells of one programme and one month, and a cell counts towards a question only when k or more ',
      'distinct people from k or more distinct engagements answered it; otherwise it is left out of every figure — overall, by kind, by month, ',
      'previous period, any programme filter — and the slice is marked `partial`; a slice with answers but no countable cell is `suppressed`. ',
      "3. Persistent cell-key perturbation: each countable cell's distribution is released with bounded noise read from its answerers' ",
      `secret record keys — a score's count moves by at most ±${maxNoise} (half the time not at all), an empty score shows 0 or more — so the same cell always shows the same `,
      'figure, and a single score is never proof that everyone gave it. Every slice is the sum of the same released cells, `responses` the sum ',
      'of its distribution and `mean` its mean: any two figures differ by whole perturbed cells of k people and k engagements, never by a person. ',
      '`disclosure.populationChanges` counts the writes that shaped the population (see the audit log) from the first released month to the ',
      'last freezing. No single answer and no respondent is ever returned.',
    ].join(''),
    security: bearer,
    request: { query: zAnalyticsQuery },
    responses: { 200: jsonOrCsv(zPulseAnalytics, 'The pulse analytics'), ...analyticsErrors },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const org = orgOf(c);
    const scope = scopeOf(query, org, today());
    const period = monthsAround(scope.period);
    const previous = previousPeriod(period);
    const [months, previousMonths] = [monthsOf(period), monthsOf(previous)];
    // Released by the server's clock, never the caller's asOf.
    const release = await loadPulseRelease(c.env.DB, org.id, scope.programmeId, [...previousMonths, ...months], Date.now());
    if (!release.programmeFound) throw notFound('programme', { path: 'programmeId' });
    const result = {
      period: { ...period, asOf: scope.asOf },
      programmeId: scope.programmeId,
      minGroupSize: scope.k,
      previousPeriod: previous,
      ...computePulse({ k: scope.k, cells: release.cells, months, previousMonths, released: release.released }),
      disclosure: release.disclosure,
    };
    return reply(c, result, query.format, pulseCsv, 'pulse');
  },
);
