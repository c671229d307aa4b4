import { describe, expect, it } from 'vitest';
import { cellKeyOf, disclosure, isReleased, maxNoise, perturb, perturbSum, showable } from '../../shared/rules/disclosure';
import { dateOf, dayNumber, fiscalQuarterOf } from '../../worker/analytics/calendar';
import { analyticsOrg } from './analytics-fixture';
import { group, keysOf, shownCount } from './representation-expected';
import { addPerson } from './support';

/**
 * Issue 13: a curious coordinator attacks representation through the public API, combining requests
 * and writes, on hand-made organisations (k = 3). Each attack must fail. Figures come from released
 * fiscal quarters (here Q1 2026, long released by the server's clock), frozen on their first reading;
 * shown counts carry persistent cell-key noise (shared/rules/disclosure.ts).
 *
 * Where an attack would succeed only when the noise happens to be zero, the organisation's record
 * keys are fixed (the fixture's `recordKey`) so the test is deterministic — and the figure the API
 * gives is still asserted to be the documented rule, computed from those keys.
 */
const q1 = 'from=2026-01-01&to=2026-03-31';
const repr = (query: string) => `/v1/analytics/representation?dimension=gender&${query}`;

/** Fixed record keys, spread over the key space. */
const fixedKey = (i: number) => (i * 89 + 31) % disclosure.keySpace;

/** The first key for one person, in the whole key space, for which `holds` — the attacks below say what they need of it. */
function keyWhere(holds: (key: number) => boolean): number {
  for (let key = 0; key < disclosure.keySpace; key++) if (holds(key)) return key;
  throw new Error('no record key satisfies the condition');
}

