import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKeyOf, maxNoise, perturb } from '../../shared/rules';
import { consistentGroups, type Seen } from './adversary';
import { analyticsOrg } from './analytics-fixture';

/**
 * The disclosure model as properties: small organisations, generated; a curious coordinator who
 * mixes representation requests (any programme, role and period inside a released quarter) with
 * population changes through the API (pausing and restoring pairings, padding with people of chosen
 * genders, setting attributes); and after every step, the threat model's promises:
 *
 * - a released quarter never moves, whatever was changed after it was first read;
 * - every group is listed, present or not, in one order;
 * - a shown count rests on k people and is the documented perturbation of the truth at freezing;
 * - the coordinator — who knows everyone's gender but the target's, every scope's members, and
 *   everything seen — is left with more than one possible gender for every person.
 *
 * Seeds are fixed (fast-check's and the record keys'), so a failure replays exactly.
 */
const k = 3;
const catalogue = ['man', 'non_binary', 'woman'];
const groups = [...catalogue, 'other', 'undisclosed'];
const genders = [...catalogue, 'agender', null] as const;
type Gender = (typeof genders)[number];
const groupOf = (g: Gender) => (g === null ? 'undisclosed' : catalogue.includes(g) ? g : 'other');
const quarter = { from: '2026-07-01', to: '2026-09-30' };
/** Shown groups over every run: the properties must have been tested on shown figures, not only on withheld ones. */
let shownGroups = 0;

interface Plan {
  people: Gender[];
  keys: number[];
  /** [mentor, mentee, programme 0 | 1] by index into people. */
  pairings: [number, number, 0 | 1][];
  steps: Step[];
}
type Step =
  | { kind: 'ask'; programme: 0 | 1 | null; role: 'mentor' | 'mentee' | null; fromShift: number; toShift: number }
  | { kind: 'pause' | 'restore'; pairing: number }
  | { kind: 'pad'; gender: Gender; withPerson: number; programme: 0 | 1 }
  | { kind: 'relabel'; person: number; gender: Gender };

/** Most people in the two large groups, so that some groups clear the floor and its margin. */
const gender = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Gender>('woman') },
  { weight: 5, arbitrary: fc.constant<Gender>('man') },
  { weight: 1, arbitrary: fc.constantFrom<Gender>('non_binary', 'agender', null) },
);

const plan: fc.Arbitrary<Plan> = fc.integer({ min: 24, max: 40 }).chain((n) =>
  fc.record({
    people: fc.array(gender, { minLength: n, maxLength: n }),
    keys: fc.array(fc.integer({ min: 0, max: 65_535 }), { minLength: n + 12, maxLength: n + 12 }),
    pairings: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom<0 | 1>(0, 1)), { minLength: n, maxLength: 2 * n }),
    steps: fc.array(
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record({
            kind: fc.constant('ask' as const),
            programme: fc.constantFrom<0 | 1 | null>(0, 1, null),
            role: fc.constantFrom<'mentor' | 'mentee' | null>('mentor', 'mentee', null),
            fromShift: fc.integer({ min: 0, max: 2 }),
            toShift: fc.integer({ min: 0, max: 2 }),
          }),
        },
        { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('pause' as const, 'restore' as const), pairing: fc.nat(2 * n) }) },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('pad' as const),
            gender: fc.constantFrom(...genders),
            withPerson: fc.nat(n - 1),
            programme: fc.constantFrom<0 | 1>(0, 1),
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('relabel' as const), person: fc.nat(n - 1), gender: fc.constantFrom(...genders) }),
        },
      ),
      { minLength: 4, maxLength: 14 },
    ),
  }),
);

interface Membership {
  engagement: string;
  person: string;
  programme: 0 | 1;
  role: 'mentor' | 'mentee';
}

