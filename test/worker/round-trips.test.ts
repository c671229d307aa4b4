import { env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits, zBatchResponse, zNote, zPulse, zSession, type WriteOpInput } from '../../shared';
import { call, invite, newAddress, pairOrg, redeemed, sessionBody, signInAgain, uuid } from './support';

// D1 answers every query over the network, and allows 50 per Worker invocation on the Free plan
// (db.batch() is one round trip). Local workerd enforces none of it, so these tests count: the Worker
// reports its round trips in `Server-Timing: d1;desc="N round trips"` (worker/http/d1-round-trips.ts).
const freePlanQueries = 50;

function roundTrips(res: { headers: Headers }): number {
  const match = /d1;desc="(\d+) round trips"/.exec(res.headers.get('server-timing') ?? '');
  if (!match) throw new Error(`no round-trip count in Server-Timing: ${res.headers.get('server-timing')}`);
  return Number(match[1]);
}

const now = () => new Date().toISOString();

type Org = Awaited<ReturnType<typeof pairOrg>>;

/** Lee's engagement with `n` finished sessions, created through one batch; their ids. */
async function sessionsOf(o: Org, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => uuid());
  const res = await o.lee.post('/v1/batch', {
    ops: ids.map((sessionId) => ({ op: { kind: 'session', sessionId, body: sessionBody(o.engagement.id) } })),
  });
  expect(zBatchResponse.parse(res.body).results.every((r) => r.status === 201)).toBe(true);
  return ids;
}

const sessionOps = (o: Org, n: number, engagementId = o.engagement.id): WriteOpInput[] =>
  Array.from({ length: n }, () => ({ kind: 'session', sessionId: uuid(), body: sessionBody(engagementId) }) as WriteOpInput);

describe('D1 round trips of the write path', () => {
  it('a PUT of a new session costs at most 2 round trips, and so does an update', async () => {
    const o = await pairOrg();
    const id = uuid();

    const created = await o.lee.put(`/v1/sessions/${id}`, sessionBody(o.engagement.id));
    const updated = await o.lee.put(`/v1/sessions/${id}`, sessionBody(o.engagement.id, { cycle: 'other' }));

    expect([created.status, updated.status]).toEqual([201, 200]);
    expect(zSession.parse(updated.body).cycle).toBe('other');
    expect(roundTrips(created)).toBeLessThanOrEqual(2);
    expect(roundTrips(updated)).toBeLessThanOrEqual(2);
  });

  it('a PUT of a note or a pulse costs at most 2 round trips', async () => {
    const o = await pairOrg();
    const [id] = await sessionsOf(o, 1);

    const note = await o.lee.put(`/v1/sessions/${id}/notes/${uuid()}`, { body: 'n', clientUpdatedAt: now() });
    const pulse = await o.lee.put(`/v1/sessions/${id}/pulse`, { value: 4, clientUpdatedAt: now() });

    expect(zNote.parse(note.body).body).toBe('n');
    expect(zPulse.parse(pulse.body).value).toBe(4);
    expect([roundTrips(note), roundTrips(pulse)]).toEqual([2, 2]);
  });

  it('a replayed PUT changes nothing and costs one round trip', async () => {
    const o = await pairOrg();
    const id = uuid();
    const body = sessionBody(o.engagement.id);
    await o.lee.put(`/v1/sessions/${id}`, body);

    const replay = await o.lee.put(`/v1/sessions/${id}`, body);

    expect(replay.status).toBe(200);
    expect(roundTrips(replay)).toBe(1);
  });

  it.each([
    ['new sessions', (o: Org) => sessionOps(o, limits.batchOps)],
    [
      'notes on sessions created in the same batch',
      (o: Org) =>
        sessionOps(o, limits.batchOps / 2).flatMap((s) => [
          s,
          { kind: 'note' as const, sessionId: s.sessionId, noteId: uuid(), body: { body: 'n', clientUpdatedAt: now() } },
        ]),
    ],
    [
      'a mix of sessions, notes and pulses',
      (o: Org) =>
        sessionOps(o, 34)
          .flatMap((s) => [
            s,
            { kind: 'note' as const, sessionId: s.sessionId, noteId: uuid(), body: { body: 'n', clientUpdatedAt: now() } },
            { kind: 'pulse' as const, sessionId: s.sessionId, body: { value: 3, clientUpdatedAt: now() } },
          ])
          .slice(0, limits.batchOps),
    ],
  ])('a batch of 100 %s costs at most 3 round trips', async (_, opsOf) => {
    const o = await pairOrg();
    const ops = opsOf(o);

    const res = await o.lee.post('/v1/batch', { ops: ops.map((op) => ({ op })) });

    expect(ops).toHaveLength(limits.batchOps);
    expect(zBatchResponse.parse(res.body).results.map((r) => r.status)).toEqual(ops.map(() => 201));
    expect(roundTrips(res)).toBeLessThanOrEqual(3);
  });

  it('a batch of 100 notes and 100 pulses on existing sessions costs at most 3 round trips each', async () => {
    const o = await pairOrg();
    const ids = await sessionsOf(o, limits.batchOps);

    const notes = await o.lee.post('/v1/batch', {
      ops: ids.map((sessionId) => ({ op: { kind: 'note', sessionId, noteId: uuid(), body: { body: 'n', clientUpdatedAt: now() } } })),
    });
    const pulses = await o.mia.post('/v1/batch', {
      ops: ids.map((sessionId) => ({ op: { kind: 'pulse', sessionId, body: { value: 5, clientUpdatedAt: now() } } })),
    });

    expect(zBatchResponse.parse(notes.body).results.every((r) => r.status === 201)).toBe(true);
    expect(zBatchResponse.parse(pulses.body).results.every((r) => r.status === 201)).toBe(true);
    expect([roundTrips(notes), roundTrips(pulses)]).toEqual([2, 2]);
  });
});

