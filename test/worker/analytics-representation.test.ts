import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { maxNoise, populationShapingActions } from '../../shared/rules/disclosure';
import { analyticsOrg } from './analytics-fixture';
import { fixedKeys, group, groupKeys, keysOf, peopleWithKeys, shownCount, shownPerParticipant, shows } from './representation-expected';

/** Q1 2026 (a fiscal year from January): long released by the server's clock (today is later in 2026). */
const period = 'from=2026-01-01&to=2026-03-31&asOf=2026-04-10';

/**
 * Fixed record keys (shared/rules/disclosure.ts), chosen with the shared functions so that the
 * outcomes these tests state do not hang on chance: the women and the men show (k = 3 needs a shown
 * count of 8), as mentees and with their mentors; the non-binary person and the two who did not say
 * are shown as 3 or more together, each 1 or more, so complementary suppression takes no third group.
 */
const mentorKeys = fixedKeys(3, 3);
const womenKeys = groupKeys(12, 1, (keys) => shows(keys, 3));
const menKeys = groupKeys(9, 2, (keys) => shows(keys, 3) && shows([...mentorKeys, ...keys], 3));
const nonbinaryKeys = groupKeys(1, 5, (keys) => shownCount(keys) === 1);
const undisclosedKeys = groupKeys(2, 4, (keys) => shownCount(keys) >= 2);

/**
 * k = 3. Executives Xia and Xander (men) mentor twelve women and nine men; Yves (a senior man)
 * mentors one non-binary person and two who did not say. Women's pairings met twice in Q1,
 * men's once; every session lasts an hour. The eligible population: 400 women, 500 men, 20 non-binary.
 */
