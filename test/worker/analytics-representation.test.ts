import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';
import { group, keysOf, shownCount, shownPerParticipant } from './representation-expected';

/** Q1 2026 (a fiscal year from January): long released by the server's clock (today is later in 2026). */
const period = 'from=2026-01-01&to=2026-03-31&asOf=2026-04-10';

/**
 * k = 3. Executives Xia and Xander (men) mentor four women and three men; Yves (a senior man)
 * mentors one non-binary person and two who did not say. Women's pairings met twice in Q1,
 * men's once; every session lasts an hour. The eligible population: 400 women, 500 men, 20 non-binary.
 */
async function representationOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3 });
  const classic = await fx.programme('classic', 2, 'Classic');
  const xia = await fx.person('Xia', { level: 'executive', attributes: { gender: 'man' } });
  const xander = await fx.person('Xander', { level: 'executive', attributes: { gender: 'man' } });
  const yves = await fx.person('Yves', { level: 'senior', attributes: { gender: 'man' } });
  const women = await fx.people(4, 'Woman', { level: 'mid', attributes: { gender: 'woman' } });
  const men = await fx.people(3, 'Man', { level: 'mid', attributes: { gender: 'man' } });
  const nonbinary = await fx.people(1, 'Nonbinary', { level: 'mid', attributes: { gender: 'nonbinary' } });
  const undisclosed = await fx.people(2, 'Quiet', { level: 'mid' });

  const pairUp = async (mentor: string, mentee: string, sessions: number) => {
    const e = await fx.engagement(
      classic,
      [
        [mentor, 'mentor'],
        [mentee, 'mentee'],
      ],
      { startsOn: '2025-06-01' },
    );
    for (let i = 0; i < sessions; i++) await fx.session(e, `2026-0${i + 1}-1${i}T10:00:00Z`);
    return e;
  };
  for (const [i, w] of women.entries()) await pairUp(i % 2 ? xander : xia, w, 2);
  for (const [i, m] of men.entries()) await pairUp(i % 2 ? xander : xia, m, 1);
  for (const p of [...nonbinary, ...undisclosed]) await pairUp(yves, p, 1);
  await fx.population('gender', { woman: 400, man: 500, nonbinary: 20 });
  const keys = await fx.recordKeys([xia, xander, yves, ...women, ...men, ...nonbinary, ...undisclosed]);
  return { fx, classic, keys, mentors: [xia, xander, yves], women, men };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

