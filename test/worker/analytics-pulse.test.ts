import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import { disclosure, perturbDistribution, populationShapingActions } from '../../shared';
import { analyticsOrg } from './analytics-fixture';
import { answersOf, expectedQuestions, expectedSlice, releasedCell, type AnswerRow } from './pulse-expected';

// Every month below ended long before the tests run, so all are released (shared/rules/disclosure.ts).
const q1 = 'from=2026-01-01&to=2026-03-31&asOf=2026-04-10';

/**
 * k = 3. Reverse pairs Ann–Ben, Cal–Dee, Eli–Flo; a Circle where Gus mentors Hal, Ida and Jo (three
 * pairings); a Council of Kim and Lou advising Max (one engagement).
 *
 * | cell (programme, month) | value                                   | safety                 | applied    |
 * | Reverse 2025-12         | Ann 3, Ben 3, Cal 2, Dee 4, Eli 4 (5/3) | —                      | —          |
 * | Reverse 2026-01         | Ann 5, Ben 4, Cal 3, Dee 4, Eli 4, Flo 5 | Ann 4, Ben 4, Cal 3, Eli 4 (4/3) | Cal 2 (1) |
 * | Reverse 2026-02         | Cal 2 (1 person)                        | —                      | —          |
 * | Circle 2026-02          | Gus 4, Hal 5, Ida 5, Jo 4 (4 people, 3 pairings) | Hal 4, Ida 4 (2) | —        |
 * | Council 2026-02         | Kim 5, Lou 4, Max 5 (3 people, 1 engagement) | —                  | —          |
 *
 * (n/m: n people from m engagements.) Released figures are the documented rule applied to these
 * answers and the people's record keys (./pulse-expected.ts).
 */
async function pulseOrg(opts: { minGroupSize?: number } = {}) {
  const fx = await analyticsOrg({ minGroupSize: opts.minGroupSize ?? 3 });
  const reverse = await fx.programme('reverse', 2, 'Reverse');
  const circle = await fx.programme('classic', 2, 'Circle');
  const council = await fx.programme('advisory', 1, 'Council');
  const names = ['Ann', 'Ben', 'Cal', 'Dee', 'Eli', 'Flo', 'Gus', 'Hal', 'Ida', 'Jo', 'Kim', 'Lou', 'Max'] as const;
  const ids = await Promise.all(names.map((n) => fx.person(n)));
  const p = Object.fromEntries(names.map((n, i) => [n, ids[i]!])) as Record<(typeof names)[number], string>;
  const pair = (programme: string, a: string, b: string) =>
    fx.engagement(programme, [
      [a, 'mentor'],
      [b, 'mentee'],
    ]);
  const r1 = await pair(reverse, p.Ann, p.Ben);
  const r2 = await pair(reverse, p.Cal, p.Dee);
  const r3 = await pair(reverse, p.Eli, p.Flo);
  const c1 = await pair(circle, p.Gus, p.Hal);
  const c2 = await pair(circle, p.Gus, p.Ida);
  const c3 = await pair(circle, p.Gus, p.Jo);
  const a1 = await fx.engagement(council, [
    [p.Kim, 'advisor'],
    [p.Lou, 'advisor'],
    [p.Max, 'executive'],
  ]);

  const answer = async (engagement: string, at: string, answers: [string, { value: number; safety?: number; applied?: number }][]) => {
    const s = await fx.session(engagement, at);
    for (const [who, a] of answers) await fx.pulse(s, who, a);
  };
  await answer(r1, '2025-12-01T10:00:00Z', [
    [p.Ann, { value: 3 }],
    [p.Ben, { value: 3 }],
  ]);
  await answer(r2, '2025-12-02T10:00:00Z', [
    [p.Cal, { value: 2 }],
    [p.Dee, { value: 4 }],
  ]);
  await answer(r3, '2025-12-03T10:00:00Z', [[p.Eli, { value: 4 }]]);
  await answer(r1, '2026-01-10T10:00:00Z', [
    [p.Ann, { value: 5, safety: 4 }],
    [p.Ben, { value: 4, safety: 4 }],
  ]);
  await answer(r2, '2026-01-12T10:00:00Z', [
    [p.Cal, { value: 3, safety: 3, applied: 2 }],
    [p.Dee, { value: 4 }],
  ]);
  await answer(r3, '2026-01-14T10:00:00Z', [
    [p.Eli, { value: 4, safety: 4 }],
    [p.Flo, { value: 5 }],
  ]);
  await answer(r2, '2026-02-10T10:00:00Z', [[p.Cal, { value: 2 }]]);
  await answer(c1, '2026-02-11T10:00:00Z', [
    [p.Gus, { value: 4 }],
    [p.Hal, { value: 5, safety: 4 }],
  ]);
  await answer(c2, '2026-02-12T10:00:00Z', [[p.Ida, { value: 5, safety: 4 }]]);
  await answer(c3, '2026-02-13T10:00:00Z', [[p.Jo, { value: 4 }]]);
  await answer(a1, '2026-02-15T10:00:00Z', [
    [p.Kim, { value: 5 }],
    [p.Lou, { value: 4 }],
    [p.Max, { value: 5 }],
  ]);
  const answers = await answersOf(fx.org.id);
  return { fx, reverse, circle, council, r1, people: p, answers };
}

