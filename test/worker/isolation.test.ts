import { describe, expect, it } from 'vitest';
import { type Participant, zBatchResponse } from '../../shared';
import { addPerson, invite, pairOrg, sessionBody, snapshot, uuid, type Client } from './support';

/**
 * "Everything belongs to exactly one organisation; nothing ever crosses organisations" (PRODUCT.md §2),
 * and a resource of another organisation is a 404, exactly like one that does not exist (§3).
 */

const now = () => new Date().toISOString();

/** Organisation A with something behind every endpoint: people, programme, engagement, session, notes, pulses, tokens, population. */
async function orgA() {
  const a = await pairOrg();
  const adminPerson: Participant = (await a.admin.get('/v1/me')).body.participant;
  const session = (await a.lee.put(`/v1/sessions/${uuid()}`, sessionBody(a.engagement.id))).body;
  const notes = [uuid(), uuid()];
  await Promise.all([
    a.mia.put(`/v1/sessions/${session.id}/notes/${notes[0]}`, { body: 'A shared note', visibility: 'shared', clientUpdatedAt: now() }),
    a.lee.put(`/v1/sessions/${session.id}/notes/${notes[1]}`, { body: 'A private note', clientUpdatedAt: now() }),
    a.lee.put(`/v1/sessions/${session.id}/pulse`, { value: 2, checkIn: true, clientUpdatedAt: now() }),
    a.mia.put(`/v1/sessions/${session.id}/pulse`, { value: 5, clientUpdatedAt: now() }),
    a.coordinator.put('/v1/population/ethnicity', { counts: { 'only-in-org-a': 4242 } }),
  ]);
  const people = [adminPerson, a.coordinatorPerson, a.people.mia, a.people.lee, a.people.olu];
  // A's credentials, as their holders see them, and a pending invitation of each of A's people.
  const tokens = await Promise.all(
    [a.admin, a.coordinator, a.mia, a.lee, a.olu].map(async (c) => (await c.get('/v1/me/credentials')).body.credentials[0].id as string),
  );
  const invitations = await Promise.all(people.map(async (p) => (await invite(a.admin, p.id)).invitation.id));
  return { ...a, adminPerson, session, notes, tokens, invitations, allPeople: people };
}
type A = Awaited<ReturnType<typeof orgA>>;

/** Organisation B: its own pair, engagement and session, so B's participant is a member of something. */
async function orgB() {
  const b = await pairOrg();
  const session = (await b.lee.put(`/v1/sessions/${uuid()}`, sessionBody(b.engagement.id))).body;
  return { ...b, session };
}
type B = Awaited<ReturnType<typeof orgB>>;

/** The ids a probe aims at: A's, or made-up ones of the same shape that exist nowhere. */
interface Target {
  people: string[];
  programme: string;
  engagement: string;
  session: string;
  notes: string[];
  tokens: string[];
  invitations: string[];
}
const targetsOf = (a: A): Target => ({
  people: a.allPeople.map((p) => p.id),
  programme: a.programme.id,
  engagement: a.engagement.id,
  session: a.session.id,
  notes: a.notes,
  tokens: a.tokens,
  invitations: a.invitations,
});
const nowhere = (a: A): Target => ({
  people: a.allPeople.map(() => uuid()),
  programme: uuid(),
  engagement: uuid(),
  session: uuid(),
  notes: a.notes.map(() => uuid()),
  tokens: a.tokens.map(() => uuid()),
  invitations: a.invitations.map(() => uuid()),
});

type Caller = 'admin' | 'coordinator' | 'participant';
const callers: Caller[] = ['admin', 'coordinator', 'participant'];
const clientOf = (b: B, who: Caller): Client => (who === 'participant' ? b.lee : b[who]);

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

interface Probe {
  what: string;
  request: (t: Target, b: B) => Req[];
  /** 404 unless said otherwise: a 403 is the role check, answered before any lookup. */
  expect?: Partial<Record<Caller, number>>;
  /**
   * Whether A's ids are answered exactly like ids that exist nowhere. Not for writes under an id
   * of B's own choosing: an unused id there is simply created.
   */
  likeAbsent?: false;
}

const staffOnly = { participant: 403 };