async function representationOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3 });
  const classic = await fx.programme('classic', 2, 'Classic');
  const xia = await fx.person('Xia', { level: 'executive', attributes: { gender: 'man' }, recordKey: mentorKeys[0]! });
  const xander = await fx.person('Xander', { level: 'executive', attributes: { gender: 'man' }, recordKey: mentorKeys[1]! });
  const yves = await fx.person('Yves', { level: 'senior', attributes: { gender: 'man' }, recordKey: mentorKeys[2]! });
  const women = await peopleWithKeys(fx, 'Woman', womenKeys, { level: 'mid', attributes: { gender: 'woman' } });
  const men = await peopleWithKeys(fx, 'Man', menKeys, { level: 'mid', attributes: { gender: 'man' } });
  const nonbinary = await peopleWithKeys(fx, 'Nonbinary', nonbinaryKeys, { level: 'mid', attributes: { gender: 'nonbinary' } });
  const undisclosed = await peopleWithKeys(fx, 'Quiet', undisclosedKeys, { level: 'mid' });

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

    // The shown counts: the true 12 women and 9 men, each with their group's persistent noise.
    const [nW, nM] = [shownCount(w), shownCount(m)];
    const top = nW / 400 > nM / 500 ? { n: nW, pop: 400 } : { n: nM, pop: 500 };
    const impact = (n: number, pop: number) => round((n * top.pop) / (top.n * pop));
    const adverse = (n: number, pop: number) => n * top.pop * 5 < top.n * pop * 4;
    expect(body).toMatchObject({ dimension: 'gender', role: 'mentee', suppressed: false, totalParticipants: 24, minGroupSize: 3 });
    expect(body.period).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(body.groups.map((g: any) => g.group)).toEqual(['man', 'nonbinary', 'woman', 'other', 'undisclosed']);
    expect(group(body, 'woman')).toEqual({
      group: 'woman',
      suppressed: false,
      participants: nW,
      share: round(nW / 24), // over the exact total
      population: 400,
      populationShare: 0.4348,
      representationIndex: round(nW / 24 / (400 / 920)),
      selectionRate: round(nW / 400),
      impactRatio: impact(nW, 400),
      adverseImpact: adverse(nW, 400),
      sessionsPerParticipant: shownPerParticipant(24, w, 'sessions', 2), // two sessions each
      seniorMinutesPerParticipant: shownPerParticipant(1440, w, 'seniorMinutes', 1), // two hours each with an executive
    });
    expect(group(body, 'man')).toEqual({
      group: 'man',
      suppressed: false,
      participants: nM, // 9 people shown as k + 5 or more
      share: round(nM / 24),
      population: 500,
      populationShare: 0.5435,
      representationIndex: round(nM / 24 / (500 / 920)),
      selectionRate: round(nM / 500),
      impactRatio: impact(nM, 500),
      adverseImpact: adverse(nM, 500),
      sessionsPerParticipant: shownPerParticipant(9, m, 'sessions', 2),
      seniorMinutesPerParticipant: shownPerParticipant(540, m, 'seniorMinutes', 1),
    });
    expect(Math.abs(nW - 12)).toBeLessThanOrEqual(maxNoise);
    expect(Math.abs(nM - 9)).toBeLessThanOrEqual(maxNoise);
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

  it('withholds an empty group of the catalogue like a small one, and `other` when every value is in the catalogue', async () => {
    const { fx } = await representationOrg();
    await fx.population('gender', { woman: 400, man: 500, nonbinary: 20, agender: 5 });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    // A zero would say who is not in the group; the baseline (5 of 925) is no secret.
    expect(group(body, 'agender')).toMatchObject({
      suppressed: true,
      participants: null,
      share: null,
      population: 5,
      populationShare: 0.0054,
      selectionRate: null,
      impactRatio: null,
      adverseImpact: null,
      sessionsPerParticipant: null,
    });
    expect(group(body, 'other')).toMatchObject({ suppressed: true, participants: null, population: null });
    // Empty groups hide nobody: complementary suppression takes no shown group for them.
    expect([group(body, 'woman').suppressed, group(body, 'man').suppressed]).toEqual([false, false]);
  });

  it('counts everyone in any role without a role filter: the total exact, the groups perturbed', async () => {
    const { fx, keys, mentors, men } = await representationOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    const allMen = keysOf(keys, [...mentors, ...men]);
    expect(body.totalParticipants).toBe(27);
    expect(group(body, 'man')).toMatchObject({
      suppressed: false,
      participants: shownCount(allMen),
      share: round(shownCount(allMen) / 27),
    });
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
    // The fixture's own writes (creating the coordinator, today: after Q1 but before its freezing) count too.
    const setup = await env.DB.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE org_id = ?1 AND at >= '2026-01-01' AND action IN (SELECT value FROM json_each(?2))`,
    )
      .bind(fx.org.id, JSON.stringify(populationShapingActions))
      .first<number>('n');
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
    expect(body.disclosure.populationChanges).toBe(setup! + 2);
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
    // Fixed keys: the 12 women and the 9 men (with the mentor) each show on their own, and the one
    // non-binary person is shown as 1, so only complementary suppression can take the men.
    const [mentorKey, ...menKeys] = groupKeys(9, 6, (keys) => shows(keys, 3));
    const mentor = await fx.person('Mentor', { attributes: { gender: 'man' }, recordKey: mentorKey! });
    const women = await peopleWithKeys(
      fx,
      'W',
      groupKeys(12, 7, (keys) => shows(keys, 3)),
      { attributes: { gender: 'woman' } },
    );
    const mentees = [
      ...women,
      ...(await peopleWithKeys(fx, 'M', menKeys, { attributes: { gender: 'man' } })),
      ...(await peopleWithKeys(
        fx,
        'N',
        groupKeys(1, 8, (keys) => shownCount(keys) === 1),
        { attributes: { gender: 'nonbinary' } },
      )),
    ];
    for (const m of mentees)
      await fx.engagement(p, [
        [mentor, 'mentor'],
        [m, 'mentee'],
      ]);
    await fx.population('gender', { woman: 50, man: 50, nonbinary: 5 });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    expect(body.totalParticipants).toBe(22);
    expect(group(body, 'nonbinary').suppressed).toBe(true);
    expect(group(body, 'man')).toMatchObject({ suppressed: true, participants: null }); // 9 (with the mentor): the next smallest
    expect(group(body, 'woman')).toMatchObject({ suppressed: false, participants: shownCount(keysOf(await fx.recordKeys(women), women)) });
  });

  it('two small groups cannot be recovered together from the total: cells go until the hidden ones hold k people', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    // Fixed keys: the 12 women and 9 men show on their own; the non-binary mentee and the one who did
    // not say are each shown as 1, 2 < k together, so the next smallest (the men) must go.
    const alone = (seed: number) => groupKeys(1, seed, (keys) => shownCount(keys) === 1);
    const mentors = await fx.people(3, 'Mentor', { attributes: { gender: 'woman' } });
    const women = await peopleWithKeys(
      fx,
      'W',
      groupKeys(12, 9, (keys) => shows(keys, 3)),
      { attributes: { gender: 'woman' } },
    );
    const mentees = [
      ...women,
      ...(await peopleWithKeys(
        fx,
        'M',
        groupKeys(9, 10, (keys) => shows(keys, 3)),
        { attributes: { gender: 'man' } },
      )),
      ...(await peopleWithKeys(fx, 'N', alone(11), { attributes: { gender: 'nonbinary' } })),
      ...(await peopleWithKeys(fx, 'Q', alone(12))),
    ];
    for (const [i, m] of mentees.entries())
      await fx.engagement(p, [
        [mentors[i % 3]!, 'mentor'],
        [m, 'mentee'],
      ]);
    await fx.population('gender', { woman: 50, man: 50, nonbinary: 5 });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    // Total 23 − women 12 − men 9 would be the non-binary mentee and the one who did not say, together.
    expect(body.totalParticipants).toBe(23);
    expect(group(body, 'nonbinary').suppressed).toBe(true);
    expect(group(body, 'undisclosed').suppressed).toBe(true);
    expect(group(body, 'man')).toMatchObject({ suppressed: true, participants: null });
    expect(group(body, 'woman')).toMatchObject({ suppressed: false, participants: shownCount(keysOf(await fx.recordKeys(women), women)) });
  });

  it('a breakdown where fewer than k people fall outside the largest group is withheld whole', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    // Dominance reads the shown counts: fixed keys show the six women as 1 or more and the man as
    // fewer than k (his own key's noise at most +1).
    const mentor = await fx.person('Only mentor', {
      attributes: { gender: 'man' },
      recordKey: groupKeys(1, 13, (keys) => shownCount(keys) < 3)[0]!,
    });
    for (const m of await peopleWithKeys(
      fx,
      'W',
      groupKeys(6, 14, (keys) => shownCount(keys) > 0),
      { attributes: { gender: 'woman' } },
    ))
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