const question = (slice: any, q: string) => slice.questions.find((x: any) => x.question === q);
const inMonths = (answers: AnswerRow[], months: string[]) => answers.filter((a) => months.includes(a.month));
const quarter = ['2026-01', '2026-02', '2026-03'];

describe('GET /v1/analytics/pulse', () => {
  it('counts each question over the programme-months of k people from k pairings, perturbed by their keys, with the change on the previous quarter', async () => {
    const { fx, answers } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-04-10' });
    expect(body.previousPeriod).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(body.minGroupSize).toBe(3);
    const previous = expectedSlice(inMonths(answers, ['2025-10', '2025-11', '2025-12']), 'value', 3);
    const expected = expectedQuestions(inMonths(answers, quarter), 3);
    expect(body.overall.questions.map(({ previousMean, change, ...q }: any) => q)).toEqual(expected);
    // value: Reverse January and the Circle's February count; Cal's lone February answer and the Council's three answers
    // from one engagement are left out. safety: Reverse January (4 people, 3 pairings; three 4s, which no noise takes to
    // zero), the Circle's two left out. applied: Cal alone, suppressed.
    expect(expected.map((q) => [q.suppressed, q.partial])).toEqual([
      [false, true],
      [false, true],
      [true, false],
    ]);
    expect(question(body.overall, 'value').previousMean).toBe(previous.mean);
    expect(question(body.overall, 'value').change).toBe(
      previous.mean === null ? null : Math.round((expected[0]!.mean! - previous.mean) * 100) / 100,
    );
  });

  it('releases a cell as the documented rule: each score perturbed by its answerers’ keys, empty scores by the cell’s key', async () => {
    const { fx, answers, reverse } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${reverse}`);

    const january = answers.filter((a) => a.programmeId === reverse && a.month === '2026-01');
    const scored = (s: number) => january.filter((a) => a.value === s).map((a) => a.recordKey);
    const sum = (keys: number[]) => keys.reduce((a, b) => a + b, 0) % disclosure.keySpace;
    const byHand = perturbDistribution(
      [1, 2, 3, 4, 5].map((s) => ({ count: scored(s).length, key: sum(scored(s)) })),
      sum(january.map((a) => a.recordKey)),
    );
    expect(question(body.byMonth[0], 'value').distribution).toEqual(byHand);
    expect(releasedCell(january, 'value', 3)).toEqual(byHand);
  });

  it('breaks down by programme kind from the same cells', async () => {
    const { fx, answers } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.byKind.map((s: any) => s.kind)).toEqual(['reverse', 'advisory', 'classic']);
    for (const slice of body.byKind) {
      expect(slice.questions, slice.kind).toEqual(
        expectedQuestions(
          inMonths(answers, quarter).filter((a) => a.kind === slice.kind),
          3,
        ),
      );
    }
    expect(question(body.byKind[1], 'value')).toMatchObject({ suppressed: true }); // the Council: one engagement
  });

  it('breaks down by month; a released month nobody answered in shows zeros', async () => {
    const { fx, answers } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.byMonth.map((m: any) => m.month)).toEqual(quarter);
    for (const slice of body.byMonth) expect(slice.questions, slice.month).toEqual(expectedQuestions(inMonths(answers, [slice.month]), 3));
    expect(question(body.byMonth[2], 'value')).toEqual({
      question: 'value',
      suppressed: false,
      partial: false,
      responses: 0,
      mean: null,
      distribution: [0, 0, 0, 0, 0],
    });
  });

  it('filters by programme, in the same round trip; an unknown programme is a 404', async () => {
    const { fx, circle, answers } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${circle}`);
    const unknown = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${crypto.randomUUID()}`);

    expect(body.programmeId).toBe(circle);
    expect(body.byKind.map((s: any) => s.kind)).toEqual(['classic']);
    expect(question(body.overall, 'value')).toMatchObject(
      expectedSlice(
        inMonths(answers, quarter).filter((a) => a.programmeId === circle),
        'value',
        3,
      ),
    );
    expect(question(body.overall, 'value').suppressed).toBe(false);
    expect(unknown.status).toBe(404);
  });

  it('widens a period to the whole months it touches, and compares with as many months before', async () => {
    const { fx, answers } = await pulseOrg();

    const { body } = await fx.coordinator.get('/v1/analytics/pulse?from=2026-01-15&to=2026-02-03&asOf=2026-04-10');

    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-02-28', asOf: '2026-04-10' });
    expect(body.previousPeriod).toEqual({ from: '2025-11-01', to: '2025-12-31' });
    expect(body.byMonth.map((m: any) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(question(body.overall, 'value')).toMatchObject({
      responses: expectedSlice(inMonths(answers, ['2026-01', '2026-02']), 'value', 3).responses,
      previousMean: expectedSlice(inMonths(answers, ['2025-11', '2025-12']), 'value', 3).mean,
    });
  });

  it('counts a session in the UTC month it starts in, whatever the clock says elsewhere', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentor = await fx.person('Mentor');
    const mentees = await fx.people(3, 'Mentee');
    const [lateJanuary, earlyFebruary] = [[] as string[], [] as string[]];
    for (const m of mentees) {
      const e = await fx.engagement(p, [
        [mentor, 'mentor'],
        [m, 'mentee'],
      ]);
      lateJanuary.push(await fx.session(e, '2026-01-31T23:30:00Z')); // 1 February in Singapore
      earlyFebruary.push(await fx.session(e, '2026-02-01T00:15:00Z')); // still 31 January in New York
    }
    for (const [i, m] of mentees.entries()) {
      await fx.pulse(lateJanuary[i]!, m, { value: 5 });
      await fx.pulse(earlyFebruary[i]!, m, { value: 1 });
    }
    const answers = await answersOf(fx.org.id);

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(answers.filter((a) => a.month === '2026-01').map((a) => a.value)).toEqual([5, 5, 5]);
    expect(question(body.byMonth[0], 'value')).toEqual(expectedSlice(inMonths(answers, ['2026-01']), 'value', 3));
    expect(question(body.byMonth[1], 'value')).toEqual(expectedSlice(inMonths(answers, ['2026-02']), 'value', 3));
  });

  it('takes k from the organisation’s settings, at request time, over the frozen cells', async () => {
    const { fx, answers } = await pulseOrg();
    await fx.coordinator.get(`/v1/analytics/pulse?${q1}`); // frozen with k = 3
    expect((await fx.admin.patch('/v1/org', { minGroupSize: 4 })).status).toBe(200);

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.minGroupSize).toBe(4);
    // Reverse January has 6 value respondents but 3 pairings, the Circle 3 pairings: nothing reaches 4 pairings.
    expect(body.overall.questions.map(({ previousMean, change, ...q }: any) => q)).toEqual(
      expectedQuestions(inMonths(answers, quarter), 4),
    );
    expect(question(body.overall, 'value').suppressed).toBe(true);
  });

  it('exports CSV with one row per slice and question, from the same result', async () => {
    const { fx } = await pulseOrg();

    const json = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body;
    const res = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&format=csv`);

    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('slice,key,question,responses,mean,score1,score2,score3,score4,score5,partial,previousMean,change');
    const v = question(json.overall, 'value');
    expect(lines[1]).toBe(`all,,value,${v.responses},${v.mean},${v.distribution.join(',')},true,${v.previousMean},${v.change}`);
    expect(lines).toContain('kind,advisory,value,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,false,,');
    expect(lines).toContain('month,2026-03,value,0,,0,0,0,0,0,false,,');
  });
});