describe('attack 1: overlapping filters', () => {
  /**
   * Zoe (a woman) mentors one pairing and is a mentee in another. With exact counts, women mentors +
   * women mentees − women in all roles = 1 would be Zoe, and the same for men = 0 would say she is
   * not a man.
   */
  it('role=mentor + role=mentee − all roles does not give the person in both roles, and is consistent with her being a man', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    let i = 0;
    const make = async (n: number, prefix: string, gender: string) => {
      const ids: string[] = [];
      for (let j = 0; j < n; j++) ids.push(await fx.person(`${prefix} ${j}`, { attributes: { gender }, recordKey: fixedKey(i++) }));
      return ids;
    };
    // Groups of ten and more, so that every cell clears the floor of k and its margin (k + 5).
    const menMentors = await make(10, 'XM', 'man');
    const womenMentors = await make(10, 'XW', 'woman');
    const women = await make(12, 'W', 'woman');
    const men = await make(12, 'M', 'man');
    const keys = await fx.recordKeys([...menMentors, ...womenMentors, ...women, ...men]);
    const of = (ids: string[]) => keysOf(keys, ids);

    // Zoe's key: one for which the attack's arithmetic is not her group's (1 woman, 0 men).
    const shown = (others: number[], zoe: number | null) =>
      perturb(others.length + (zoe === null ? 0 : 1), cellKeyOf([...others, ...(zoe === null ? [] : [zoe])]));
    const attack = (zoe: number) => ({
      woman: shown(of(womenMentors), zoe) + shown(of(women), zoe) - shown(of([...womenMentors, ...women]), zoe),
      man: shown(of(menMentors), null) + shown(of(men), null) - shown(of([...menMentors, ...men]), null),
    });
    // (and within the noise of the figures were she a man: a woman's cell shown at truth + 2 is not)
    const zoeCells = [womenMentors, women, [...womenMentors, ...women]];
    const zoeKey = keyWhere(
      (key) =>
        attack(key).woman !== 1 &&
        zoeCells.every((c) => Math.abs(shown(of(c), key) - c.length) <= 2 && showable(c.length + 1, shown(of(c), key), 3)),
    );
    const zoe = await fx.person('Zoe', { attributes: { gender: 'woman' }, recordKey: zoeKey });

    for (const [j, w] of women.entries())
      await fx.engagement(p, [
        [womenMentors[j % womenMentors.length]!, 'mentor'],
        [w, 'mentee'],
      ]);
    for (const [j, m] of men.entries())
      await fx.engagement(p, [
        [menMentors[j % menMentors.length]!, 'mentor'],
        [m, 'mentee'],
      ]);
    await fx.engagement(p, [
      [menMentors[0]!, 'mentor'],
      [zoe, 'mentee'],
    ]);
    await fx.engagement(p, [
      [zoe, 'mentor'],
      [men[0]!, 'mentee'],
    ]);
    await fx.population('gender', { woman: 100, man: 100 });

    const [mentors, mentees, all] = await Promise.all(
      [`role=mentor&${q1}`, `role=mentee&${q1}`, q1].map(async (q) => (await fx.coordinator.get(repr(q))).body),
    );

    // What the API shows is the documented rule on the true counts: mentors 11 women (Zoe) and 10 men,
    // mentees 13 women (Zoe) and 12 men, all roles 23 women and 22 men.
    const expected = {
      mentors: { woman: shown(of(womenMentors), zoeKey), man: shown(of(menMentors), null) },
      mentees: { woman: shown(of(women), zoeKey), man: shown(of(men), null) },
      all: { woman: shown(of([...womenMentors, ...women]), zoeKey), man: shown(of([...menMentors, ...men]), null) },
    };
    for (const [name, body] of [
      ['mentors', mentors],
      ['mentees', mentees],
      ['all', all],
    ] as const) {
      expect(body.suppressed).toBe(false);
      expect(group(body, 'woman').participants).toBe(expected[name].woman);
      expect(group(body, 'man').participants).toBe(expected[name].man);
    }
    expect([mentors.totalParticipants, mentees.totalParticipants, all.totalParticipants]).toEqual([21, 25, 45]); // exact: activity

    // The attack: its answer for women is not Zoe's 1 …
    const recovered = (g: string) => group(mentors, g).participants + group(mentees, g).participants - group(all, g).participants;
    expect(recovered('woman')).not.toBe(1);
    // … and every figure is as consistent with Zoe being a man (one man more, one woman fewer each)
    // as with the truth: each shown count lies within the noise table's reach of both.
    const ifZoeWereAMan = { mentors: { woman: 10, man: 11 }, mentees: { woman: 12, man: 13 }, all: { woman: 22, man: 23 } };
    for (const [name, body] of [
      ['mentors', mentors],
      ['mentees', mentees],
      ['all', all],
    ] as const)
      for (const g of ['woman', 'man'] as const)
        expect(Math.abs(group(body, g).participants - ifZoeWereAMan[name][g])).toBeLessThanOrEqual(maxNoise);
  });

  it('two programme filters sharing one person do not give that person either', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const [a, b] = [await fx.programme('classic', 2, 'A'), await fx.programme('reverse', 2, 'B')];
    let i = 100;
    const make = async (n: number, prefix: string, gender: string) => {
      const ids: string[] = [];
      for (let j = 0; j < n; j++) ids.push(await fx.person(`${prefix} ${j}`, { attributes: { gender }, recordKey: fixedKey(i++) }));
      return ids;
    };
    // A: 10 men mentor 10 women and Pat. B: Pat mentors 10 men, and 10 men mentor 10 women. Groups of
    // ten and more, so that every cell clears the floor of k and its margin (k + 5).
    const aMentors = await make(10, 'AM', 'man');
    const aMentees = await make(10, 'AW', 'woman');
    const bMentor = await make(10, 'BM', 'man');
    const bMen = await make(10, 'BMen', 'man');
    const bWomen = await make(10, 'BW', 'woman');
    const keys = await fx.recordKeys([...aMentors, ...aMentees, ...bMentor, ...bMen, ...bWomen]);
    const of = (ids: string[]) => keysOf(keys, ids);
    const shownWith = (others: string[], pat: number) => perturb(others.length + 1, cellKeyOf([...of(others), pat]));
    // Pat's key: one for which the attack's arithmetic is not 1, and each figure is within the noise
    // of what it would be if Pat were a man (as it is for about nine keys in ten: noise +2 is not).
    const cells = [aMentees, bWomen, [...aMentees, ...bWomen]];
    const patKey = keyWhere(
      (key) =>
        shownWith(cells[0]!, key) + shownWith(cells[1]!, key) - shownWith(cells[2]!, key) !== 1 &&
        cells.every((c) => Math.abs(shownWith(c, key) - c.length) <= 2 && showable(c.length + 1, shownWith(c, key), 3)),
    );
    const pat = await fx.person('Pat', { attributes: { gender: 'woman' }, recordKey: patKey });

    for (const [j, w] of [...aMentees, pat].entries())
      await fx.engagement(a, [
        [aMentors[j % aMentors.length]!, 'mentor'],
        [w, 'mentee'],
      ]);
    for (const m of bMen)
      await fx.engagement(b, [
        [pat, 'mentor'],
        [m, 'mentee'],
      ]);
    for (const [j, w] of bWomen.entries())
      await fx.engagement(b, [
        [bMentor[j % bMentor.length]!, 'mentor'],
        [w, 'mentee'],
      ]);
    await fx.population('gender', { woman: 100, man: 100 });

    const [inA, inB, all] = await Promise.all(
      [`programmeId=${a}&${q1}`, `programmeId=${b}&${q1}`, q1].map(async (q) => (await fx.coordinator.get(repr(q))).body),
    );

    expect(group(inA, 'woman').participants).toBe(shownWith(aMentees, patKey)); // 11 women
    expect(group(inB, 'woman').participants).toBe(shownWith(bWomen, patKey)); // 11 women
    expect(group(all, 'woman').participants).toBe(shownWith([...aMentees, ...bWomen], patKey)); // 21 women
    const recovered = group(inA, 'woman').participants + group(inB, 'woman').participants - group(all, 'woman').participants;
    expect(recovered).not.toBe(1);
    // As consistent with Pat being a man: 10, 10 and 20 women would each be within the noise too.
    expect(Math.abs(group(inA, 'woman').participants - 10)).toBeLessThanOrEqual(maxNoise);
    expect(Math.abs(group(inB, 'woman').participants - 10)).toBeLessThanOrEqual(maxNoise);
    expect(Math.abs(group(all, 'woman').participants - 20)).toBeLessThanOrEqual(maxNoise);
  });
});

