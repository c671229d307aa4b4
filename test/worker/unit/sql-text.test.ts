import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../../shared/rules/days';
import {
  dateOf,
  fiscalQuarterOf,
  isAnswerablePeriod,
  monthsAround,
  previousPeriod,
  quartersWithin,
} from '../../../worker/analytics/calendar';
import { loadAlertFacts } from '../../../worker/db/analytics-alerts';
import { loadEngagementFacts } from '../../../worker/db/analytics-engagement';
import { loadPulseCells } from '../../../worker/db/analytics-pulse';
import { loadRepresentation } from '../../../worker/db/analytics-representation';
import { listParticipants } from '../../../worker/db/participants';

/**
 * Issue 10: a value derived from a request (`from=0000-01-01` became `NaN` in SQL text) is never
 * part of SQL text — every one is a bound parameter. Checked two ways: each query function, called
 * with many random requests, sends statement texts that contain none of the request's values and
 * take only a few forms (the choice of rollups or raw tables, one year or several — never one text per
 * value); and no query builder puts an interpolation inside a quoted SQL literal.
 */

interface Sent {
  sql: string;
  params: unknown[];
}

class Captured extends Error {}

/** A stand-in for D1 that records the statements of the first round trip and stops the caller there. */
function recordingD1(log: Sent[]): D1Database {
  const statement = (sql: string, params: unknown[] = []) => {
    const stop = () => {
      log.push({ sql, params });
      throw new Captured();
    };
    return { sql, params, bind: (...values: unknown[]) => statement(sql, values), all: stop, first: stop, run: stop, raw: stop };
  };
  return {
    prepare: (sql: string) => statement(sql),
    batch: async (statements: Sent[]) => {
      for (const s of statements) log.push({ sql: s.sql, params: s.params });
      throw new Captured();
    },
  } as unknown as D1Database;
}

async function statementsOf(run: (db: D1Database) => Promise<unknown>): Promise<Sent[]> {
  const log: Sent[] = [];
  try {
    await run(recordingD1(log));
  } catch (error) {
    if (!(error instanceof Captured)) throw error;
  }
  return log;
}

const orgId = '5b0c3a52-1111-4c3e-9a55-0d6a4c1e2f00';
const firstDay = daysFromCivil(2000, 1, 1);
const lastDay = daysFromCivil(2100, 12, 31);
/** An answerable period (whole months half the time, as the rollups need), an asOf and a programme or none. */
const request = fc
  .record({
    from: fc.integer({ min: firstDay, max: lastDay }),
    length: fc.integer({ min: 0, max: 3650 }),
    asOf: fc.integer({ min: firstDay, max: lastDay }),
    wholeMonths: fc.boolean(),
    programmeId: fc.option(fc.uuid({ version: 4 }), { nil: null }),
    fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
  })
  .map((r) => {
    const raw = { from: dateOf(r.from), to: dateOf(Math.min(r.from + r.length, lastDay)) };
    return { ...r, period: r.wholeMonths ? monthsAround(raw) : raw, asOf: dateOf(r.asOf) };
  })
  .filter((r) => isAnswerablePeriod(r.period));

type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

const queries: Record<string, (db: D1Database, r: Request) => Promise<unknown>> = {
  engagement: (db, r) =>
    loadEngagementFacts(
      db,
      orgId,
      r.programmeId,
      r.period,
      r.asOf,
      quartersWithin(r.period, r.fiscalYearStartMonth).filter((q) => q.to < r.asOf),
      { limit: 50, after: r.programmeId ? [1, r.from % 1000, r.programmeId] : null },
    ),
  alerts: (db, r) => loadAlertFacts(db, orgId, r.programmeId, fiscalQuarterOf(r.asOf, r.fiscalYearStartMonth), r.asOf),
  // A released quarter (freezing and reading) half the time, a pending one (the baseline alone) the other half.
  representation: (db, r) =>
    loadRepresentation(db, orgId, {
      programmeId: r.programmeId,
      role: 'mentee',
      dimension: 'gender',
      quarter: fiscalQuarterOf(r.period.to, r.fiscalYearStartMonth),
      released: r.wholeMonths,
      now: `${r.asOf}T12:00:00.000Z`,
    }),
  pulse: (db, r) => {
    const months = monthsAround(r.period);
    return loadPulseCells(db, orgId, r.programmeId, { from: previousPeriod(months).from, to: months.to });
  },
  'participants search': (db, r) => listParticipants(db, orgId, { q: `${r.asOf}%_'--`, limit: 10, offset: 0 }),
};

describe('SQL text never carries a value from the request', () => {
  it.each(Object.keys(queries))('%s: the request’s values are all bound, and the statements take a handful of forms', async (name) => {
    const forms = new Set<string>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const sent = await statementsOf((db) => queries[name]!(db, r));
        expect(sent.length).toBeGreaterThan(0);
        const values = [
          r.period.from,
          r.period.to,
          r.asOf,
          r.period.from.slice(0, 7),
          r.asOf.slice(0, 4),
          ...(r.programmeId ? [r.programmeId] : []),
        ];
        for (const s of sent) for (const value of values) expect(s.sql).not.toContain(value);
        forms.add(sent.map((s) => s.sql).join('\n;\n'));
      }),
      { numRuns: 60 },
    );
    // Rollups or raw tables, one year or several, a programme or none: never one form per request.
    expect(forms.size).toBeLessThanOrEqual(8);
  });
});

describe('query builders', () => {
  const sources = import.meta.glob('../../../worker/db/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it('are all read by this check', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it.each(Object.entries(sources).map(([file, text]) => [file.replace(/^.*worker\//, 'worker/'), text]))(
    '%s puts no interpolation inside a quoted SQL literal',
    (_file, text) => {
      // `'${…}'` splices a value into SQL as a string literal (as `BETWEEN '${qs}'` once did); values
      // spliced as numbers are caught by the random requests above.
      const spliced = [...text.matchAll(/'\$\{[^}]*\}'/g)].map((m) => m[0]);
      expect(spliced).toEqual([]);
    },
  );
});