describe('pulse privacy attacks', () => {
  it('a pairing of two people cannot get its pulse figures, alone or by subtraction', async () => {
    const { fx, reverse, circle, council } = await pulseOrg();
    const solo = await fx.programme('reverse', 2, 'Solo pair');
    const [a, b] = await fx.people(2, 'Pair');
    const s = await fx.session(
      await fx.engagement(solo, [
        [a!, 'mentor'],
        [b!, 'mentee'],
      ]),
      '2026-02-01T10:00:00Z',
    );
    await fx.pulse(s, a!, { value: 1, safety: 1, applied: 1 });
    await fx.pulse(s, b!, { value: 1, safety: 1, applied: 1 });

    const pair = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${solo}`)).body;
    const whole = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body;
    const others = await Promise.all(
      [reverse, circle, council].map(async (p) => (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${p}`)).body),
    );

    expect(pair.overall.questions.every((q: any) => q.suppressed && q.mean === null && q.distribution === null)).toBe(true);
    for (const q of ['value', 'safety', 'applied']) {
      const shown = others.map((o) => question(o.overall, q)).filter((x: any) => !x.suppressed);
      // The whole is exactly the sum of the other programmes: whole − others is empty, not the pair.
      const sum = shown.reduce((acc: number[], x: any) => acc.map((n, i) => n + x.distribution[i]), [0, 0, 0, 0, 0]);
      expect(question(whole.overall, q).distribution ?? [0, 0, 0, 0, 0], q).toEqual(sum);
    }
  });

  it('a breakdown cell below the floor cannot be recovered from the total: totals are the sums of the released cells', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    for (const q of ['value', 'safety', 'applied']) {
      const total = question(body.overall, q).distribution ?? [0, 0, 0, 0, 0];
      const add = (slices: any[]) =>
        slices
          .map((s) => question(s, q))
          .filter((x: any) => !x.suppressed)
          .reduce((acc: number[], x: any) => acc.map((n, i) => n + x.distribution[i]), [0, 0, 0, 0, 0]);
      expect(add(body.byMonth), q).toEqual(total);
      expect(add(body.byKind), q).toEqual(total);
    }
  });

  it('two overlapping periods cannot isolate the one person who answered in the month between them', async () => {
    const { fx, r1, people } = await pulseOrg();
    await fx.pulse(await fx.session(r1, '2026-04-08T10:00:00Z'), people.Ann, { value: 1, safety: 1, applied: 1 });

    const janToMar = (await fx.coordinator.get('/v1/analytics/pulse?from=2026-01-01&to=2026-03-31&asOf=2026-05-10')).body;
    const janToApr = (await fx.coordinator.get('/v1/analytics/pulse?from=2026-01-01&to=2026-04-30&asOf=2026-05-10')).body;

    for (const q of ['value', 'safety', 'applied']) {
      const [a, b] = [question(janToMar.overall, q), question(janToApr.overall, q)];
      expect({ responses: b.responses, distribution: b.distribution, mean: b.mean }, q).toEqual({
        responses: a.responses,
        distribution: a.distribution,
        mean: a.mean,
      });
    }
    expect(question(janToApr.byMonth[3], 'value')).toMatchObject({ suppressed: true, distribution: null });
  });

  it('exactly k people from k pairings are shown, and k people from fewer pairings are not', async () => {
    const { fx, circle, council } = await pulseOrg();

    const circleBody = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${circle}`)).body;
    const councilBody = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${council}`)).body;

    expect(question(circleBody.overall, 'value')).toMatchObject({ suppressed: false, partial: false });
    expect(question(councilBody.overall, 'value')).toMatchObject({ suppressed: true, responses: null, mean: null });
  });

  it('never returns a single answer: no respondent id appears anywhere, in JSON or CSV', async () => {
    const { fx } = await pulseOrg();
    const ids = (await fx.coordinator.get('/v1/participants')).body.participants.map((p: any) => p.id);

    const json = JSON.stringify((await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body);
    const csv = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&format=csv`)).body;

    for (const id of ids) {
      expect(json).not.toContain(id);
      expect(csv).not.toContain(id);
    }
  });

  it('says which months it rests on: released with when they were frozen, and how many writes shaped them', async () => {
    const { fx, people } = await pulseOrg();
    expect((await fx.admin.patch(`/v1/participants/${people.Max}`, { status: 'inactive' })).status).toBe(200);

    const first = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body;
    expect((await fx.admin.patch(`/v1/participants/${people.Lou}`, { status: 'inactive' })).status).toBe(200);
    const again = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body;

    expect(first.disclosure.released.map((r: any) => r.period)).toEqual(['2025-10', '2025-11', '2025-12', ...quarter]);
    expect(first.disclosure.released[0]).toMatchObject({ from: '2025-10-01', to: '2025-10-31' });
    expect(first.disclosure.pending).toEqual([]);
    // Frozen once, at the first reading: a write after it shaped nothing released.
    expect(again.disclosure).toEqual(first.disclosure);
    // The population-shaping entries of the audit log from the first released month to the freezing: the people and
    // pairings made for this test, and Max made inactive while the months were open.
    const { n } = (await env.DB.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE org_id = ?1 AND action IN (SELECT value FROM json_each(?2)) AND at BETWEEN ?3 AND ?4`,
    )
      .bind(fx.org.id, JSON.stringify(populationShapingActions), '2025-10-01', first.disclosure.released.at(-1).frozenAt)
      .first<{ n: number }>())!;
    expect(first.disclosure.populationChanges).toBe(n);
    expect(n).toBeGreaterThanOrEqual(1);
  });
});
