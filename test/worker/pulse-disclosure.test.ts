import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellKeyOf, disclosure, maxNoise, perturbDistribution } from '../../shared';
import { addEngagement, addPerson, addProgramme, as, createOrg, sessionBody, tokenFor, uuid, type Client } from './support';
import { answersOf, expectedRate, expectedSlice, releasedCell } from './pulse-expected';

/**
 * The pulse under the disclosure model (shared/rules/disclosure.ts), attacked through the public API
 * as a curious coordinator would (issue 13, classes 4, 7, 8, 9 and 10). Each attack must fail.
 *
 * Organisations are made through the API, so every person's record key is drawn by the Worker.
 * Answers are only taken in a session's pulse window, so the tests move the clock shared by the test
 * and the Worker (`vi.setSystemTime`) back to March 2026 to hold sessions and answer them, and to
 * late April 2026 when March is released (1 April + 22 days). Tokens are made first, at the real
 * time, so they are valid at every earlier instant.
 */

afterEach(() => {
  vi.useRealTimers();
});

const at = (instant: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
};
const march = 'from=2026-03-01&to=2026-03-31';

interface Person {
  id: string;
  client: Client;
}

/** An organisation through the API: a coordinator, and people each with their own token. */
async function apiOrg(k = 3) {
  const { org, admin } = await createOrg({ minGroupSize: k });
  const coordinator = as(await tokenFor(admin, (await addPerson(admin, 'Cora Coordinator')).id, 'coordinator'));
  const people = async (n: number, prefix: string): Promise<Person[]> => {
    const made: Person[] = [];
    for (let i = 0; i < n; i++) {
      const { id } = await addPerson(coordinator, `${prefix} ${i}`);
      made.push({ id, client: as(await tokenFor(coordinator, id)) });
    }
    return made;
  };
  const programme = async (kind: 'reverse' | 'classic' | 'advisory', name: string) => (await addProgramme(coordinator, kind, { name })).id;
  const pair = async (programmeId: string, a: Person, b: Person) =>
    (
      await addEngagement(coordinator, programmeId, [
        [a.id, 'mentor'],
        [b.id, 'mentee'],
      ])
    ).id;
  /** A held session of an hour starting at `startsAt`, recorded by `by` (call with the clock after it). */
  const session = async (by: Person, engagementId: string, startsAt: string) => {
    const id = uuid();
    const start = new Date(startsAt);
    const res = await by.client.put(
      `/v1/sessions/${id}`,
      sessionBody(engagementId, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }),
    );
    expect(res.status).toBe(201);
    return id;
  };
  const answer = async (who: Person, sessionId: string, value: number) => {
    const res = await who.client.put(`/v1/sessions/${sessionId}/pulse`, { value, clientUpdatedAt: new Date().toISOString() });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  };
  return { org, admin, coordinator, people, programme, pair, session, answer };
}

/** Everything of a pulse result derived from answers. */
const figures = (body: any) => ({ overall: body.overall, byKind: body.byKind, byMonth: body.byMonth });
const value = (slice: any) => slice.questions.find((q: any) => q.question === 'value');

/** The answers 1 … 5 that a released distribution is consistent with, given known answers and the noise bounds. */
function consistentAnswers(released: number[], known: number[]): number[] {
  return [1, 2, 3, 4, 5].filter((x) =>
    released.every((shown, i) => {
      const truth = known[i]! + (x === i + 1 ? 1 : 0);
      // shared/rules/disclosure.ts: an empty score shows 0 … maxNoise; a count c shows max(0, c − maxNoise) … c + maxNoise.
      return truth === 0 ? shown <= maxNoise : shown >= Math.max(0, truth - maxNoise) && shown <= truth + maxNoise;
    }),
  );
}