describe('D1 round trips of representation', () => {
  it('are 2 — the access batch and one more — freezing a quarter, reading it again, pending, or refusing a programme', async () => {
    const o = await pairOrg();

    const replies = [
      await o.coordinator.get(`/v1/analytics/representation?dimension=gender&to=2026-03-31&programmeId=${o.programme.id}`),
      await o.coordinator.get('/v1/analytics/representation?dimension=gender&to=2026-03-31'),
      await o.coordinator.get('/v1/analytics/representation?dimension=gender&to=2026-12-31'),
      await o.coordinator.get(`/v1/analytics/representation?dimension=gender&programmeId=${uuid()}`),
    ];

    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 404]);
    expect(replies.map(roundTrips)).toEqual([2, 2, 2, 2]);
  });
});

describe(`no route makes more than ${freePlanQueries} D1 round trips at its largest allowed input`, () => {
  // One organisation at the sizes the limits allow: 10,000 people (one import), 5,000 engagements,
  // an advisory council of 100 members, 100 sessions with notes and pulses.
  let o: Org;
  let council: { programmeId: string; members: { participantId: string; role: 'advisor' | 'executive' }[] };
  let importTrips: number;
  let sessionId: string;
  const counted: Record<string, number> = {};
  afterAll(() => console.log('D1 round trips by route, at the largest input:', JSON.stringify(counted)));

  beforeAll(async () => {
    o = await pairOrg();
    const rows = Array.from(
      { length: limits.importRows },
      (_, i) => `Person ${i},person.${i}.${o.org.id}@example.com,senior,Finance,EMEA,${i % 2 ? 'woman' : 'man'}`,
    );
    const imported = await call('POST', '/v1/participants/import', {
      token: o.coordinatorToken,
      raw: `displayName,email,level,function,region,attr:gender\n${rows.join('\n')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body).toMatchObject({ created: limits.importRows });
    importTrips = roundTrips(imported);

    const { results: people } = await env.DB.prepare(
      `SELECT id FROM participants WHERE org_id = ?1 AND email LIKE 'person.%' ORDER BY email`,
    )
      .bind(o.org.id)
      .all<{ id: string }>();
    const advisory = await o.coordinator.post('/v1/programmes', { name: 'Council', kind: 'advisory' });
    council = {
      programmeId: advisory.body.id,
      members: people.slice(0, 100).map((p, i) => ({ participantId: p.id, role: i < 50 ? 'advisor' : 'executive' })),
    };
    // 5,000 more engagements, written straight into D1 (the API would take 5,000 requests).
    const pairs = Array.from({ length: 5000 }, (_, i) => ({ id: uuid(), mentor: people[2 * i]!.id, mentee: people[2 * i + 1]!.id }));
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO engagements (id, org_id, programme_id, starts_on, status, created_at, updated_at)
         SELECT json_extract(value, '$.id'), ?1, ?2, '2026-01-05', 'active', ?3, ?3 FROM json_each(?4)`,
      ).bind(o.org.id, o.programme.id, now(), JSON.stringify(pairs)),
      env.DB.prepare(
        `INSERT INTO engagement_members (org_id, engagement_id, participant_id, role)
         SELECT ?1, json_extract(value, '$.id'), json_extract(value, '$.mentor'), 'mentor' FROM json_each(?2)
         UNION ALL SELECT ?1, json_extract(value, '$.id'), json_extract(value, '$.mentee'), 'mentee' FROM json_each(?2)`,
      ).bind(o.org.id, JSON.stringify(pairs)),
    ]);
    sessionId = (await sessionsOf(o, limits.batchOps))[0]!;
    await o.lee.put(`/v1/sessions/${sessionId}/pulse`, { value: 4, clientUpdatedAt: now() });
  }, 120_000);

  it('importing 10,000 participants', () => {
    counted['POST /v1/participants/import (10,000 rows)'] = importTrips;
    expect(importTrips).toBeLessThanOrEqual(freePlanQueries);
  });

  it('pulse and engagement analytics stay at 2 round trips while freezing ten released years, with or without a programme', async () => {
    // Trip 1: the caller, rate limit and audit entry (worker/db/analytics-access.ts); trip 2: one batch that freezes the
    // released months read for the first time, reads their frozen cells and checks the programme.
    const tenYears = 'from=2016-01-01&to=2025-12-31';
    const sent = [
      await o.coordinator.get(`/v1/analytics/pulse?${tenYears}`),
      await o.coordinator.get(`/v1/analytics/pulse?${tenYears}&programmeId=${o.programme.id}`),
      await o.coordinator.get(`/v1/analytics/pulse?${tenYears}&format=csv`),
      await o.coordinator.get(`/v1/analytics/engagement?${tenYears}&programmeId=${o.programme.id}`),
      await o.coordinator.get('/v1/analytics/engagement?from=2021-01-01'),
    ];

    expect(sent.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sent.map(roundTrips)).toEqual([2, 2, 2, 2, 2]);
    expect(sent[0]!.body.disclosure.released).toHaveLength(240); // the ten years and the ten before them
  });

  it.each([
    ['GET /healthz', () => call('GET', '/healthz')],
    ['GET /v1/me', () => o.lee.get('/v1/me')],
    ['PATCH /v1/org', () => o.admin.patch('/v1/org', { minGroupSize: 5 })],
    ['GET /v1/participants?limit=1000', () => o.coordinator.get('/v1/participants?limit=1000')],
    [
      'POST /v1/participants',
      () =>
        o.coordinator.post('/v1/participants', {
          displayName: 'New One',
          email: `new.${uuid()}@example.com`,
          attributes: { gender: 'woman' },
        }),
    ],
    ['GET /v1/participants/:id', () => o.coordinator.get(`/v1/participants/${o.people.lee.id}`)],
    ['PATCH /v1/participants/:id', () => o.lee.patch(`/v1/participants/${o.people.lee.id}`, { attributes: { gender: 'man' } })],
    ['POST /v1/participants/:id/invitations', () => o.coordinator.post(`/v1/participants/${o.people.olu.id}/invitations`, {})],
    ['GET /v1/participants/:id/invitations', () => o.coordinator.get(`/v1/participants/${o.people.olu.id}/invitations`)],
    ['GET /v1/me/credentials', () => o.lee.get('/v1/me/credentials')],
    ['GET /v1/audit', () => o.admin.get('/v1/audit?limit=200')],
    [
      'POST /v1/auth/invitations/redeem',
      async () =>
        call('POST', '/v1/auth/invitations/redeem', {
          body: { code: (await invite(o.coordinator, o.people.olu.id)).code, client: 'api' },
          headers: newAddress(),
        }),
    ],
    [
      'POST /v1/auth/refresh',
      async () => {
        const second = await redeemed((await invite(o.coordinator, o.people.olu.id)).code);
        return call('POST', '/v1/auth/refresh', { body: { refreshToken: second.refreshToken }, headers: newAddress() });
      },
    ],
    ['GET /v1/programmes', () => o.lee.get('/v1/programmes')],
    ['POST /v1/programmes', () => o.coordinator.post('/v1/programmes', { name: 'Another', kind: 'classic' })],
    ['GET /v1/engagements (5,000)', () => o.coordinator.get('/v1/engagements')],
    ['POST /v1/engagements (a council of 100)', () => o.coordinator.post('/v1/engagements', { ...council, startsOn: '2026-01-05' })],
    ['GET /v1/engagements/:id', () => o.lee.get(`/v1/engagements/${o.engagement.id}`)],
    ['PATCH /v1/engagements/:id', () => o.coordinator.patch(`/v1/engagements/${o.engagement.id}`, { objectives: ['Ship the pilot'] })],
    ['GET /v1/sessions', () => o.lee.get('/v1/sessions')],
    ['GET /v1/sessions/:id', () => o.lee.get(`/v1/sessions/${sessionId}`)],
    ['GET /v1/sessions/:id/notes', () => o.lee.get(`/v1/sessions/${sessionId}/notes`)],
    ['GET /v1/sessions/:id/pulse', () => o.lee.get(`/v1/sessions/${sessionId}/pulse`)],
    ['GET /v1/pulse/questions', () => o.lee.get('/v1/pulse/questions')],
    ['POST /v1/batch (100 new sessions)', () => o.lee.post('/v1/batch', { ops: sessionOps(o, 100).map((op) => ({ op })) })],
    ['GET /v1/population', () => o.coordinator.get('/v1/population')],
    ['PUT /v1/population/:dimension', () => o.coordinator.put('/v1/population/gender', { counts: { woman: 5000, man: 5000 } })],
    ['GET /v1/analytics/engagement (six years)', () => o.coordinator.get('/v1/analytics/engagement?from=2021-01-01')],
    ['GET /v1/analytics/engagement as CSV', () => o.coordinator.get('/v1/analytics/engagement?from=2021-01-01&format=csv')],
    ['GET /v1/analytics/alerts', () => o.coordinator.get('/v1/analytics/alerts?from=2021-01-01')],
    // The first reading of the latest released quarter freezes it: 10,000 people's memberships and attributes.
    ['GET /v1/analytics/representation', () => o.coordinator.get('/v1/analytics/representation?dimension=gender&from=2021-01-01')],
    [
      'GET /v1/analytics/representation of a programme',
      () => o.coordinator.get(`/v1/analytics/representation?dimension=gender&programmeId=${o.programme.id}&role=mentee`),
    ],
    ['GET /v1/analytics/pulse', () => o.coordinator.get('/v1/analytics/pulse?from=2021-01-01')],
    [
      'DELETE /v1/me/credentials/:id',
      async () => {
        const second = await signInAgain(o.coordinator, o.people.olu.id);
        return second.client.delete(`/v1/me/credentials/${second.credentialId}`);
      },
    ],
  ] as [string, () => Promise<{ status: number; headers: Headers }>][])('%s', async (name, send) => {
    const res = await send();
    counted[name] = roundTrips(res);

    expect(res.status).toBeLessThan(300);
    expect(roundTrips(res)).toBeLessThanOrEqual(freePlanQueries);
  });
});