describe('GET /v1/analytics/representation', () => {
  it('gives each group its share against the population, selection rate, impact ratio and access, from its perturbed count', async () => {
    const { fx, keys, women, men } = await representationOrg();
    const [w, m] = [keysOf(keys, women), keysOf(keys, men)];

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    // The shown counts: the true 4 women and 3 men, each with their group's persistent noise.
    const [nW, nM] = [shownCount(w), shownCount(m)];
    const top = nW / 400 > nM / 500 ? { n: nW, pop: 400 } : { n: nM, pop: 500 };
    const impact = (n: number, pop: number) => round((n * top.pop) / (top.n * pop));
    const adverse = (n: number, pop: number) => n * top.pop * 5 < top.n * pop * 4;
    expect(body).toMatchObject({ dimension: 'gender', role: 'mentee', suppressed: false, totalParticipants: 10, minGroupSize: 3 });
    expect(body.period).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(body.groups.map((g: any) => g.group)).toEqual(['man', 'nonbinary', 'woman', 'other', 'undisclosed']);
    expect(group(body, 'woman')).toEqual({
      group: 'woman',
      suppressed: false,
      participants: nW,
      share: round(nW / 10), // over the exact total
      population: 400,
      populationShare: 0.4348,
      representationIndex: round(nW / 10 / (400 / 920)),
      selectionRate: round(nW / 400),
      impactRatio: impact(nW, 400),
      adverseImpact: adverse(nW, 400),
      sessionsPerParticipant: shownPerParticipant(8, w, 'sessions', 2), // two sessions each
      seniorMinutesPerParticipant: shownPerParticipant(480, w, 'seniorMinutes', 1), // two hours each with an executive
    });
    expect(group(body, 'man')).toEqual({
      group: 'man',
      suppressed: false,
      participants: nM, // exactly k people: shown
      share: round(nM / 10),
      population: 500,
      populationShare: 0.5435,
      representationIndex: round(nM / 10 / (500 / 920)),
      selectionRate: round(nM / 500),
      impactRatio: impact(nM, 500),
      adverseImpact: adverse(nM, 500),
      sessionsPerParticipant: shownPerParticipant(3, m, 'sessions', 2),
      seniorMinutesPerParticipant: shownPerParticipant(180, m, 'seniorMinutes', 1),
    });
    expect(Math.abs(nW - 4)).toBeLessThanOrEqual(2);
    expect(Math.abs(nM - 3)).toBeLessThanOrEqual(2);
  });

  it('suppresses groups of 1 to k−1 but keeps their baseline, and gives a group without baseline null population figures', async () => {
    const { fx } = await representationOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    expect(group(body, 'nonbinary')).toEqual({
      group: 'nonbinary',
      suppressed: true,
      participants: null,
      share: null,
      population: 20,
      populationShare: 0.0217,
      representationIndex: null,
      selectionRate: null,
      impactRatio: null,
      adverseImpact: null,
      sessionsPerParticipant: null,
      seniorMinutesPerParticipant: null,
    });
    expect(group(body, 'undisclosed')).toMatchObject({ suppressed: true, participants: null, population: null, populationShare: null });
  });

  it('shows an empty group of the catalogue as zero, not suppressed, and `other` as zero when every value is in the catalogue', async () => {
    const { fx } = await representationOrg();
    await fx.population('gender', { woman: 400, man: 500, nonbinary: 20, agender: 5 });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    expect(group(body, 'agender')).toMatchObject({
      suppressed: false,
      participants: 0,
      share: 0,
      selectionRate: 0,
      impactRatio: 0,
      adverseImpact: true,
      sessionsPerParticipant: null,
    });
    expect(group(body, 'other')).toMatchObject({ suppressed: false, participants: 0, population: null });
  });

  it('counts everyone in any role without a role filter: the total exact, the groups perturbed', async () => {
    const { fx, keys, mentors, men } = await representationOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    const allMen = keysOf(keys, [...mentors, ...men]);
    expect(body.totalParticipants).toBe(13);
    expect(group(body, 'man')).toMatchObject({ participants: shownCount(allMen), share: round(shownCount(allMen) / 13) });
  });

  it('exports as CSV the same protected result, suppressed cells marked', async () => {
    const { fx } = await representationOrg();

    const json = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`)).body;
    const res = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}&format=csv`);

    const cell = (g: any, key: string) => (g.suppressed ? 'suppressed' : String(g[key] ?? ''));
    const figures = ['participants', 'share'];
    const derived = [
      'representationIndex',
      'selectionRate',
      'impactRatio',
      'adverseImpact',
      'sessionsPerParticipant',
      'seniorMinutesPerParticipant',
    ];
    expect(res.body.split('\r\n')).toEqual([
      'group,participants,share,population,populationShare,representationIndex,selectionRate,impactRatio,adverseImpact,sessionsPerParticipant,seniorMinutesPerParticipant',
      ...json.groups.map((g: any) =>
        [g.group, ...figures.map((f) => cell(g, f)), g.population ?? '', g.populationShare ?? '', ...derived.map((f) => cell(g, f))].join(
          ',',
        ),
      ),
      '',
    ]);
    expect(res.body).toContain('nonbinary,suppressed,suppressed,20,0.0217,suppressed');
  });

  it('states the release it comes from, and counts the population-shaping writes made while the quarter was open', async () => {
    const { fx } = await representationOrg();
    // The audit log as the writes leave it: two population-shaping writes while Q1 was open, one
    // before it, and a request that shapes nothing.
    const audit = (at: string, action: string) =>
      env.DB.prepare(`INSERT INTO audit_log (org_id, at, action) VALUES (?1, ?2, ?3)`).bind(fx.org.id, at, action).run();
    await audit('2025-12-31T23:59:59.999Z', 'participant_created');
    await audit('2026-01-01T00:00:00.000Z', 'attributes_changed');
    await audit('2026-02-11T09:00:00.000Z', 'engagement_changed');
    await audit('2026-02-12T09:00:00.000Z', 'analytics_request');

    const before = Date.now();
    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);
    const again = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`)).body;

    expect(body.disclosure.pending).toEqual([]);
    expect(body.disclosure.released).toEqual([
      { period: '2026-01-01', from: '2026-01-01', to: '2026-03-31', frozenAt: expect.any(String) },
    ]);
    expect(Date.parse(body.disclosure.released[0].frozenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(body.disclosure.populationChanges).toBe(2);
    // Frozen once: a later reading names the same moment, and writes after it are not the quarter's.
    await audit(new Date().toISOString(), 'participant_created');
    const later = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`)).body;
    expect(again.disclosure).toEqual(body.disclosure);
    expect(later.disclosure).toEqual(body.disclosure);
  });
});