const probes: Probe[] = [
  { what: 'GET /v1/participants/:id', request: (t) => t.people.map((id) => ({ method: 'GET', path: `/v1/participants/${id}` })) },
  {
    what: 'PATCH /v1/participants/:id (a field)',
    request: (t) => t.people.map((id) => ({ method: 'PATCH', path: `/v1/participants/${id}`, body: { displayName: 'Taken over' } })),
  },
  {
    what: 'PATCH /v1/participants/:id (attributes)',
    request: (t) =>
      t.people.map((id) => ({ method: 'PATCH', path: `/v1/participants/${id}`, body: { attributes: { gender: 'overwritten' } } })),
  },
  {
    what: 'PATCH /v1/participants/:id (role)',
    request: (t) => t.people.map((id) => ({ method: 'PATCH', path: `/v1/participants/${id}`, body: { role: 'admin' } })),
  },
  {
    what: 'POST /v1/participants/:id/invitations',
    request: (t) => t.people.map((id) => ({ method: 'POST', path: `/v1/participants/${id}/invitations`, body: {} })),
    expect: staffOnly,
  },
  {
    what: 'GET /v1/participants/:id/invitations',
    request: (t) => t.people.map((id) => ({ method: 'GET', path: `/v1/participants/${id}/invitations` })),
    expect: staffOnly,
  },
  {
    what: 'DELETE /v1/invitations/:id',
    request: (t) => t.invitations.map((id) => ({ method: 'DELETE', path: `/v1/invitations/${id}` })),
    expect: staffOnly,
  },
  { what: 'DELETE /v1/me/credentials/:id', request: (t) => t.tokens.map((id) => ({ method: 'DELETE', path: `/v1/me/credentials/${id}` })) },

  { what: 'GET /v1/programmes/:id', request: (t) => [{ method: 'GET', path: `/v1/programmes/${t.programme}` }] },
  {
    what: 'PATCH /v1/programmes/:id',
    request: (t) => [{ method: 'PATCH', path: `/v1/programmes/${t.programme}`, body: { status: 'archived' } }],
    expect: staffOnly,
  },

  { what: 'GET /v1/engagements/:id', request: (t) => [{ method: 'GET', path: `/v1/engagements/${t.engagement}` }] },
  {
    what: 'PATCH /v1/engagements/:id (status)',
    request: (t) => [{ method: 'PATCH', path: `/v1/engagements/${t.engagement}`, body: { status: 'closed' } }],
    expect: staffOnly,
  },
  {
    what: "PATCH /v1/engagements/:id (members: B's people)",
    request: (t, b) => [
      {
        method: 'PATCH',
        path: `/v1/engagements/${t.engagement}`,
        body: {
          members: [
            { participantId: b.people.olu.id, role: 'mentor' },
            { participantId: b.people.mia.id, role: 'mentee' },
          ],
        },
      },
    ],
    expect: staffOnly,
  },
  {
    what: "POST /v1/engagements (A's programme, B's people)",
    request: (t, b) => [
      {
        method: 'POST',
        path: '/v1/engagements',
        body: {
          programmeId: t.programme,
          members: [
            { participantId: b.people.olu.id, role: 'mentor' },
            { participantId: b.people.mia.id, role: 'mentee' },
          ],
          startsOn: '2026-03-02',
        },
      },
    ],
    expect: staffOnly,
  },
  {
    what: "POST /v1/engagements (B's programme, A's people)",
    request: (t, b) => [
      {
        method: 'POST',
        path: '/v1/engagements',
        body: {
          programmeId: b.programme.id,
          members: [
            { participantId: t.people[2], role: 'mentor' },
            { participantId: t.people[3], role: 'mentee' },
          ],
          startsOn: '2026-03-02',
        },
      },
    ],
    expect: staffOnly,
  },

  { what: 'GET /v1/sessions/:id', request: (t) => [{ method: 'GET', path: `/v1/sessions/${t.session}` }] },
  {
    what: "PUT /v1/sessions/:id (A's session, A's engagement)",
    request: (t) => [{ method: 'PUT', path: `/v1/sessions/${t.session}`, body: sessionBody(t.engagement, { status: 'cancelled' }) }],
  },
  {
    what: "PUT /v1/sessions/:id (a new session in A's engagement)",
    request: (t) => [{ method: 'PUT', path: `/v1/sessions/${uuid()}`, body: sessionBody(t.engagement) }],
  },
  {
    what: "PUT /v1/sessions/:id (A's session id, B's engagement)",
    request: (t, b) => [{ method: 'PUT', path: `/v1/sessions/${t.session}`, body: sessionBody(b.engagement.id) }],
    expect: { participant: 404 },
    likeAbsent: false,
  },
  { what: 'GET /v1/sessions/:id/notes', request: (t) => [{ method: 'GET', path: `/v1/sessions/${t.session}/notes` }] },
  {
    what: "PUT /v1/sessions/:id/notes/:noteId (A's session, A's notes)",
    request: (t) =>
      t.notes.map((id) => ({
        method: 'PUT',
        path: `/v1/sessions/${t.session}/notes/${id}`,
        body: { body: 'Overwritten', visibility: 'shared', clientUpdatedAt: now() },
      })),
  },
  {
    what: "PUT /v1/sessions/:id/notes/:noteId (A's session, a new note)",
    request: (t) => [
      { method: 'PUT', path: `/v1/sessions/${t.session}/notes/${uuid()}`, body: { body: 'Planted', clientUpdatedAt: now() } },
    ],
  },
  {
    what: "PUT /v1/sessions/:id/notes/:noteId (B's session, A's note ids)",
    request: (t, b) =>
      t.notes.map((id) => ({
        method: 'PUT',
        path: `/v1/sessions/${b.session.id}/notes/${id}`,
        body: { body: 'Moved', clientUpdatedAt: now() },
      })),
    likeAbsent: false,
  },
  { what: 'GET /v1/sessions/:id/pulse', request: (t) => [{ method: 'GET', path: `/v1/sessions/${t.session}/pulse` }] },
  {
    what: 'PUT /v1/sessions/:id/pulse',
    request: (t) => [{ method: 'PUT', path: `/v1/sessions/${t.session}/pulse`, body: { value: 1, checkIn: true, clientUpdatedAt: now() } }],
  },
];

