import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';

const q1 = 'from=2026-01-01&to=2026-03-31&asOf=2026-04-10';

/**
 * k = 3. Reverse pairs Ann–Ben and Cal–Dee, an advisory council of Eve and Fay advising Gil.
 *
 * | cell (programme, month) | value                         | safety               | applied          |
 * | Reverse 2025-12         | Ann 3, Ben 3, Cal 2, Dee 4    | —                    | —                |
 * | Reverse 2026-01         | Ann 5, Ben 4, Cal 3, Dee 4    | Ann 4, Cal 3, Dee 5  | Cal 2 (1 person) |
 * | Reverse 2026-02         | Cal 2 (1 person)              | —                    | —                |
 * | Council 2026-02         | Eve 5, Fay 4, Gil 5           | Eve 5, Fay 4 (2)     | Eve 5, Fay 4 (2) |
 */
async function pulseOrg(opts: { advisoryRespondents?: number; minGroupSize?: number } = {}) {
  const fx = await analyticsOrg({ minGroupSize: opts.minGroupSize ?? 3 });
  const reverse = await fx.programme('reverse', 2, 'Reverse');
  const advisory = await fx.programme('advisory', 1, 'Council');
  const [ann, ben, cal, dee, eve, fay, gil] = await Promise.all(['Ann', 'Ben', 'Cal', 'Dee', 'Eve', 'Fay', 'Gil'].map((n) => fx.person(n)));
  const r1 = await fx.engagement(reverse, [
    [ann!, 'mentor'],
    [ben!, 'mentee'],
  ]);
  const r2 = await fx.engagement(reverse, [
    [cal!, 'mentor'],
    [dee!, 'mentee'],
  ]);
  const a1 = await fx.engagement(advisory, [
    [eve!, 'advisor'],
    [fay!, 'advisor'],
    [gil!, 'executive'],
  ]);

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
  return { fx, reverse, advisory, r1, r2, people: { ann: ann!, ben: ben!, cal: cal!, dee: dee! } };
}

const question = (slice: any, q: string) => slice.questions.find((x: any) => x.question === q);
const withheld = { suppressed: true, partial: false, responses: null, mean: null, distribution: null };
const nothing = { suppressed: false, partial: false, responses: 0, mean: null, distribution: [0, 0, 0, 0, 0] };
const sum = (distributions: number[][]) => distributions.reduce((a, d) => a.map((x, i) => x + d[i]!), [0, 0, 0, 0, 0]);