describe('representation privacy', () => {
  it('a lone small group cannot be recovered from the total: the next smallest goes too', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentor = await fx.person('Mentor', { attributes: { gender: 'man' } });
    const women = await fx.people(5, 'W', { attributes: { gender: 'woman' } });
    const mentees = [
      ...women,
      ...(await fx.people(3, 'M', { attributes: { gender: 'man' } })),
      ...(await fx.people(1, 'N', { attributes: { gender: 'nonbinary' } })),
    ];
    for (const m of mentees)
      await fx.engagement(p, [
        [mentor, 'mentor'],
        [m, 'mentee'],
      ]);
    await fx.population('gender', { woman: 50, man: 50, nonbinary: 5 });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    expect(body.totalParticipants).toBe(10);
    expect(group(body, 'nonbinary').suppressed).toBe(true);
    expect(group(body, 'man')).toMatchObject({ suppressed: true, participants: null }); // 4 (with the mentor): the next smallest
    expect(group(body, 'woman')).toMatchObject({ suppressed: false, participants: shownCount(keysOf(await fx.recordKeys(women), women)) });
  });

  it('two small groups cannot be recovered together from the total: cells go until the hidden ones hold k people', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentors = await fx.people(3, 'Mentor', { attributes: { gender: 'woman' } });
    const women = await fx.people(4, 'W', { attributes: { gender: 'woman' } });
    const mentees = [
      ...women,
      ...(await fx.people(3, 'M', { attributes: { gender: 'man' } })),
      ...(await fx.people(1, 'N', { attributes: { gender: 'nonbinary' } })),
      ...(await fx.people(1, 'Q')),
    ];
    for (const [i, m] of mentees.entries())
      await fx.engagement(p, [
        [mentors[i % 3]!, 'mentor'],
        [m, 'mentee'],
      ]);
    await fx.population('gender', { woman: 50, man: 50, nonbinary: 5 });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    // Total 9 − women 4 − men 3 would be the non-binary mentee and the one who did not say, together.
    expect(body.totalParticipants).toBe(9);
    expect(group(body, 'nonbinary').suppressed).toBe(true);
    expect(group(body, 'undisclosed').suppressed).toBe(true);
    expect(group(body, 'man')).toMatchObject({ suppressed: true, participants: null });
    expect(group(body, 'woman')).toMatchObject({ suppressed: false, participants: shownCount(keysOf(await fx.recordKeys(women), women)) });
  });

  it('a breakdown where fewer than k people fall outside the largest group is withheld whole', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentor = await fx.person('Only mentor', { attributes: { gender: 'man' } });
    for (const m of await fx.people(6, 'W', { attributes: { gender: 'woman' } }))
      await fx.engagement(p, [
        [mentor, 'mentor'],
        [m, 'mentee'],
      ]);

    const mentees = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`)).body;
    const everyone = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`)).body;

    expect(mentees).toMatchObject({ suppressed: true, totalParticipants: null }); // six women, nobody else
    expect(everyone).toMatchObject({ suppressed: true, totalParticipants: null }); // six women and one man
    expect([...mentees.groups, ...everyone.groups].every((g: any) => g.suppressed && g.participants === null)).toBe(true);
  });

  it('a result with fewer than k people in all is withheld whole', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const a = await fx.person('A', { attributes: { gender: 'woman' } });
    const b = await fx.person('B', { attributes: { gender: 'man' } });
    await fx.engagement(p, [
      [a, 'mentor'],
      [b, 'mentee'],
    ]);

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    expect(body).toMatchObject({ suppressed: true, totalParticipants: null });
    expect(body.groups.every((g: any) => g.suppressed && g.participants === null)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(a);
  });

  it('refuses a programme of another organisation, or none, in the same round trip', async () => {
    const { fx } = await representationOrg();

    const res = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&programmeId=${crypto.randomUUID()}&${period}`);

    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
  });
});