/** An organisation of 4 women and 4 men mentored by 3 people who did not say, in Q1 2026. */
async function plainOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3 });
  const p = await fx.programme('classic');
  const mentors = await fx.people(3, 'Mentor');
  // Fixed record keys, so the noise — and so whether the mentees' answer clears dominance — is the
  // same on every run; the attacks below then compare answers, never draw their luck.
  const keyed = (prefix: string, gender: string, keys: number[]) =>
    Promise.all(keys.map((recordKey, i) => fx.person(`${prefix}${i + 1}`, { attributes: { gender }, recordKey })));
  const women = await keyed('W', 'woman', [4101, 17203, 30307, 52411]);
  const men = await keyed('M', 'man', [9103, 23209, 41317, 61429]);
  const engagements: string[] = [];
  for (const [j, m] of [...women, ...men].entries())
    engagements.push(
      await fx.engagement(p, [
        [mentors[j % 3]!, 'mentor'],
        [m, 'mentee'],
      ]),
    );
  await fx.population('gender', { woman: 100, man: 100 });
  return { fx, p, mentors, women, men, engagements };
}

describe('attack 2: a one-day shift', () => {
  it('moving `to` or `from` by a day gives the identical answer or another quarter, never one person more', async () => {
    const { fx, p } = await plainOrg();
    // Two women whose pairing starts on the quarter's last day, and one whose starts the day after.
    const late = await fx.people(2, 'Late', { attributes: { gender: 'woman' } });
    const mentor = await fx.person('Late mentor');
    for (const w of late)
      await fx.engagement(
        p,
        [
          [mentor, 'mentor'],
          [w, 'mentee'],
        ],
        { startsOn: '2026-03-31' },
      );
    const next = await fx.person('Next', { attributes: { gender: 'woman' } });
    await fx.engagement(
      p,
      [
        [mentor, 'mentor'],
        [next, 'mentee'],
      ],
      { startsOn: '2026-04-01' },
    );

    const answers = await Promise.all(
      [
        'from=2026-01-01&to=2026-03-30',
        'from=2026-01-01&to=2026-03-31',
        'from=2026-01-02&to=2026-03-31',
        'from=2025-12-31&to=2026-03-31',
        'to=2026-03-31',
      ].map(async (q) => (await fx.coordinator.get(repr(`${q}&asOf=2026-06-01`))).body),
    );
    const shifted = (await fx.coordinator.get(repr('from=2026-01-01&to=2026-04-01&asOf=2026-06-01'))).body;

    for (const a of answers) expect(a).toEqual(answers[0]); // the same quarter, the same people: the same figures
    expect(answers[0].period).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(answers[0].totalParticipants).toBe(4 + 4 + 3 + 2 + 1); // the late starters count for the whole quarter
    expect(shifted.period).toMatchObject({ from: '2026-04-01', to: '2026-06-30' }); // another quarter, said so
  });

  it('a quarter not yet released is withheld whole and says when it will be; without dates, the latest released quarter', async () => {
    const { fx } = await plainOrg();
    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const current = fiscalQuarterOf(today, 1);

    const pending = (await fx.coordinator.get(repr(`to=${current.to}&asOf=${current.to}`))).body;
    const latest = (await fx.coordinator.get(repr(''))).body;

    expect(pending).toMatchObject({ suppressed: true, totalParticipants: null, period: { from: current.from, to: current.to } });
    expect(pending.groups.every((g: any) => g.suppressed && g.participants === null)).toBe(true);
    expect(pending.disclosure).toEqual({
      released: [],
      pending: [
        {
          period: current.from,
          from: current.from,
          to: current.to,
          releasesOn: dateOf(dayNumber(current.to) + 1 + disclosure.quarterLagDays),
        },
      ],
      populationChanges: 0,
    });
    // The latest released quarter: released by now, and the one after it is not.
    expect(isReleased(latest.period.to, disclosure.quarterLagDays, now)).toBe(true);
    const after = fiscalQuarterOf(dateOf(dayNumber(latest.period.to) + 1), 1);
    expect(isReleased(after.to, disclosure.quarterLagDays, now)).toBe(false);
    expect(latest.disclosure.released).toHaveLength(1);
  });
});

