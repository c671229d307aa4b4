import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';

const q1 = 'from=2026-01-01&to=2026-03-31&asOf=2026-04-10';

/**
 * k = 3. Reverse pairs Ann–Ben and Cal–Dee, an advisory council of Eve and Fay advising Gil.
 * Answers (value / safety / applied) in Q1 2026, and four value answers in Q4 2025.
 */
async function pulseOrg(opts: { advisoryRespondents?: number } = {}) {
  const fx = await analyticsOrg({ minGroupSize: 3 });
  const reverse = await fx.programme('reverse', 2, 'Reverse');
  const advisory = await fx.programme('advisory', 1, 'Council');
  const [ann, ben, cal, dee, eve, fay, gil] = await Promise.all(['Ann', 'Ben', 'Cal', 'Dee', 'Eve', 'Fay', 'Gil'].map((n) => fx.person(n)));
  const r1 = await fx.engagement(reverse, [[ann!, 'mentor'], [ben!, 'mentee']]);
  const r2 = await fx.engagement(reverse, [[cal!, 'mentor'], [dee!, 'mentee']]);
  const a1 = await fx.engagement(advisory, [[eve!, 'advisor'], [fay!, 'advisor'], [gil!, 'executive']]);

  const dec1 = await fx.session(r1, '2025-12-01T10:00:00Z');
  const dec2 = await fx.session(r2, '2025-12-02T10:00:00Z');
  const jan10 = await fx.session(r1, '2026-01-10T10:00:00Z');
  const jan12 = await fx.session(r2, '2026-01-12T10:00:00Z');
  const feb10 = await fx.session(r2, '2026-02-10T10:00:00Z');
  const feb15 = await fx.session(a1, '2026-02-15T10:00:00Z');

  await fx.pulse(dec1, ann!, { value: 3 });
  await fx.pulse(dec1, ben!, { value: 3 });
  await fx.pulse(dec2, cal!, { value: 2 });
  await fx.pulse(dec2, dee!, { value: 4 });
  await fx.pulse(jan10, ann!, { value: 5, safety: 4 });
  await fx.pulse(jan10, ben!, { value: 4 });
  await fx.pulse(jan12, cal!, { value: 3, safety: 3, applied: 2 });
  await fx.pulse(jan12, dee!, { value: 4, safety: 5 });
  await fx.pulse(feb10, cal!, { value: 2 });
  const advisors = [
    [eve!, { value: 5, safety: 5, applied: 5 }],
    [fay!, { value: 4, safety: 4, applied: 4 }],
    [gil!, { value: 5 }],
  ] as const;
  for (const [who, answer] of advisors.slice(0, opts.advisoryRespondents ?? 3)) await fx.pulse(feb15, who, answer);
  return { fx, reverse, advisory, r1 };
}

const question = (slice: any, q: string) => slice.questions.find((x: any) => x.question === q);
const withheld = { suppressed: true, respondents: null, responses: null, mean: null, distribution: null };

