import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';

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
  return { fx, classic };
}

const group = (body: any, name: string) => body.groups.find((g: any) => g.group === name);

describe('GET /v1/analytics/representation', () => {
  it('gives each group its share against the population, selection rate, impact ratio and access', async () => {
    const { fx } = await representationOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    expect(body).toMatchObject({ dimension: 'gender', role: 'mentee', suppressed: false, totalParticipants: 10, minGroupSize: 3 });
    expect(body.groups.map((g: any) => g.group)).toEqual(['man', 'nonbinary', 'woman', 'undisclosed']);
    expect(group(body, 'woman')).toEqual({
      group: 'woman',
      suppressed: false,
      participants: 4,
      share: 0.4,
      population: 400,
      populationShare: 0.4348,
      representationIndex: 0.92, // 0.4 / (400 / 920)
      selectionRate: 0.01,
      impactRatio: 1,
      adverseImpact: false,
      sessionsPerParticipant: 2,
      seniorMinutesPerParticipant: 120, // two hours each with an executive
    });
    expect(group(body, 'man')).toEqual({
      group: 'man',
      suppressed: false,
      participants: 3, // exactly k: shown
      share: 0.3,
      population: 500,
      populationShare: 0.5435,
      representationIndex: 0.552,
      selectionRate: 0.006,
      impactRatio: 0.6, // 0.006 / 0.01
      adverseImpact: true, // below four fifths
      sessionsPerParticipant: 1,
      seniorMinutesPerParticipant: 60,
    });
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

  it('shows an empty baseline group as zero, not suppressed', async () => {
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
  });

  it('counts everyone in any role without a role filter', async () => {
    const { fx } = await representationOrg();

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    expect(body.totalParticipants).toBe(13);
    expect(group(body, 'man')).toMatchObject({ participants: 6, share: 0.4615 });
  });

  it('exports CSV with suppressed cells marked', async () => {
    const { fx } = await representationOrg();

    const res = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}&format=csv`);

    expect(res.body.split('\r\n')).toEqual([
      'group,participants,share,population,populationShare,representationIndex,selectionRate,impactRatio,adverseImpact,sessionsPerParticipant,seniorMinutesPerParticipant',
      'man,3,0.3,500,0.5435,0.552,0.006,0.6,true,1,60',
      'nonbinary,suppressed,suppressed,20,0.0217,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed',
      'woman,4,0.4,400,0.4348,0.92,0.01,1,false,2,120',
      'undisclosed,suppressed,suppressed,,,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed',
      '',
    ]);
  });
});

describe('representation privacy attacks', () => {
  it('a lone small group cannot be recovered from the total: the next smallest goes too', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentor = await fx.person('Mentor', { attributes: { gender: 'man' } });
    const mentees = [
      ...(await fx.people(5, 'W', { attributes: { gender: 'woman' } })),
      ...(await fx.people(3, 'M', { attributes: { gender: 'man' } })),
      ...(await fx.people(1, 'N', { attributes: { gender: 'nonbinary' } })),
    ];
    for (const m of mentees)
      await fx.engagement(p, [
        [mentor, 'mentor'],
        [m, 'mentee'],
      ]);

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`);

    expect(body.totalParticipants).toBe(10);
    expect(group(body, 'nonbinary').suppressed).toBe(true);
    expect(group(body, 'man')).toMatchObject({ suppressed: true, participants: null }); // 4 (with the mentor): the next smallest
    expect(group(body, 'woman')).toMatchObject({ suppressed: false, participants: 5 });
  });

  it('two small groups cannot be recovered together from the total: cells go until the hidden ones hold k people', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentors = await fx.people(3, 'Mentor', { attributes: { gender: 'woman' } }); // 3 more women in all roles: no small remainder
    const mentees = [
      ...(await fx.people(4, 'W', { attributes: { gender: 'woman' } })),
      ...(await fx.people(3, 'M', { attributes: { gender: 'man' } })),
      ...(await fx.people(1, 'N', { attributes: { gender: 'nonbinary' } })),
      ...(await fx.people(1, 'Q')),
    ];
    for (const [i, m] of mentees.entries())
      await fx.engagement(p, [
        [mentors[i % 3]!, 'mentor'],
        [m, 'mentee'],
      ]);

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    // Total 9 − women 4 − men 3 would be the non-binary mentee and the one who did not say, together.
    expect(body.totalParticipants).toBe(9);
    expect(group(body, 'nonbinary').suppressed).toBe(true);
    expect(group(body, 'undisclosed').suppressed).toBe(true);
    expect(group(body, 'man')).toMatchObject({ suppressed: true, participants: null });
    expect(group(body, 'woman')).toMatchObject({ suppressed: false, participants: 4 });
  });

  it('two overlapping role filters cannot isolate the one woman who mentors', async () => {
    const { fx, classic } = await representationOrg();
    const zoe = await fx.person('Zoe', { level: 'senior', attributes: { gender: 'woman' } });
    const extra = await fx.people(3, 'Extra', { attributes: { gender: 'man' } });
    for (const m of extra)
      await fx.engagement(classic, [
        [zoe, 'mentor'],
        [m, 'mentee'],
      ]);

    const everyone = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&${period}`)).body;
    const mentees = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`)).body;

    // All roles: 5 women. Mentees only: 4 women. The difference would be Zoe; so one side withholds it.
    expect(group(everyone, 'woman').participants).toBe(5);
    expect(group(mentees, 'woman')).toMatchObject({ suppressed: true, participants: null });
  });

  it('a programme filter that leaves out one person of a group withholds that group', async () => {
    const { fx, classic } = await representationOrg();
    const other = await fx.programme('reverse', 2, 'Other');
    const mentor = await fx.person('Otto', { attributes: { gender: 'man' } });
    const lone = await fx.person('Lone', { attributes: { gender: 'woman' } });
    await fx.engagement(other, [
      [mentor, 'mentor'],
      [lone, 'mentee'],
    ]);

    const whole = (await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`)).body;
    const filtered = (
      await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&programmeId=${classic}&${period}`)
    ).body;

    expect(group(whole, 'woman').participants).toBe(5);
    expect(group(filtered, 'woman')).toMatchObject({ suppressed: true, participants: null });
  });

  it('a role filter that leaves out 1 to k−1 people in all withholds the whole result', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentor = await fx.person('Only mentor', { attributes: { gender: 'man' } });
    for (const m of await fx.people(6, 'W', { attributes: { gender: 'woman' } }))
      await fx.engagement(p, [
        [mentor, 'mentor'],
        [m, 'mentee'],
      ]);

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    expect(body).toMatchObject({ suppressed: true, totalParticipants: null }); // all roles 7, mentees 6: the one mentor
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

  it('a period filter that leaves out 1 to k−1 people of a group withholds that group', async () => {
    const { fx, classic } = await representationOrg();
    const mentor = await fx.person('Past mentor', { attributes: { gender: 'man' } });
    const past = await fx.person('Past', { attributes: { gender: 'woman' } });
    await fx.engagement(
      classic,
      [
        [mentor, 'mentor'],
        [past, 'mentee'],
      ],
      { startsOn: '2025-01-01', endsOn: '2025-06-30' },
    );

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=gender&role=mentee&${period}`);

    expect(group(body, 'woman')).toMatchObject({ suppressed: true }); // all time: 5 women; this quarter: 4
  });
});