/** Target ids in an answer replaced by their place, so an error echoing the caller's own input compares equal. */
function masked(t: Target, replies: { status: number; body: unknown }[]) {
  const ids = [...t.people, t.programme, t.engagement, t.session, ...t.notes, ...t.tokens, ...t.invitations];
  return ids.reduce((text, id, i) => text.replaceAll(id, `<target ${i}>`), JSON.stringify(replies.map((r) => [r.status, r.body])));
}

async function ask(client: Client, requests: Req[]) {
  const replies = [];
  for (const { method, path, body } of requests) replies.push(await client.send(method, path, { body }));
  return replies;
}

describe('a second organisation sees nothing of the first', () => {
  it.each(callers)("B's %s gets 404 for every id of A, exactly as for ids that exist nowhere, and A is unchanged", async (who) => {
    const a = await orgA();
    const b = await orgB();
    const client = clientOf(b, who);
    const before = await snapshot();

    const answered: Record<string, number[]> = {};
    const expected: Record<string, number[]> = {};
    const unlike: string[] = [];
    for (const probe of probes) {
      const aims = targetsOf(a);
      const replies = await ask(client, probe.request(aims, b));
      answered[probe.what] = replies.map((r) => r.status);
      expected[probe.what] = replies.map(() => probe.expect?.[who] ?? 404);
      if (probe.likeAbsent === false) continue;
      const ghost = nowhere(a);
      const absent = await ask(client, probe.request(ghost, b));
      if (masked(ghost, absent) !== masked(aims, replies)) unlike.push(probe.what);
    }
    const after = await snapshot();

    expect(answered).toEqual(expected);
    expect(unlike, 'answered unlike ids that exist nowhere').toEqual([]);
    expect(after, "A's data (and B's) unchanged").toBe(before);
  });

  it.each(callers)("B's %s gets a 404 for every batch op aimed at A's session", async (who) => {
    const a = await orgA();
    const b = await orgB();
    const before = await snapshot();
    const ops = [
      { ref: 'session', op: { kind: 'session', sessionId: a.session.id, body: sessionBody(a.engagement.id, { status: 'cancelled' }) } },
      { ref: 'new session', op: { kind: 'session', sessionId: uuid(), body: sessionBody(a.engagement.id) } },
      {
        ref: 'note',
        op: { kind: 'note', sessionId: a.session.id, noteId: a.notes[0], body: { body: 'Overwritten', clientUpdatedAt: now() } },
      },
      { ref: 'new note', op: { kind: 'note', sessionId: a.session.id, noteId: uuid(), body: { body: 'Planted', clientUpdatedAt: now() } } },
      { ref: 'pulse', op: { kind: 'pulse', sessionId: a.session.id, body: { value: 1, clientUpdatedAt: now() } } },
    ];

    const res = await clientOf(b, who).post('/v1/batch', { ops });

    expect(res.status).toBe(200);
    const { results } = zBatchResponse.parse(res.body);
    expect(results.map((r) => [r.ref, r.ok, r.status])).toEqual(ops.map((op) => [op.ref, false, 404]));
    for (const r of results) expect(r.body).toMatchObject({ error: { code: 'not_found' } });
    expect(await snapshot()).toBe(before);
  });

  it.each(callers)("B's %s lists none of A's rows", async (who) => {
    const a = await orgA();
    const b = await orgB();
    const client = clientOf(b, who);
    const secretsOfA = [
      a.org.id,
      a.org.name,
      ...a.allPeople.flatMap((p) => [p.id, p.email]),
      a.programme.id,
      a.engagement.id,
      a.session.id,
      ...a.notes,
      ...a.tokens,
      ...a.invitations,
      'only-in-org-a',
    ];
    const before = await snapshot();

    const lists = {
      me: await client.get('/v1/me'),
      programmes: await client.get('/v1/programmes'),
      engagements: await client.get('/v1/engagements'),
      'engagements of A’s programme': await client.get(`/v1/engagements?programmeId=${a.programme.id}`),
      sessions: await client.get('/v1/sessions'),
      'sessions of A’s engagement': await client.get(`/v1/sessions?engagementId=${a.engagement.id}`),
      ...(who === 'participant'
        ? {}
        : {
            participants: await client.get('/v1/participants?limit=1000'),
            'participants named like A’s': await client.get(`/v1/participants?q=${encodeURIComponent(a.people.mia.email)}`),
            population: await client.get('/v1/population'),
          }),
    };

    for (const [name, res] of Object.entries(lists)) {
      expect(res.status, name).toBe(200);
      const text = JSON.stringify(res.body);
      expect(
        secretsOfA.filter((s) => text.includes(s)),
        name,
      ).toEqual([]);
    }
    expect(lists.me.body.org.id).toBe(b.org.id);
    expect(lists.programmes.body.programmes.map((p: { id: string }) => p.id)).toEqual([b.programme.id]);
    expect(lists.engagements.body.engagements.map((e: { id: string }) => e.id)).toEqual([b.engagement.id]);
    expect(lists['engagements of A’s programme'].body.engagements).toEqual([]);
    expect(lists['sessions of A’s engagement'].body.sessions).toEqual([]);
    if (who === 'participant') {
      expect(lists.sessions.body.sessions.map((s: { id: string }) => s.id)).toEqual([b.session.id]);
    } else {
      expect(lists.participants!.body.total).toBe(5); // B's admin, coordinator, Mia, Lee and Olu: nobody of A's
      expect(lists['participants named like A’s']!.body).toEqual({ participants: [], total: 0 });
      expect(lists.population!.body).toEqual({ dimensions: [] });
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("B's own writes stay in B", () => {
  it("an email taken in A is free in B, and A's person is untouched", async () => {
    const a = await orgA();
    const b = await orgB();
    const aMiaBefore = (await a.admin.get(`/v1/participants/${a.people.mia.id}`)).body;

    const res = await b.admin.post('/v1/participants', {
      displayName: 'Another Mia',
      email: a.people.mia.email,
      attributes: { gender: 'man' },
    });

    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(a.people.mia.id);
    expect((await a.admin.get(`/v1/participants/${a.people.mia.id}`)).body).toEqual(aMiaBefore);
    expect((await a.mia.get('/v1/me')).body.participant.attributes).toEqual({ gender: 'woman' });
  });

  it("importing A's emails into B creates B's own people and updates nobody of A's", async () => {
    const a = await orgA();
    const b = await orgB();
    const csv = [
      'displayName,email,level,attr:gender',
      `Imported Mia,${a.people.mia.email},executive,man`,
      `Imported Lee,${a.people.lee.email},early,woman`,
    ].join('\n');
    const aPeopleBefore = (await a.admin.get('/v1/participants')).body;

    const res = await b.coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: { 'content-type': 'text/csv' } });

    expect(res).toMatchObject({ status: 200, body: { created: 2, updated: 0 } });
    expect((await a.admin.get('/v1/participants')).body).toEqual(aPeopleBefore);
    expect((await a.mia.get('/v1/me')).body.participant.attributes).toEqual({ gender: 'woman' });
    expect((await a.lee.get('/v1/me')).body.participant.attributes).toEqual({ gender: 'man' });
  });

  it("B's settings, population and programmes leave A's alone", async () => {
    const a = await orgA();
    const b = await orgB();
    const aBefore = await Promise.all(['/v1/me', '/v1/population', '/v1/programmes'].map((p) => a.admin.get(p)));

    await b.admin.patch('/v1/org', { minGroupSize: 3, commentMinimum: 1, fiscalYearStartMonth: 4 });
    await b.admin.put('/v1/population/ethnicity', { counts: { 'only-in-org-b': 7 } });
    await b.admin.patch(`/v1/programmes/${b.programme.id}`, { status: 'archived' });
    await addPerson(b.admin, 'Bo Newcomer');

    const aAfter = await Promise.all(['/v1/me', '/v1/population', '/v1/programmes'].map((p) => a.admin.get(p)));
    expect(aAfter.map((r) => r.body)).toEqual(aBefore.map((r) => r.body));
  });
});