describe('attack 3: group names', () => {
  it('a value one person holds never appears; `other` and `undisclosed` are listed for every role and filter', async () => {
    const { fx, p, mentors } = await plainOrg();
    const lone = await fx.person('Lone', { attributes: { gender: 'martian' } });
    await fx.engagement(p, [
      [mentors[0]!, 'mentor'],
      [lone, 'mentee'],
    ]);
    const other = await fx.programme('reverse', 2, 'Empty');

    const bodies = await Promise.all(
      ['', 'role=mentor&', 'role=mentee&', `programmeId=${p}&`, `programmeId=${other}&`, 'role=executive&'].map(
        async (f) => (await fx.coordinator.get(repr(`${f}${q1}`))).body,
      ),
    );
    const csv = (await fx.coordinator.get(repr(`${q1}&format=csv`))).body;

    for (const b of bodies) expect(b.groups.map((g: any) => g.group)).toEqual(['man', 'woman', 'other', 'undisclosed']);
    for (const b of bodies) expect(JSON.stringify(b)).not.toContain('martian');
    expect(csv).not.toContain('martian');
    expect(group(bodies[0], 'other')).toMatchObject({ suppressed: true, participants: null }); // one person: under k
  });

  it('a dimension without a baseline lists only `other` and `undisclosed`, whoever holds what', async () => {
    const { fx, women } = await plainOrg();
    await fx.coordinator.patch(`/v1/participants/${women[0]}`, { attributes: { age_band: '30-39' } });

    const { body } = await fx.coordinator.get(`/v1/analytics/representation?dimension=age_band&${q1}`);

    expect(body.groups.map((g: any) => g.group)).toEqual(['other', 'undisclosed']);
    expect(JSON.stringify(body)).not.toContain('30-39');
  });
});

describe('attack 4: unanimity', () => {
  it('when everyone is in one group, or fewer than k are outside it, the breakdown is withheld', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentors = await fx.people(3, 'Mentor', { attributes: { gender: 'woman' } });
    const women = await fx.people(8, 'W', { attributes: { gender: 'woman' } });
    for (const [j, w] of women.entries())
      await fx.engagement(p, [
        [mentors[j % 3]!, 'mentor'],
        [w, 'mentee'],
      ]);
    // Dominance reads the shown counts: the two men's keys are fixed so that their cell shows 2 or
    // fewer (noise +1 would make it 3, and the breakdown would then rightly show).
    const secondKey = keyWhere((key) => perturb(2, cellKeyOf([0, key])) <= 2);
    const men = [
      await fx.person('M 0', { attributes: { gender: 'man' }, recordKey: 0 }),
      await fx.person('M 1', { attributes: { gender: 'man' }, recordKey: secondKey }),
    ];
    for (const m of men)
      await fx.engagement(p, [
        [m, 'mentor'],
        [women[0]!, 'mentee'],
      ]);
    await fx.population('gender', { woman: 100, man: 100 });

    const mentees = (await fx.coordinator.get(repr(`role=mentee&${q1}`))).body; // 8 women, nobody else
    const everyone = (await fx.coordinator.get(repr(q1))).body; // 11 women and 2 men: 2 < k outside the largest

    for (const b of [mentees, everyone]) {
      expect(b).toMatchObject({ suppressed: true, totalParticipants: null });
      expect(b.groups.every((g: any) => g.suppressed && g.participants === null && g.share === null)).toBe(true);
    }
  });
});