describe('pulse attacks that must fail', () => {
  it('unanimity: when every respondent answers 4, the distribution is the documented release, and a lone score proves nothing', async () => {
    const o = await apiOrg(3);
    const p = await o.programme('reverse', 'Reverse');
    const people = await o.people(6, 'P');
    const pairs = [
      await o.pair(p, people[0]!, people[1]!),
      await o.pair(p, people[2]!, people[3]!),
      await o.pair(p, people[4]!, people[5]!),
    ];
    at('2026-03-10T12:00:00Z');
    const sessions = await Promise.all(pairs.map((e, i) => o.session(people[2 * i]!, e, '2026-03-09T09:00:00Z')));
    for (const [i, who] of people.entries()) await o.answer(who, sessions[Math.floor(i / 2)]!, 4);
    vi.useRealTimers();

    const { body } = await o.coordinator.get(`/v1/analytics/pulse?${march}`);

    const answers = await answersOf(o.org.id);
    const shown = value(body.overall).distribution;
    expect(answers.map((a) => a.value)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(shown).toEqual(releasedCell(answers, 'value', 3));
    // The empty scores carry the cell key's noise, clamped at zero: over every cell key, most unanimous cells show
    // another score too — each empty score shows anything from 0 to the table's largest noise.
    const keys = Array.from({ length: disclosure.keySpace }, (_, key) => key);
    const unanimous = (key: number) =>
      perturbDistribution(
        [0, 0, 0, 6, 0].map((count) => ({ count, key })),
        key,
      );
    const lone = keys.filter((key) => unanimous(key).every((n, i) => i === 3 || n === 0)).length;
    expect(lone / keys.length).toBeLessThan(0.5);
    const range = new Set(Array.from({ length: maxNoise + 1 }, (_, n) => n));
    for (const i of [0, 1, 2, 4]) expect(new Set(keys.map((key) => unanimous(key)[i]))).toEqual(range);
    // And a lone score is what a cell with a dissenter shows too, for some keys: it is never proof.
    const dissent = (key: number) =>
      perturbDistribution(
        [0, 0, 0, 5, 1].map((count) => ({ count, key })),
        key,
      );
    expect(keys.some((key) => dissent(key).every((n, i) => i === 3 || n === 0))).toBe(true);
  });

  it('asking after each answer: an open month shows nothing, a released one is frozen whatever changes after', async () => {
    const o = await apiOrg(3);
    const p = await o.programme('classic', 'Circle');
    const people = await o.people(6, 'P');
    const pairs = [
      await o.pair(p, people[0]!, people[1]!),
      await o.pair(p, people[2]!, people[3]!),
      await o.pair(p, people[4]!, people[5]!),
    ];
    at('2026-03-10T12:00:00Z');
    const sessions = await Promise.all(pairs.map((e, i) => o.session(people[2 * i]!, e, '2026-03-09T09:00:00Z')));
    const ask = async () => (await o.coordinator.get(`/v1/analytics/pulse?${march}`)).body;

    const before = await ask();
    const after: any[] = [];
    for (const [i, who] of people.entries()) {
      await o.answer(who, sessions[Math.floor(i / 2)]!, [4, 4, 4, 1, 2, 3][i]!);
      after.push(await ask());
    }
    at('2026-04-25T09:00:00Z'); // March released on 23 April
    const released = await ask();
    // After the release: a session cancelled, an engagement's pairing paused, an answer gone from the database.
    const cancel = await people[0]!.client.put(
      `/v1/sessions/${sessions[0]}`,
      sessionBody(pairs[0]!, {
        startsAt: '2026-03-09T09:00:00.000Z',
        endsAt: '2026-03-09T10:00:00.000Z',
        status: 'cancelled',
        clientUpdatedAt: new Date().toISOString(),
      }),
    );
    const pause = await o.coordinator.patch(`/v1/engagements/${pairs[1]}`, { status: 'paused' });
    await env.DB.prepare(`DELETE FROM pulse_responses WHERE session_id = ?1`).bind(sessions[2]).run();
    const later = await ask();
    vi.useRealTimers();
    const today = await ask();

    expect(before.disclosure.pending.map((m: any) => m.period)).toEqual(['2026-02', '2026-03']);
    expect(value(before.overall)).toMatchObject({ responses: null, distribution: null, suppressed: false });
    for (const each of after) {
      expect(figures(each)).toEqual(figures(before));
      expect(each.disclosure).toEqual(before.disclosure);
    }
    expect(released.disclosure.released.map((m: any) => m.period)).toEqual(['2026-02', '2026-03']);
    expect(released.disclosure.released[1].frozenAt).toBe('2026-04-25T09:00:00.000Z');
    expect(value(released.byMonth[0])).toMatchObject({ suppressed: false, partial: false });
    expect(value(released.byMonth[0]).responses).toBeGreaterThan(0); // three 4s: no noise takes them to zero
    expect([cancel.status, pause.status]).toEqual([200, 200]);
    expect(figures(later)).toEqual(figures(released));
    expect(figures(today)).toEqual(figures(released));
    expect(today.disclosure.released).toEqual(released.disclosure.released);
  });

  it('response rate: programmes sharing a person and day ranges one session apart differ by no person', async () => {
    const o = await apiOrg(3);
    const [a, b] = [await o.programme('reverse', 'A'), await o.programme('classic', 'B')];
    const people = await o.people(11, 'P');
    const shared = people[0]!; // in A and in B
    const inA = [await o.pair(a, shared, people[1]!), await o.pair(a, people[2]!, people[3]!), await o.pair(a, people[4]!, people[5]!)];
    const inB = [await o.pair(b, shared, people[6]!), await o.pair(b, people[7]!, people[8]!), await o.pair(b, people[9]!, people[10]!)];
    at('2026-03-20T12:00:00Z');
    const members = [
      [shared, people[1]!],
      [people[2]!, people[3]!],
      [people[4]!, people[5]!],
      [shared, people[6]!],
      [people[7]!, people[8]!],
      [people[9]!, people[10]!],
    ];
    for (const [i, e] of [...inA, ...inB].entries()) {
      const s = await o.session(members[i]![0]!, e, `2026-03-${String(10 + i).padStart(2, '0')}T09:00:00Z`);
      for (const who of members[i]!) await o.answer(who, s, 4);
    }
    // One more session on 15 March in A that only the shared person answers.
    const extra = await o.session(shared, inA[0]!, '2026-03-15T15:00:00Z');
    await o.answer(shared, extra, 5);
    vi.useRealTimers();
    const rate = async (query: string) => (await o.coordinator.get(`/v1/analytics/engagement?${query}`)).body;

    const whole = await rate(march);
    const onlyA = await rate(`${march}&programmeId=${a}`);
    const to14 = await rate('from=2026-03-01&to=2026-03-14');
    const to15 = await rate('from=2026-03-01&to=2026-03-15');
    // After the release, a new session with an answer in March changes nothing.
    const late = await o.session(shared, inB[0]!, '2026-03-30T09:00:00Z');
    await env.DB.prepare(
      `INSERT INTO pulse_responses (org_id, session_id, respondent_id, value, client_updated_at, created_at, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?4, ?4)`,
    )
      .bind(o.org.id, late, shared.id, new Date().toISOString())
      .run();
    const again = await rate(march);

    const answers = (await answersOf(o.org.id)).filter((x) => x.month === '2026-03' && x.value !== 1);
    const cellOf = (programmeId: string, expected: number) => ({ answers: answers.filter((x) => x.programmeId === programmeId), expected });
    // A: 3 pairings × 2 members × 1 session, plus the extra session's 2 chances; B: 3 × 2.
    const [cellA, cellB] = [cellOf(a, 8), cellOf(b, 6)];
    const byName = (body: any, id: string) => body.byProgramme.find((p: any) => p.programmeId === id).pulseResponseRate;
    expect(whole.totals.pulseResponseRate).toEqual(expectedRate([cellA, cellB], 3));
    expect(byName(whole, a)).toEqual(expectedRate([cellA], 3));
    expect(byName(whole, b)).toEqual(expectedRate([cellB], 3));
    expect(onlyA.totals.pulseResponseRate).toEqual(byName(whole, a));
    expect(whole.byMonth[0].pulseResponseRate).toEqual(whole.totals.pulseResponseRate);
    // A period one day (one session) longer is the same month: the same cells, the same figure.
    expect(to15.totals.pulseResponseRate).toEqual(to14.totals.pulseResponseRate);
    expect(to14.totals.pulseResponseRate).toEqual(whole.totals.pulseResponseRate);
    expect(again.totals.pulseResponseRate).toEqual(whole.totals.pulseResponseRate);
    expect(again.byProgramme.map((p: any) => p.pulseResponseRate)).toEqual(whole.byProgramme.map((p: any) => p.pulseResponseRate));
  });

  it('dyads: k respondents from fewer than k engagements count nowhere', async () => {
    const o = await apiOrg(3);
    const council = await o.programme('advisory', 'Council');
    const pairs = await o.programme('reverse', 'Pairs');
    const people = await o.people(8, 'P');
    const board = (
      await addEngagement(o.coordinator, council, [
        [people[0]!.id, 'advisor'],
        [people[1]!.id, 'advisor'],
        [people[2]!.id, 'advisor'],
        [people[3]!.id, 'executive'],
      ])
    ).id;
    const twoPairs = [await o.pair(pairs, people[4]!, people[5]!), await o.pair(pairs, people[6]!, people[7]!)];
    at('2026-03-10T12:00:00Z');
    const boardSession = await o.session(people[0]!, board, '2026-03-09T09:00:00Z');
    for (const who of people.slice(0, 4)) await o.answer(who, boardSession, 2);
    for (const [i, e] of twoPairs.entries()) {
      const s = await o.session(people[4 + 2 * i]!, e, '2026-03-09T11:00:00Z');
      for (const who of [people[4 + 2 * i]!, people[5 + 2 * i]!]) await o.answer(who, s, 5);
    }
    vi.useRealTimers();

    const whole = (await o.coordinator.get(`/v1/analytics/pulse?${march}`)).body;
    const ofCouncil = (await o.coordinator.get(`/v1/analytics/pulse?${march}&programmeId=${council}`)).body;
    const ofPairs = (await o.coordinator.get(`/v1/analytics/pulse?${march}&programmeId=${pairs}`)).body;
    const rates = (await o.coordinator.get(`/v1/analytics/engagement?${march}`)).body;

    const withheld = { question: 'value', suppressed: true, partial: false, responses: null, mean: null, distribution: null };
    for (const body of [whole, ofCouncil, ofPairs]) {
      expect(value(body.overall)).toMatchObject(withheld);
      expect(value(body.byMonth[0])).toEqual(withheld);
      for (const kind of body.byKind) expect(value(kind)).toEqual(withheld);
    }
    expect(value(whole.overall)).toMatchObject(expectedSlice(await answersOf(o.org.id), 'value', 3));
    expect(rates.totals.pulseResponseRate).toEqual({ value: null, suppressed: true });
    expect(rates.byProgramme.map((p: any) => p.pulseResponseRate)).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: true },
    ]);
  });

  it('padding: pairings of known answers around one real person leave their answer undetermined, and re-asking gives the same', async () => {
    const o = await apiOrg(3);
    const p = await o.programme('classic', 'Padded');
    const [real] = await o.people(1, 'Real');
    const fakes = await o.people(5, 'Fake'); // the coordinator's own creations, answering as it tells them
    const pairs = [await o.pair(p, real!, fakes[0]!), await o.pair(p, fakes[1]!, fakes[2]!), await o.pair(p, fakes[3]!, fakes[4]!)];
    // Record keys are secret and random; fixed here so the test does not depend on the draw.
    const keys = [17_201, 9_643, 58_230, 4_111, 33_333, 61_007];
    // With any keys it fails only at the table's ends: a lone true answer shown as 1 + maxNoise, beyond what an empty
    // score can show, pins it — one cell key in 65,536 (the δ of shared/rules/disclosure.ts).
    for (const [i, who] of [real!, ...fakes].entries())
      await env.DB.prepare('UPDATE participants SET record_key = ?1 WHERE id = ?2').bind(keys[i], who.id).run();
    const known = [0, 0, 5, 0, 0]; // the five fakes answer 3
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
    for (const [m, month] of months.entries()) {
      at(`${month}-10T12:00:00Z`);
      const sessions = await Promise.all(pairs.map((e, i) => o.session(i === 0 ? real! : fakes[2 * i - 1]!, e, `${month}-09T09:00:00Z`)));
      await o.answer(real!, sessions[0]!, m + 1); // the real answer: 1 in January … 5 in May
      for (const [i, fake] of fakes.entries()) await o.answer(fake, sessions[Math.floor((i + 1) / 2)]!, 3);
    }
    vi.useRealTimers();

    const first = (await o.coordinator.get('/v1/analytics/pulse?from=2026-01-01&to=2026-05-31')).body;
    const again = (await o.coordinator.get('/v1/analytics/pulse?from=2026-01-01&to=2026-05-31')).body;

    const answers = await answersOf(o.org.id);
    for (const [m, month] of months.entries()) {
      const shown = value(first.byMonth[m]).distribution;
      expect(shown, month).toEqual(
        releasedCell(
          answers.filter((a) => a.month === month),
          'value',
          3,
        ),
      );
      const possible = consistentAnswers(shown, known);
      expect(possible, month).toContain(m + 1);
      expect(possible.length, `${month}: ${JSON.stringify(shown)} pins the real answer`).toBeGreaterThan(1);
    }
    expect(figures(again)).toEqual(figures(first));
    expect(cellKeyOf(keys)).toBe(keys.reduce((a, b) => a + b, 0) % disclosure.keySpace);
  });
});