describe('GET /v1/analytics/pulse', () => {
  it('counts each question over the programme-months where k or more people answered it, with the change on the previous quarter', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-04-10' });
    expect(body.previousPeriod).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(body.minGroupSize).toBe(3);
    expect(body.overall.questions).toEqual([
      // Reverse January (5, 4, 3, 4) and the council's February (5, 4, 5); Cal's lone February 2 is left out.
      {
        question: 'value',
        suppressed: false,
        partial: true,
        responses: 7,
        mean: 4.29,
        distribution: [0, 0, 1, 3, 3],
        previousMean: 3,
        change: 1.29,
      },
      // Reverse January: exactly k = 3 respondents, shown; the council's two are left out.
      {
        question: 'safety',
        suppressed: false,
        partial: true,
        responses: 3,
        mean: 4,
        distribution: [0, 0, 1, 1, 1],
        previousMean: null,
        change: null,
      },
      // Answered by 1 (Reverse, January) and 2 (council, February): no cell of k.
      { question: 'applied', ...withheld, previousMean: null, change: null },
    ]);
  });

  it('breaks down by programme kind from the same cells', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.byKind.map((s: any) => s.kind)).toEqual(['reverse', 'advisory']);
    const [reverse, advisory] = body.byKind;
    expect(reverse.questions).toEqual([
      { question: 'value', suppressed: false, partial: true, responses: 4, mean: 4, distribution: [0, 0, 1, 2, 1] },
      { question: 'safety', suppressed: false, partial: false, responses: 3, mean: 4, distribution: [0, 0, 1, 1, 1] },
      { question: 'applied', ...withheld },
    ]);
    expect(advisory.questions).toEqual([
      { question: 'value', suppressed: false, partial: false, responses: 3, mean: 4.67, distribution: [0, 0, 0, 1, 2] },
      { question: 'safety', ...withheld },
      { question: 'applied', ...withheld },
    ]);
  });

  it('breaks down by month; a month nobody answered in shows zeros', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    const [jan, feb, mar] = body.byMonth;
    expect([jan.month, feb.month, mar.month]).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(jan.questions).toEqual([
      { question: 'value', suppressed: false, partial: false, responses: 4, mean: 4, distribution: [0, 0, 1, 2, 1] },
      { question: 'safety', suppressed: false, partial: false, responses: 3, mean: 4, distribution: [0, 0, 1, 1, 1] },
      { question: 'applied', ...withheld },
    ]);
    expect(feb.questions).toEqual([
      { question: 'value', suppressed: false, partial: true, responses: 3, mean: 4.67, distribution: [0, 0, 0, 1, 2] },
      { question: 'safety', ...withheld },
      { question: 'applied', ...withheld },
    ]);
    expect(mar.questions).toEqual([
      { question: 'value', ...nothing },
      { question: 'safety', ...nothing },
      { question: 'applied', ...nothing },
    ]);
  });

  it('filters by programme', async () => {
    const { fx, advisory } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${advisory}`);

    expect(body.programmeId).toBe(advisory);
    expect(body.byKind.map((s: any) => s.kind)).toEqual(['advisory']);
    expect(question(body.overall, 'value')).toEqual({
      question: 'value',
      suppressed: false,
      partial: false,
      responses: 3,
      mean: 4.67,
      distribution: [0, 0, 0, 1, 2],
      previousMean: null,
      change: null,
    });
  });

  it('widens a period to the whole months it touches, and compares with as many months before', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get('/v1/analytics/pulse?from=2026-01-15&to=2026-02-03&asOf=2026-04-10');

    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-02-28', asOf: '2026-04-10' });
    expect(body.previousPeriod).toEqual({ from: '2025-11-01', to: '2025-12-31' });
    expect(body.byMonth.map((m: any) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(question(body.overall, 'value')).toMatchObject({ responses: 7, previousMean: 3 });
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

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(question(body.byMonth[0], 'value')).toMatchObject({ responses: 3, distribution: [0, 0, 0, 0, 3] });
    expect(question(body.byMonth[1], 'value')).toMatchObject({ responses: 3, distribution: [3, 0, 0, 0, 0] });
  });

  it('takes k from the organisation’s settings', async () => {
    const { fx } = await pulseOrg();
    expect((await fx.admin.patch('/v1/org', { minGroupSize: 4 })).status).toBe(200);

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    expect(body.minGroupSize).toBe(4);
    // Reverse January's 4 value respondents still count; its 3 safety respondents no longer do.
    expect(question(body.overall, 'value')).toMatchObject({ responses: 4, mean: 4, partial: true });
    expect(question(body.overall, 'safety')).toEqual({ question: 'safety', ...withheld, previousMean: null, change: null });
  });

  it('exports CSV with one row per slice and question', async () => {
    const { fx } = await pulseOrg();

    const res = await fx.coordinator.get(`/v1/analytics/pulse?${q1}&format=csv`);

    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('slice,key,question,responses,mean,score1,score2,score3,score4,score5,partial,previousMean,change');
    expect(lines[1]).toBe('all,,value,7,4.29,0,0,1,3,3,true,3,1.29');
    expect(lines).toContain('kind,advisory,safety,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,false,,');
    expect(lines).toContain('month,2026-03,value,0,,0,0,0,0,0,false,,');
  });
});

describe('pulse privacy attacks', () => {
  it('a pairing of two people cannot get its pulse mean, alone or by subtraction', async () => {
    const { fx, reverse, advisory } = await pulseOrg();
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
      [reverse, advisory].map(async (p) => (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${p}`)).body),
    );

    expect(pair.overall.questions.every((q: any) => q.suppressed && q.mean === null && q.distribution === null)).toBe(true);
    for (const q of ['value', 'safety', 'applied']) {
      const shown = others.map((o) => question(o.overall, q)).filter((x: any) => !x.suppressed);
      // The whole is exactly the other programmes: whole − others is empty, not the pair.
      expect(question(whole.overall, q).distribution ?? [0, 0, 0, 0, 0]).toEqual(sum(shown.map((x: any) => x.distribution)));
    }
    expect(question(whole.overall, 'value').distribution[0]).toBe(0); // the pair's two 1s are nowhere
  });

  it('a breakdown cell of one person cannot be recovered from the total: totals are the sums of the shown cells', async () => {
    const { fx } = await pulseOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/pulse?${q1}`);

    for (const q of ['value', 'safety', 'applied']) {
      const total = question(body.overall, q).distribution ?? [0, 0, 0, 0, 0];
      const months = body.byMonth.map((m: any) => question(m, q)).filter((x: any) => !x.suppressed);
      const kinds = body.byKind.map((k: any) => question(k, q)).filter((x: any) => !x.suppressed);
      expect(sum(months.map((x: any) => x.distribution)), q).toEqual(total);
      expect(sum(kinds.map((x: any) => x.distribution)), q).toEqual(total);
    }
    // Cal's lone February answer (2) is in no figure at all.
    expect(question(body.overall, 'value').distribution[1]).toBe(0);
  });

  it('two overlapping periods cannot isolate the one person who answered in the month between them', async () => {
    const { fx, r1, people } = await pulseOrg();
    await fx.pulse(await fx.session(r1, '2026-04-08T10:00:00Z'), people.ann, { value: 1, safety: 1, applied: 1 });

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
    expect(question(janToApr.byMonth[3], 'value')).toEqual({ question: 'value', ...withheld });
  });

  it('a programme filter whose remainder is one person cannot isolate them', async () => {
    const { fx, reverse } = await pulseOrg({ advisoryRespondents: 1 });

    const whole = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}`)).body;
    const filtered = (await fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${reverse}`)).body;

    // Reverse has 4 January respondents — shown — and the council only Eve: whole − Reverse is empty.
    for (const q of ['value', 'safety', 'applied']) {
      const [w, f] = [question(whole.overall, q), question(filtered.overall, q)];
      expect({ responses: w.responses, distribution: w.distribution }, q).toEqual({ responses: f.responses, distribution: f.distribution });
    }
    expect(question(whole.overall, 'value')).toMatchObject({ suppressed: false, responses: 4 });
  });

  it('exactly k respondents are shown and k − 1 are not', async () => {
    const three = await pulseOrg({ advisoryRespondents: 3 });
    const two = await pulseOrg({ advisoryRespondents: 2 });

    const shown = (await three.fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${three.advisory}`)).body;
    const hidden = (await two.fx.coordinator.get(`/v1/analytics/pulse?${q1}&programmeId=${two.advisory}`)).body;

    expect(question(shown.overall, 'value')).toMatchObject({ suppressed: false, responses: 3, mean: 4.67 });
    expect(question(hidden.overall, 'value')).toMatchObject({ suppressed: true, responses: null, mean: null });
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
});