describe('attack 5: access figures against the per-engagement rows', () => {
  it('"n men at exactly 1.0 session each" is not released exactly', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentors = await fx.people(3, 'Mentor', { recordKey: 7 });
    // Twelve women and twelve men, so that both groups clear the floor of k and its margin (k + 5);
    // the women's shared key is the first with which they do.
    const womenKey = keyWhere((key) => showable(12, perturb(12, cellKeyOf(Array(12).fill(key))), 3));
    const women = await fx.people(12, 'W', { attributes: { gender: 'woman' }, recordKey: womenKey });
    const men = await fx.people(11, 'M', { attributes: { gender: 'man' }, recordKey: 40 });
    // The last man's key: one with which the men show, and not as "12 men, 1.0 session each".
    const menKeys = (last: number) => [...Array(11).fill(40), last];
    const lastKey = keyWhere((key) => {
      const n = perturb(12, cellKeyOf(menKeys(key)));
      return showable(12, n, 3) && (n !== 12 || perturbSum(12, 12, cellKeyOf(menKeys(key)), 1) / n !== 1);
    });
    men.push(await fx.person('M last', { attributes: { gender: 'man' }, recordKey: lastKey }));
    for (const [j, w] of women.entries()) {
      const e = await fx.engagement(p, [
        [mentors[j % 3]!, 'mentor'],
        [w, 'mentee'],
      ]);
      await fx.session(e, '2026-02-10T10:00:00Z');
      await fx.session(e, '2026-03-10T10:00:00Z');
    }
    const rows: string[] = [];
    for (const [j, m] of men.entries()) {
      const e = await fx.engagement(p, [
        [mentors[j % 3]!, 'mentor'],
        [m, 'mentee'],
      ]);
      rows.push(e);
      await fx.session(e, '2026-02-11T10:00:00Z');
    }
    await fx.population('gender', { woman: 100, man: 100 });

    const { body } = await fx.coordinator.get(repr(`role=mentee&${q1}`));
    const engagement = (await fx.coordinator.get(`/v1/analytics/engagement?${q1}&asOf=2026-04-10`)).body;

    // The engagement rows list the pairings with exactly one session (activity, exact) …
    expect(engagement.engagements.filter((e: any) => e.sessionsHeld === 1)).toHaveLength(12);
    // … but representation does not say "12 men at 1.0 session each": its figures carry the men's noise.
    const key = cellKeyOf(menKeys(lastKey));
    const n = perturb(12, key);
    expect(group(body, 'man')).toMatchObject({
      participants: n,
      sessionsPerParticipant: Math.round((perturbSum(12, 12, key, 1) / n) * 100) / 100,
    });
    expect([group(body, 'man').participants, group(body, 'man').sessionsPerParticipant]).not.toEqual([12, 1]);
  });
});

describe('attack 6: changing the population and asking again', () => {
  it('pausing, closing or re-membering engagements, or setting attributes, then restoring, never moves a released quarter', async () => {
    const { fx, women, men, mentors, engagements } = await plainOrg();
    const queries = [q1, `role=mentee&${q1}`, `role=mentor&${q1}`];
    const ask = () => Promise.all(queries.map(async (q) => (await fx.coordinator.get(repr(q))).body));
    const first = await ask();
    expect(first[1]).toMatchObject({ suppressed: false, totalParticipants: 8 });
    const patch = async (id: string, body: Record<string, unknown>) => {
      const res = await fx.coordinator.patch(`/v1/engagements/${id}`, body);
      expect(res.status).toBe(200);
    };

    await patch(engagements[0]!, { status: 'paused' }); // a woman's pairing
    const paused = await ask();
    await patch(engagements[1]!, { status: 'closed' });
    const closed = await ask();
    await patch(engagements[4]!, {
      members: [
        { participantId: mentors[0], role: 'mentor' },
        { participantId: women[0], role: 'mentee' },
      ],
    }); // a man swapped for a woman
    const remembered = await ask();
    await fx.coordinator.patch(`/v1/participants/${men[1]}`, { attributes: { gender: 'woman' } });
    const relabelled = await ask();
    await patch(engagements[0]!, { status: 'active' });
    await patch(engagements[1]!, { status: 'active' });
    await patch(engagements[4]!, {
      members: [
        { participantId: mentors[1], role: 'mentor' },
        { participantId: men[0], role: 'mentee' },
      ],
    });
    const restored = await ask();

    for (const later of [paused, closed, remembered, relabelled, restored]) expect(later).toEqual(first);
  });
});