async function run(p: Plan) {
  const fx = await analyticsOrg({ minGroupSize: k });
  const programmes = [await fx.programme('classic', 1, 'North'), await fx.programme('classic', 1, 'South')] as const;
  const ids: string[] = [];
  const gender = new Map<string, Gender>();
  for (const [i, g] of p.people.entries()) {
    const id = await fx.person(`P${i}`, g === null ? {} : { attributes: { gender: g } });
    ids.push(id);
    gender.set(id, g);
  }
  const memberships: Membership[] = [];
  const engagements: { id: string; status: 'active' | 'paused' }[] = [];
  for (const [mentor, mentee, programme] of p.pairings) {
    if (mentor === mentee) continue;
    const id = await fx.engagement(
      programmes[programme],
      [
        [ids[mentor]!, 'mentor'],
        [ids[mentee]!, 'mentee'],
      ],
      { startsOn: '2026-07-06' },
    );
    engagements.push({ id, status: 'active' });
    memberships.push(
      { engagement: id, person: ids[mentor]!, programme, role: 'mentor' },
      { engagement: id, person: ids[mentee]!, programme, role: 'mentee' },
    );
  }
  await fx.population('gender', { man: 400, non_binary: 20, woman: 400 });
  // Record keys from the plan, so that the run replays exactly.
  const keyOf = new Map<string, number>();
  const setKey = async (id: string) => {
    const key = p.keys[keyOf.size % p.keys.length]!;
    keyOf.set(id, key);
    await env.DB.prepare(`UPDATE participants SET record_key = ?1 WHERE id = ?2`).bind(key, id).run();
  };
  for (const id of ids) await setKey(id);

  let frozen: { gender: Map<string, Gender>; memberships: Membership[] } | null = null;
  const firstAnswer = new Map<string, unknown>();
  const seen: Seen[] = [];

  for (const step of p.steps) {
    if (step.kind === 'ask') {
      const from = `2026-07-0${1 + step.fromShift}`;
      const to = `2026-09-${30 - step.toShift}`;
      const query = new URLSearchParams({ dimension: 'gender', from, to });
      if (step.programme !== null) query.set('programmeId', programmes[step.programme]);
      if (step.role) query.set('role', step.role);
      const { status, body } = await fx.coordinator.get(`/v1/analytics/representation?${query}`);
      expect(status).toBe(200);
      expect(body.period).toMatchObject(quarter);
      // Every group is listed, present or not, whatever the filters.
      expect([...body.groups.map((g: { group: string }) => g.group)].sort()).toEqual([...groups].sort());
      frozen ??= {
        gender: new Map(gender),
        memberships: memberships.filter((m) => engagements.find((e) => e.id === m.engagement)!.status === 'active'),
      };

      // A released quarter never moves: the same question, asked after any change, gets the same answer.
      const question = `${step.programme}/${step.role}`;
      const answer = { suppressed: body.suppressed, totalParticipants: body.totalParticipants, groups: body.groups };
      if (firstAnswer.has(question)) expect(answer).toEqual(firstAnswer.get(question));
      else firstAnswer.set(question, answer);

      // Shown counts rest on k people and are the documented perturbation of the truth at freezing.
      const scope = [
        ...new Set(
          frozen.memberships
            .filter((m) => (step.programme === null || m.programme === step.programme) && (!step.role || m.role === step.role))
            .map((m) => m.person),
        ),
      ];
      for (const shown of body.groups.filter((g: { suppressed: boolean }) => !g.suppressed)) {
        shownGroups++;
        const members = scope.filter((id) => groupOf(frozen!.gender.get(id)!) === shown.group);
        expect(members.length).toBeGreaterThanOrEqual(k);
        expect(Math.abs(shown.participants - members.length)).toBeLessThanOrEqual(maxNoise);
        expect(shown.participants).toBe(perturb(members.length, cellKeyOf(members.map((id) => keyOf.get(id)!))));
      }
      seen.push({ scope, withheld: body.suppressed, groups: body.groups });
    } else if (step.kind === 'pause' || step.kind === 'restore') {
      const e = engagements[step.pairing % Math.max(1, engagements.length)];
      if (!e) continue;
      const status = step.kind === 'pause' ? 'paused' : 'active';
      const res = await fx.coordinator.patch(`/v1/engagements/${e.id}`, { status });
      if (res.status === 200) e.status = status;
    } else if (step.kind === 'pad') {
      const made = await fx.coordinator.post('/v1/participants', {
        displayName: `Pad ${keyOf.size}`,
        email: `pad.${crypto.randomUUID()}@fx.example`,
        ...(step.gender === null ? {} : { attributes: { gender: step.gender } }),
      });
      expect(made.status).toBe(201);
      await setKey(made.body.id);
      gender.set(made.body.id, step.gender);
      const res = await fx.coordinator.post('/v1/engagements', {
        programmeId: programmes[step.programme],
        startsOn: '2026-07-06',
        members: [
          { participantId: ids[step.withPerson], role: 'mentor' },
          { participantId: made.body.id, role: 'mentee' },
        ],
      });
      if (res.status === 201) {
        engagements.push({ id: res.body.id, status: 'active' });
        memberships.push(
          { engagement: res.body.id, person: ids[step.withPerson]!, programme: step.programme, role: 'mentor' },
          { engagement: res.body.id, person: made.body.id, programme: step.programme, role: 'mentee' },
        );
      }
    } else if (step.kind === 'relabel') {
      const id = ids[step.person]!;
      const res = await fx.coordinator.patch(`/v1/participants/${id}`, { attributes: { gender: step.gender } });
      if (res.status === 200) gender.set(id, step.gender);
    }
  }

  // The coordinator's best inference, for every person any result counted.
  if (frozen) {
    const truth = new Map([...frozen.gender].map(([id, g]) => [id, groupOf(g)]));
    for (const target of new Set(seen.flatMap((s) => s.scope))) {
      const others = new Map([...truth].filter(([id]) => id !== target));
      expect(consistentGroups(target, others, groups, seen, k).length, `the group of ${target} is determined`).toBeGreaterThan(1);
    }
  }
}

describe('the disclosure model, against generated organisations and a curious coordinator', () => {
  it('never moves a released figure, lists every group, shows only perturbed counts of k or more, and determines no one', async () => {
    await fc.assert(fc.asyncProperty(plan, run), { numRuns: 12, seed: 20_261_207, endOnFailure: true });
    expect(shownGroups).toBeGreaterThan(20);
  });
});