describe('GET /v1/analytics/pulse', () => {
  it('gives each question its respondents, responses, mean and distribution, and the change on the previous quarter', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.previousPeriod).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(body.overall.questions).toEqual([
      { question: 'value', suppressed: false, respondents: 7, responses: 8, mean: 4, distribution: [0, 1, 1, 3, 3], previousMean: 3, change: 1 },
      { question: 'safety', suppressed: false, respondents: 5, responses: 5, mean: 4.2, distribution: [0, 0, 1, 2, 2], previousMean: null, change: null },
      // exactly k respondents: shown
      { question: 'applied', suppressed: false, respondents: 3, responses: 3, mean: 3.67, distribution: [0, 1, 0, 1, 1], previousMean: null, change: null },
    ]);
  });

  it('breaks down by programme kind, with complementary suppression per question', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.byKind.map((s: any) => s.kind)).toEqual(['reverse', 'advisory']);
    const [reverse, advisory] = body.byKind;
    expect(question(reverse, 'value')).toEqual({ question: 'value', suppressed: false, respondents: 4, responses: 5, mean: 3.6, distribution: [0, 1, 1, 2, 1] });
    expect(question(advisory, 'value')).toEqual({ question: 'value', suppressed: false, respondents: 3, responses: 3, mean: 4.67, distribution: [0, 0, 0, 1, 2] });
    expect(question(advisory, 'safety')).toEqual({ question: 'safety', ...withheld }); // 2 respondents
    expect(question(reverse, 'safety')).toEqual({ question: 'safety', ...withheld }); // 3, but it would give the advisory cell away
    expect(question(reverse, 'applied')).toEqual({ question: 'applied', ...withheld }); // 1
    expect(question(advisory, 'applied')).toEqual({ question: 'applied', ...withheld }); // 2
  });

  it('breaks down by month; a month nobody answered in shows zeros', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    const [jan, feb, mar] = body.byMonth;
    expect([jan.month, feb.month, mar.month]).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(question(jan, 'value')).toMatchObject({ respondents: 4, mean: 4, distribution: [0, 0, 1, 2, 1] });
    expect(question(feb, 'value')).toMatchObject({ respondents: 4, mean: 4, distribution: [0, 1, 0, 1, 2] });
    expect(question(mar, 'value')).toEqual({ question: 'value', suppressed: false, respondents: 0, responses: 0, mean: null, distribution: [0, 0, 0, 0, 0] });
    expect(question(jan, 'safety').suppressed).toBe(true); // complement of February's 2
    expect(question(feb, 'safety').suppressed).toBe(true);
  });

  it('exports CSV with one row per slice and question', async () => {
    const { fx } = await pulseOrg();

    const res = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&format=csv`);

    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('slice,key,question,respondents,responses,mean,score1,score2,score3,score4,score5,previousMean,change');
    expect(lines[1]).toBe('all,,value,7,8,4,0,1,1,3,3,3,1');
    expect(lines).toContain('kind,advisory,safety,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,,');
  });
});

describe('pulse privacy attacks', () => {
  it('a pairing of two people cannot get its pulse mean', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('reverse', 2, 'Solo pair');
    const [a, b] = await fx.people(2, 'Pair');
    const e = await fx.engagement(p, [[a!, 'mentor'], [b!, 'mentee']]);
    const s = await fx.session(e, '2026-02-01T10:00:00Z');
    await fx.pulse(s, a!, { value: 1 });
    await fx.pulse(s, b!, { value: 2 });

    const filtered = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${p}`);
    const whole = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    for (const body of [filtered.body, whole.body]) {
      expect(question(body.overall, 'value')).toMatchObject({ suppressed: true, mean: null, distribution: null, respondents: null });
      expect(JSON.stringify(body)).not.toMatch(/"mean":[0-9]/);
    }
  });

  it('exactly k − 1 respondents are suppressed', async () => {
    const { fx, advisory } = await pulseOrg({ advisoryRespondents: 2 });

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${advisory}`);

    expect(question(body.overall, 'value')).toMatchObject({ suppressed: true, mean: null });
  });

  it('a programme filter whose remainder is 1 to k−1 respondents is withheld: whole minus filtered would reveal them', async () => {
    const { fx, reverse } = await pulseOrg({ advisoryRespondents: 2 });

    const whole = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body;
    const filtered = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${reverse}`)).body;

    expect(question(whole.overall, 'value')).toMatchObject({ suppressed: false, respondents: 6 });
    // Reverse alone has 4 respondents — enough — but whole − reverse would be the council's 2.
    expect(filtered.overall.questions.every((q: any) => q.suppressed)).toBe(true);
    expect(filtered.byMonth.flatMap((m: any) => m.questions).every((q: any) => q.suppressed)).toBe(true);
  });

  it('a period whose remainder is 1 to k−1 respondents is withheld: all time minus the period would reveal them', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const people = await fx.people(4, 'P');
    const mentor = await fx.person('Mentor');
    const engagements = [];
    for (const m of people) engagements.push(await fx.engagement(p, [[mentor, 'mentor'], [m, 'mentee']]));
    for (const [i, e] of engagements.entries()) await fx.pulse(await fx.session(e, '2026-02-01T10:00:00Z'), people[i]!, { value: 4 });
    await fx.pulse(await fx.session(engagements[0]!, '2025-11-01T10:00:00Z'), people[0]!, { value: 1 }); // one answer outside Q1

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(question(body.overall, 'value')).toMatchObject({ suppressed: true, mean: null });
  });

  it('never returns a single answer: no respondent id appears anywhere', async () => {
    const { fx } = await pulseOrg();
    const ids = (await fx.coordinator.get('/v1/participants')).body.participants.map((p: any) => p.id);

    const text = JSON.stringify((await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body);

    for (const id of ids) expect(text).not.toContain(id);
  });
});