describe('attack 7: padding', () => {
  it('people created around one real person before the release leave the figure perturbed; created after it, they change nothing', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3 });
    const p = await fx.programme('classic');
    const mentors = await fx.people(3, 'Mentor', { attributes: { gender: 'man' } });
    const women = await fx.people(4, 'W', { attributes: { gender: 'woman' } });
    const real = await fx.person('Real', { attributes: { gender: 'nonbinary' } });
    for (const [j, m] of [...women, real].entries())
      await fx.engagement(p, [
        [mentors[j % 3]!, 'mentor'],
        [m, 'mentee'],
      ]);
    await fx.population('gender', { woman: 100, man: 100, nonbinary: 10 });
    // Two made-up people with the attribute, in pairings over Q1, before its first reading.
    const fakes = [];
    for (const name of ['Fake A', 'Fake B']) {
      const made = await addPerson(fx.coordinator, name, { attributes: { gender: 'nonbinary' } });
      fakes.push(made.id);
      const res = await fx.coordinator.post('/v1/engagements', {
        programmeId: p,
        members: [
          { participantId: mentors[0], role: 'mentor' },
          { participantId: made.id, role: 'mentee' },
        ],
        startsOn: '2026-01-05',
      });
      expect(res.status).toBe(201);
    }

    const padded = (await fx.coordinator.get(repr(`role=mentee&${q1}`))).body;

    // The cell holds the real person and the two fakes — exactly k, the padding attack's aim. Under the
    // floor alone it would show exactly because the real person is in it; here it shows only if its
    // perturbed count, with the noise of all three keys (keys the coordinator never sees: no route
    // returns one), clears k + 5 — and then with that noise.
    const keys = await fx.recordKeys([real, ...fakes]);
    const n = shownCount(keysOf(keys, [real, ...fakes]));
    expect(group(padded, 'nonbinary')).toMatchObject(
      !padded.suppressed && showable(3, n, 3) ? { suppressed: false, participants: n } : { suppressed: true, participants: null },
    );
    expect(JSON.stringify(await fx.coordinator.get(`/v1/participants/${fakes[0]}`))).not.toContain('record');

    // Padding after the freezing changes nothing at all.
    for (const name of ['Fake C', 'Fake D', 'Fake E']) {
      const made = await addPerson(fx.coordinator, name, { attributes: { gender: 'woman' } });
      await fx.coordinator.post('/v1/engagements', {
        programmeId: p,
        members: [
          { participantId: mentors[1], role: 'mentor' },
          { participantId: made.id, role: 'mentee' },
        ],
        startsOn: '2026-01-05',
      });
    }
    const after = (await fx.coordinator.get(repr(`role=mentee&${q1}`))).body;
    expect(after).toEqual(padded);
  });
});

describe('quarters at the edge of the accepted years', () => {
  it('a quarter reaching before 2000 or after 2100 is cut to the accepted years', async () => {
    const fx = await analyticsOrg({ minGroupSize: 3, fiscalYearStartMonth: 2 });

    const first = await fx.coordinator.get(repr('from=2000-01-01&to=2000-01-15'));
    const last = await fx.coordinator.get(repr('from=2100-11-01&to=2100-12-31&asOf=2100-12-31'));

    expect([first.status, last.status]).toEqual([200, 200]);
    expect(first.body.period).toMatchObject({ from: '2000-01-01', to: '2000-01-31' }); // Nov 1999 … Jan 2000, cut
    expect(last.body.period).toMatchObject({ from: '2100-11-01', to: '2100-12-31' }); // Nov 2100 … Jan 2101, cut
    expect(last.body.disclosure.pending).toHaveLength(1);
  });
});
