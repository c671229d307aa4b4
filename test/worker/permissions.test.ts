import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type Participant, zBatchResponse } from '../../shared';
import {
  addEngagement,
  addPerson,
  as,
  call,
  invite,
  pairOrg,
  sessionBody,
  signInAgain,
  snapshot,
  tokenFor,
  uuid,
  type Client,
} from './support';

/**
 * Who may do what (PRODUCT.md §3), for every endpoint and every kind of caller:
 * a participant who is a member of the engagement (Lee), a participant who belongs to
 * nothing (Olu), a coordinator and an admin (neither of them a member), and callers
 * without a valid token. 401: no, bad or revoked token; 403: the role may not do it;
 * 404: the resource is absent or not visible to the caller.
 */

type Caller = 'member' | 'outsider' | 'coordinator' | 'admin';
type Anonymous = 'no token' | 'bad token' | 'revoked token';
const callers: Caller[] = ['member', 'outsider', 'coordinator', 'admin'];

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

const now = () => new Date().toISOString();
const staffRoles = [
  { role: 'coordinator', a: 'a coordinator' },
  { role: 'admin', a: 'an admin' },
] as const;

/**
 * A pair organisation with something behind every endpoint: a session Lee tagged and answered,
 * Mia's shared and private notes on it, a second coordinator and a second admin (whose tokens
 * others try to revoke), and a revoked token of Lee's.
 */
async function world() {
  const org = await pairOrg();
  const { admin, coordinator, lee, mia, engagement, people, coordinatorPerson } = org;
  const miaShared = uuid();
  const miaPrivate = uuid();
  const [adminPerson, session, cole, abe, toRevoke] = await Promise.all([
    admin.get('/v1/me').then((r) => r.body.participant as Participant),
    (async () => {
      const created = (await lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id))).body;
      await Promise.all([
        lee.put(`/v1/sessions/${created.id}/pulse`, { value: 4, clientUpdatedAt: now() }),
        mia.put(`/v1/sessions/${created.id}/notes/${miaShared}`, { body: 'Shared by Mia', visibility: 'shared', clientUpdatedAt: now() }),
        mia.put(`/v1/sessions/${created.id}/notes/${miaPrivate}`, { body: 'Private to Mia', clientUpdatedAt: now() }),
      ]);
      return created;
    })(),
    // A second coordinator and a second admin, whose tokens the callers try to revoke.
    addPerson(admin, 'Cole Coordinator').then(async (p) => {
      await admin.patch(`/v1/participants/${p.id}`, { role: 'coordinator' });
      return p;
    }),
    addPerson(admin, 'Abe Admin').then(async (p) => {
      await admin.patch(`/v1/participants/${p.id}`, { role: 'admin' });
      return p;
    }),
    // A second sign-in of Lee's, which Lee revoked.
    signInAgain(coordinator, people.lee.id).then(async (second) => {
      await second.client.delete(`/v1/me/credentials/${second.credentialId}`);
      return { secret: second.accessToken };
    }),
  ]);

  /** The id of the credential a client signs in with (only its holder can see it). */
  const credentialOf = async (client: Client) =>
    ((await client.get('/v1/me/credentials')).body.credentials as { id: string; current: boolean }[]).find((c) => c.current)!.id;
  const coleClient = as(await tokenFor(admin, cole.id));
  const [leeToken, oluToken, coordinatorTokenId, adminTokenId, miaToken] = await Promise.all(
    [lee, org.olu, coordinator, admin, mia].map(credentialOf),
  );
  // Pending invitations of a participant, a coordinator and an admin.
  const [oluInvitation, coleInvitation, abeInvitation] = await Promise.all(
    [people.olu, cole, abe].map(async (p) => (await invite(admin, p.id)).invitation.id),
  );

  const clients: Record<Caller | Anonymous, Pick<Client, 'send'>> = {
    member: lee,
    outsider: org.olu,
    coordinator,
    admin,
    'no token': { send: (method, path, opts) => call(method, path, opts) },
    'bad token': as('dyad_not-a-token-anyone-was-ever-given'),
    'revoked token': as(toRevoke.secret),
  };
  const self: Record<Caller | Anonymous, Participant> = {
    member: people.lee,
    outsider: people.olu,
    coordinator: coordinatorPerson,
    admin: adminPerson,
    'no token': people.lee,
    'bad token': people.lee,
    'revoked token': people.lee,
  };
  const ownToken: Record<Caller | Anonymous, string> = {
    member: leeToken!,
    outsider: oluToken!,
    coordinator: coordinatorTokenId!,
    admin: adminTokenId!,
    'no token': leeToken!,
    'bad token': leeToken!,
    'revoked token': leeToken!,
  };
  return {
    ...org,
    session,
    notes: { miaShared, miaPrivate },
    staff: { cole, abe },
    tokens: { mia: miaToken! },
    invitations: { olu: oluInvitation!, cole: coleInvitation!, abe: abeInvitation! },
    coleClient,
    clients,
    self,
    ownToken,
  };
}
type World = Awaited<ReturnType<typeof world>>;

interface Rule {
  /** The request, as the spec names it. */
  what: string;
  request: (w: World, who: Caller | Anonymous) => Req;
  /** The status each caller gets; no, bad and revoked tokens always get 401. */
  expect: Record<Caller, number>;
}

const everyone = (status: number): Record<Caller, number> => ({ member: status, outsider: status, coordinator: status, admin: status });
const staff = (status: number): Record<Caller, number> => ({ member: 403, outsider: 403, coordinator: status, admin: status });
const membersOnly = (status: number): Record<Caller, number> => ({ member: status, outsider: 404, coordinator: 404, admin: 404 });

const rules: Rule[] = [
  { what: 'GET /v1/me', request: () => ({ method: 'GET', path: '/v1/me' }), expect: everyone(200) },
  {
    what: 'PATCH /v1/org',
    request: () => ({ method: 'PATCH', path: '/v1/org', body: { minGroupSize: 6 } }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 200 },
  },

  { what: 'GET /v1/participants', request: () => ({ method: 'GET', path: '/v1/participants' }), expect: staff(200) },
  {
    what: 'POST /v1/participants',
    request: () => ({ method: 'POST', path: '/v1/participants', body: { displayName: 'Nia New', email: `nia.${uuid()}@example.com` } }),
    expect: staff(201),
  },
  {
    what: 'POST /v1/participants/import',
    request: () => ({
      method: 'POST',
      path: '/v1/participants/import',
      raw: `displayName,email,attr:gender\nIvy Import,ivy.${uuid()}@example.com,woman\n`,
      headers: { 'content-type': 'text/csv' },
    }),
    expect: staff(200),
  },
  {
    what: 'GET /v1/participants/:id of oneself',
    request: (w, who) => ({ method: 'GET', path: `/v1/participants/${w.self[who].id}` }),
    expect: everyone(200),
  },
  {
    what: 'GET /v1/participants/:id of someone else',
    request: (w) => ({ method: 'GET', path: `/v1/participants/${w.people.mia.id}` }),
    expect: { member: 404, outsider: 404, coordinator: 200, admin: 200 },
  },
  {
    what: 'GET /v1/participants/:id that does not exist',
    request: () => ({ method: 'GET', path: `/v1/participants/${uuid()}` }),
    expect: everyone(404),
  },
  {
    what: 'PATCH /v1/participants/:id of oneself, only attributes',
    request: (w, who) => ({
      method: 'PATCH',
      path: `/v1/participants/${w.self[who].id}`,
      body: { attributes: { age_band: '40_49' } },
    }),
    expect: everyone(200),
  },
  {
    what: 'PATCH /v1/participants/:id of oneself, another field',
    request: (w, who) => ({ method: 'PATCH', path: `/v1/participants/${w.self[who].id}`, body: { displayName: 'Renamed' } }),
    expect: staff(200),
  },
  {
    what: 'PATCH /v1/participants/:id of someone else, a field',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.people.mia.id}`, body: { region: 'apac' } }),
    expect: { member: 404, outsider: 404, coordinator: 200, admin: 200 },
  },
  {
    what: 'PATCH /v1/participants/:id of someone else, attributes',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.people.mia.id}`, body: { attributes: { gender: 'non-binary' } } }),
    expect: { member: 404, outsider: 404, coordinator: 200, admin: 200 },
  },

  {
    what: 'PATCH /v1/participants/:id of a participant, status',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.people.mia.id}`, body: { status: 'inactive' } }),
    expect: { member: 404, outsider: 404, coordinator: 200, admin: 200 },
  },
  // Staff records: only admins change a coordinator's or an admin's status, email and tokens.
  {
    what: 'PATCH /v1/participants/:id of an admin, status',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.staff.abe.id}`, body: { status: 'inactive' } }),
    expect: { member: 404, outsider: 404, coordinator: 403, admin: 200 },
  },
  {
    what: 'PATCH /v1/participants/:id of an admin, email',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.staff.abe.id}`, body: { email: `abe.${uuid()}@example.com` } }),
    expect: { member: 404, outsider: 404, coordinator: 403, admin: 200 },
  },
  {
    what: 'PATCH /v1/participants/:id of another coordinator, status',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.staff.cole.id}`, body: { status: 'inactive' } }),
    expect: { member: 404, outsider: 404, coordinator: 403, admin: 200 },
  },
  {
    what: 'PATCH /v1/participants/:id of another coordinator, email',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.staff.cole.id}`, body: { email: `cole.${uuid()}@example.com` } }),
    expect: { member: 404, outsider: 404, coordinator: 403, admin: 200 },
  },
  {
    what: 'PATCH /v1/participants/:id of an admin, a field that is not access',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.staff.abe.id}`, body: { region: 'emea' } }),
    expect: { member: 404, outsider: 404, coordinator: 200, admin: 200 },
  },

  {
    what: 'PATCH /v1/participants/:id of a participant, role',
    request: (w) => ({ method: 'PATCH', path: `/v1/participants/${w.people.mia.id}`, body: { role: 'coordinator' } }),
    expect: { member: 404, outsider: 404, coordinator: 403, admin: 200 },
  },
  {
    what: 'PATCH /v1/participants/:id of oneself, role',
    request: (w, who) => ({ method: 'PATCH', path: `/v1/participants/${w.self[who].id}`, body: { role: 'admin' } }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 200 },
  },

  // Invitations: coordinators invite participants, admins anyone. Nobody but the redeemer sees a credential.
  {
    what: 'POST /v1/participants/:id/invitations of a participant',
    request: (w) => ({ method: 'POST', path: `/v1/participants/${w.people.olu.id}/invitations`, body: {} }),
    expect: staff(201),
  },
  {
    what: 'POST /v1/participants/:id/invitations of a coordinator',
    request: (w) => ({ method: 'POST', path: `/v1/participants/${w.staff.cole.id}/invitations`, body: {} }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 201 },
  },
  {
    what: 'POST /v1/participants/:id/invitations of an admin',
    request: (w) => ({ method: 'POST', path: `/v1/participants/${w.staff.abe.id}/invitations`, body: {} }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 201 },
  },
  {
    what: 'GET /v1/participants/:id/invitations',
    request: (w) => ({ method: 'GET', path: `/v1/participants/${w.people.mia.id}/invitations` }),
    expect: staff(200),
  },
  {
    what: "DELETE /v1/invitations/:id of a participant's pending invitation",
    request: (w) => ({ method: 'DELETE', path: `/v1/invitations/${w.invitations.olu}` }),
    expect: staff(200),
  },
  {
    what: "DELETE /v1/invitations/:id of a coordinator's pending invitation",
    request: (w) => ({ method: 'DELETE', path: `/v1/invitations/${w.invitations.cole}` }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 200 },
  },
  {
    what: "DELETE /v1/invitations/:id of an admin's pending invitation",
    request: (w) => ({ method: 'DELETE', path: `/v1/invitations/${w.invitations.abe}` }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 200 },
  },
  { what: 'GET /v1/me/credentials', request: () => ({ method: 'GET', path: '/v1/me/credentials' }), expect: everyone(200) },
  {
    what: "DELETE /v1/me/credentials/:id of one's own credential",
    request: (w, who) => ({ method: 'DELETE', path: `/v1/me/credentials/${w.ownToken[who]}` }),
    expect: everyone(200),
  },
  {
    what: "DELETE /v1/me/credentials/:id of another person's credential",
    request: (w) => ({ method: 'DELETE', path: `/v1/me/credentials/${w.tokens.mia}` }),
    expect: everyone(404),
  },
  {
    what: 'GET /v1/audit',
    request: () => ({ method: 'GET', path: '/v1/audit' }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 200 },
  },
  {
    what: 'GET /v1/org/identity-providers',
    request: () => ({ method: 'GET', path: '/v1/org/identity-providers' }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 200 },
  },
  {
    what: 'POST /v1/org/identity-providers',
    request: () => ({
      method: 'POST',
      path: '/v1/org/identity-providers',
      body: { label: 'Okta', issuer: `https://idp-${uuid()}.example`, clientId: 'dyad' },
    }),
    expect: { member: 403, outsider: 403, coordinator: 403, admin: 201 },
  },

  { what: 'GET /v1/programmes', request: () => ({ method: 'GET', path: '/v1/programmes' }), expect: everyone(200) },
  { what: 'GET /v1/programmes/:id', request: (w) => ({ method: 'GET', path: `/v1/programmes/${w.programme.id}` }), expect: everyone(200) },
  {
    what: 'POST /v1/programmes',
    request: () => ({ method: 'POST', path: '/v1/programmes', body: { name: 'Advisory council', kind: 'advisory' } }),
    expect: staff(201),
  },
  {
    what: 'PATCH /v1/programmes/:id',
    request: (w) => ({ method: 'PATCH', path: `/v1/programmes/${w.programme.id}`, body: { charter: 'Meet monthly.' } }),
    expect: staff(200),
  },

  { what: 'GET /v1/engagements', request: () => ({ method: 'GET', path: '/v1/engagements' }), expect: everyone(200) },
  {
    what: 'POST /v1/engagements',
    request: (w) => ({
      method: 'POST',
      path: '/v1/engagements',
      body: {
        programmeId: w.programme.id,
        members: [
          { participantId: w.people.olu.id, role: 'mentor' },
          { participantId: w.people.mia.id, role: 'mentee' },
        ],
        startsOn: '2026-02-02',
      },
    }),
    expect: staff(201),
  },
  {
    what: 'GET /v1/engagements/:id',
    request: (w) => ({ method: 'GET', path: `/v1/engagements/${w.engagement.id}` }),
    expect: { member: 200, outsider: 404, coordinator: 200, admin: 200 },
  },
  {
    // A participant may change no engagement, their own included; 403 comes before any lookup, so it tells nothing.
    what: 'PATCH /v1/engagements/:id',
    request: (w) => ({ method: 'PATCH', path: `/v1/engagements/${w.engagement.id}`, body: { objectives: ['Ship the launch review'] } }),
    expect: staff(200),
  },

  {
    what: 'PUT /v1/sessions/:id (new)',
    request: (w) => ({ method: 'PUT', path: `/v1/sessions/${uuid()}`, body: sessionBody(w.engagement.id) }),
    expect: membersOnly(201),
  },
  {
    what: 'PUT /v1/sessions/:id (existing)',
    request: (w) => ({
      method: 'PUT',
      path: `/v1/sessions/${w.session.id}`,
      body: sessionBody(w.engagement.id, {
        startsAt: w.session.startsAt,
        endsAt: w.session.endsAt,
        source: w.session.source,
        cycle: 'talent_review',
      }),
    }),
    expect: membersOnly(200),
  },
  { what: 'GET /v1/sessions/:id', request: (w) => ({ method: 'GET', path: `/v1/sessions/${w.session.id}` }), expect: membersOnly(200) },
  { what: 'GET /v1/sessions', request: () => ({ method: 'GET', path: '/v1/sessions' }), expect: everyone(200) },

  {
    what: 'PUT /v1/sessions/:id/notes/:noteId (new)',
    request: (w) => ({
      method: 'PUT',
      path: `/v1/sessions/${w.session.id}/notes/${uuid()}`,
      body: { body: 'My note', clientUpdatedAt: now() },
    }),
    expect: membersOnly(201),
  },
  {
    what: "PUT /v1/sessions/:id/notes/:noteId over another member's shared note",
    request: (w) => ({
      method: 'PUT',
      path: `/v1/sessions/${w.session.id}/notes/${w.notes.miaShared}`,
      body: { body: 'Overwritten', visibility: 'shared', clientUpdatedAt: now() },
    }),
    expect: membersOnly(403),
  },
  {
    what: "PUT /v1/sessions/:id/notes/:noteId over another member's private note",
    request: (w) => ({
      method: 'PUT',
      path: `/v1/sessions/${w.session.id}/notes/${w.notes.miaPrivate}`,
      body: { body: 'Overwritten', clientUpdatedAt: now() },
    }),
    expect: membersOnly(404),
  },
  {
    what: 'GET /v1/sessions/:id/notes',
    request: (w) => ({ method: 'GET', path: `/v1/sessions/${w.session.id}/notes` }),
    expect: membersOnly(200),
  },

  {
    what: 'PUT /v1/sessions/:id/pulse',
    request: (w) => ({ method: 'PUT', path: `/v1/sessions/${w.session.id}/pulse`, body: { value: 5, clientUpdatedAt: now() } }),
    expect: membersOnly(200), // Lee answered already: answering again replaces it
  },
  {
    what: 'GET /v1/sessions/:id/pulse',
    request: (w) => ({ method: 'GET', path: `/v1/sessions/${w.session.id}/pulse` }),
    expect: membersOnly(200),
  },
  { what: 'GET /v1/pulse/questions', request: () => ({ method: 'GET', path: '/v1/pulse/questions' }), expect: everyone(200) },
  {
    what: 'POST /v1/batch',
    request: (w) => ({
      method: 'POST',
      path: '/v1/batch',
      body: { ops: [{ op: { kind: 'session', sessionId: uuid(), body: sessionBody(w.engagement.id) } }] },
    }),
    expect: everyone(200),
  },

  { what: 'GET /v1/population', request: () => ({ method: 'GET', path: '/v1/population' }), expect: staff(200) },
  {
    what: 'PUT /v1/population/:dimension',
    request: () => ({ method: 'PUT', path: '/v1/population/gender', body: { counts: { woman: 480, man: 510, 'non-binary': 10 } } }),
    expect: staff(200),
  },
];

const errorCode: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

function send(w: World, who: Caller | Anonymous, rule: Rule) {
  const { method, path, ...opts } = rule.request(w, who);
  return w.clients[who].send(method, path, opts);
}

describe('who may call what (PRODUCT.md §3)', () => {
  /**
   * One organisation per endpoint, every caller in turn. Refusals come first and are checked to
   * write nothing, so they cannot change what a later caller gets; allowed calls come last.
   */
  const summary = (rule: Rule) =>
    `${rule.what}: ${callers.map((who) => `${who} ${rule.expect[who]}`).join(', ')}; 401 without a valid token`;

  it.each(rules.map((rule) => [summary(rule), rule] as const))('%s', async (_, rule) => {
    const w = await world();
    const expected: Record<Caller | Anonymous, number> = { 'no token': 401, 'bad token': 401, 'revoked token': 401, ...rule.expect };
    const everyCaller = Object.keys(expected) as (Caller | Anonymous)[];
    const refused = everyCaller.filter((who) => expected[who] >= 400);
    const allowed = everyCaller.filter((who) => expected[who] < 400);
    const before = await snapshot();

    const answered: Partial<Record<Caller | Anonymous, number>> = {};
    const errors: Partial<Record<Caller | Anonymous, unknown>> = {};
    for (const who of refused) {
      const res = await send(w, who, rule);
      answered[who] = res.status;
      errors[who] = res.body;
    }
    const afterRefusals = await snapshot();
    const replies: { who: string; text: string }[] = [];
    for (const who of allowed) {
      const res = await send(w, who, rule);
      answered[who] = res.status;
      replies.push({ who, text: `${JSON.stringify(res.body)} ${res.headers.get('set-cookie') ?? ''}` });
    }

    expect(answered).toEqual(expected);
    // The matrix's credential column: no route hands anyone a credential (an access or refresh
    // token) — only signing in and redeeming do, to the signer.
    for (const { who, text } of replies) expect(text, `${who}: no credential in the reply`).not.toMatch(/dyad_(at|rt)_/);
    for (const who of refused) {
      expect(errors[who], who).toMatchObject({ error: { code: errorCode[expected[who]], message: expect.any(String) } });
    }
    expect(afterRefusals, 'refused requests write nothing').toBe(before);
  });
});

describe('staff records: only admins change the access of coordinators and admins', () => {
  /** An organisation with its admin Ada, a coordinator, and a participant; plus Ada's own record. */
  async function staffOrg() {
    const org = await pairOrg();
    const ada = (await org.admin.get('/v1/me')).body.participant as Participant;
    return { ...org, ada };
  }
  const works = async (client: Client) => (await client.send('GET', '/v1/me', {})).status;

  it('a coordinator who deactivates the admin is refused, and every admin token keeps working', async () => {
    const { coordinator, admin, ada } = await staffOrg();
    const before = await snapshot();

    const res = await coordinator.patch(`/v1/participants/${ada.id}`, { status: 'inactive' });

    expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await snapshot()).toBe(before);
    expect(await works(admin)).toBe(200);
  });

  it("a coordinator cannot point the admin's email elsewhere (how sign-in finds them)", async () => {
    const { coordinator, admin, ada } = await staffOrg();

    const res = await coordinator.patch(`/v1/participants/${ada.id}`, { email: 'cora.takes.over@example.com' });

    expect(res.status).toBe(403);
    expect((await admin.get('/v1/me')).body.participant.email).toBe(ada.email);
  });

  it("a coordinator can neither invite the admin (and so sign in as them) nor revoke the admin's sign-in", async () => {
    const { coordinator, admin, ada } = await staffOrg();
    const adminsOwn = (await admin.get('/v1/me/credentials')).body.credentials[0];
    const before = await snapshot();

    const invited = await coordinator.post(`/v1/participants/${ada.id}/invitations`, {});
    const revoked = await coordinator.delete(`/v1/me/credentials/${adminsOwn.id}`);

    expect([invited.status, revoked.status]).toEqual([403, 404]);
    expect(invited.body).not.toHaveProperty('code');
    expect(await snapshot()).toBe(before);
  });

  it('a coordinator cannot make anyone a coordinator or an admin — themselves included', async () => {
    const { coordinator, coordinatorPerson, people } = await staffOrg();
    const before = await snapshot();

    const self = await coordinator.patch(`/v1/participants/${coordinatorPerson.id}`, { role: 'admin' });
    const other = await coordinator.patch(`/v1/participants/${people.mia.id}`, { role: 'coordinator' });

    expect([self.status, other.status]).toEqual([403, 403]);
    expect(await snapshot()).toBe(before);
  });

  it('a coordinator cannot reactivate an admin another admin deactivated', async () => {
    const { coordinator, admin } = await staffOrg();
    const abe = await addPerson(admin, 'Abe Admin');
    await admin.patch(`/v1/participants/${abe.id}`, { role: 'admin' });
    await admin.patch(`/v1/participants/${abe.id}`, { status: 'inactive' });

    const res = await coordinator.patch(`/v1/participants/${abe.id}`, { status: 'active' });

    expect(res.status).toBe(403);
    expect((await admin.get(`/v1/participants/${abe.id}`)).body.status).toBe('inactive');
  });

  it('a coordinator changes neither their own status nor their own email; an admin may', async () => {
    const { coordinator, admin, coordinatorPerson } = await staffOrg();

    const own = await coordinator.patch(`/v1/participants/${coordinatorPerson.id}`, { email: `cora.${uuid()}@example.com` });
    const byAdmin = await admin.patch(`/v1/participants/${coordinatorPerson.id}`, { status: 'inactive' });

    expect([own.status, byAdmin.status]).toEqual([403, 200]);
    expect(await works(coordinator)).toBe(401);
  });

  it('sending the current status or email again is not a change, and is allowed', async () => {
    const { coordinator, ada } = await staffOrg();

    const res = await coordinator.patch(`/v1/participants/${ada.id}`, { status: 'active', email: ada.email, region: 'emea' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', email: ada.email, region: 'emea' });
  });

  it('someone an admin made a participant again may be deactivated by a coordinator; their sign-in stops at once', async () => {
    const { coordinator, admin } = await staffOrg();
    const former = await addPerson(admin, 'Fay Former');
    const secret = await tokenFor(admin, former.id, 'coordinator');
    const refusedWhileStaff = await coordinator.patch(`/v1/participants/${former.id}`, { status: 'inactive' });
    await admin.patch(`/v1/participants/${former.id}`, { role: 'participant' });

    const res = await coordinator.patch(`/v1/participants/${former.id}`, { status: 'inactive' });

    expect([refusedWhileStaff.status, res.status]).toEqual([403, 200]);
    expect(await works(as(secret))).toBe(401);
  });
});

describe('an organisation always keeps a working admin', () => {
  it('the only admin cannot deactivate themselves (409), and still works', async () => {
    const { admin } = await pairOrg();
    const ada = (await admin.get('/v1/me')).body.participant;
    const before = await snapshot();

    const res = await admin.patch(`/v1/participants/${ada.id}`, { status: 'inactive' });

    expect(res).toMatchObject({ status: 409, body: { error: { code: 'conflict', details: { path: 'status' } } } });
    expect(await snapshot()).toBe(before);
    expect((await admin.get('/v1/me')).status).toBe(200);
  });

  it('with two admins one may deactivate the other, and then the one left is kept', async () => {
    const { admin } = await pairOrg();
    const ada = (await admin.get('/v1/me')).body.participant;
    const abe = await addPerson(admin, 'Abe Admin');
    const abeClient = as(await tokenFor(admin, abe.id, 'admin'));

    const first = await abeClient.patch(`/v1/participants/${ada.id}`, { status: 'inactive' });
    const second = await abeClient.patch(`/v1/participants/${abe.id}`, { status: 'inactive' });

    expect([first.status, second.status]).toEqual([200, 409]);
    expect((await abeClient.get('/v1/me')).status).toBe(200);
  });

  it('the only admin cannot demote themselves (409); with a second admin they may', async () => {
    const { admin } = await pairOrg();
    const ada = (await admin.get('/v1/me')).body.participant;

    const refused = await admin.patch(`/v1/participants/${ada.id}`, { role: 'coordinator' });
    const abe = await addPerson(admin, 'Abe Admin');
    await admin.patch(`/v1/participants/${abe.id}`, { role: 'admin' });
    const allowed = await admin.patch(`/v1/participants/${ada.id}`, { role: 'coordinator' });

    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict', details: { path: 'role' } } } });
    expect(allowed.status).toBe(200);
    // The demotion holds at once for the credential Ada already has: roles belong to people.
    expect((await admin.get('/v1/me')).body.role).toBe('coordinator');
    expect((await admin.get('/v1/audit')).status).toBe(403);
  });

  it('two admins deactivating each other at the same instant: one is refused, and an admin remains', async () => {
    const { admin } = await pairOrg();
    const ada = (await admin.get('/v1/me')).body.participant;
    const abe = await addPerson(admin, 'Abe Admin');
    const abeClient = as(await tokenFor(admin, abe.id, 'admin'));

    const replies = await Promise.all([
      admin.patch(`/v1/participants/${abe.id}`, { status: 'inactive' }),
      abeClient.patch(`/v1/participants/${ada.id}`, { status: 'inactive' }),
    ]);

    // The one that lost is refused as a conflict, or — if the winner wrote before it signed in — as no longer an admin.
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200)).toEqual([expect.toSatisfy((s: number) => s === 409 || s === 401)]);
    const stillWorking = await Promise.all([admin, abeClient].map(async (c) => (await c.get('/v1/me')).status));
    expect(stillWorking.sort()).toEqual([200, 401]);
  });

  it('the database itself refuses a write that would leave no working admin, and rolls back its whole batch', async () => {
    const { admin, org } = await pairOrg();
    const ada = (await admin.get('/v1/me')).body.participant;
    const before = await snapshot();

    const write = env.DB.batch([
      env.DB.prepare(`UPDATE participants SET display_name = 'Renamed' WHERE id = ?1`).bind(ada.id),
      env.DB.prepare(`UPDATE participants SET status = 'inactive' WHERE org_id = ?1 AND id = ?2`).bind(org.id, ada.id),
    ]);
    const demotion = env.DB.prepare(`UPDATE participants SET role = 'participant' WHERE org_id = ?1 AND id = ?2`)
      .bind(org.id, ada.id)
      .run();

    await expect(write).rejects.toThrow(/dyad_last_active_admin/);
    await expect(demotion).rejects.toThrow(/dyad_last_active_admin/);
    expect(await snapshot()).toBe(before);
  });
});

describe('tokens that no longer work', () => {
  it('a credential is refused from the moment its holder revokes it', async () => {
    const { coordinator, people } = await pairOrg();
    const second = await signInAgain(coordinator, people.olu.id);
    const before = await second.client.get('/v1/me');

    await second.client.delete(`/v1/me/credentials/${second.credentialId}`);

    expect(before.status).toBe(200);
    expect(await second.client.get('/v1/me')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });

  it("a deactivated participant's token is refused", async () => {
    const { coordinator, olu, people } = await pairOrg();

    await coordinator.patch(`/v1/participants/${people.olu.id}`, { status: 'inactive' });

    expect(await olu.get('/v1/me')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });

  it('an Authorization header that is not a bearer token is refused', async () => {
    const { adminToken } = await pairOrg();

    const res = await call('GET', '/v1/me', { headers: { authorization: `Basic ${adminToken}` } });

    expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });
});

describe("POST /v1/batch — each op with the caller's own rights", () => {
  it.each([
    ['the member writes a session, a note and a pulse', 'member', [201, 201, 200]],
    ['the outsider gets 404 for each', 'outsider', [404, 404, 404]],
    ['a coordinator who is not a member gets 404 for each', 'coordinator', [404, 404, 404]],
    ['an admin who is not a member gets 404 for each', 'admin', [404, 404, 404]],
  ] as const)('%s', async (_, who, statuses) => {
    const w = await world();
    const ops = [
      { op: { kind: 'session', sessionId: uuid(), body: sessionBody(w.engagement.id) } },
      { op: { kind: 'note', sessionId: w.session.id, noteId: uuid(), body: { body: 'Queued offline', clientUpdatedAt: now() } } },
      { op: { kind: 'pulse', sessionId: w.session.id, body: { value: 3, clientUpdatedAt: now() } } },
    ];

    const res = await w.clients[who].send('POST', '/v1/batch', { body: { ops } });

    expect(res.status).toBe(200);
    expect(zBatchResponse.parse(res.body).results.map((r) => r.status)).toEqual(statuses);
  });
});

describe('what each caller sees in lists', () => {
  it('a participant lists only the engagements they are a member of', async () => {
    const { lee, olu, engagement, coordinator, programme, people } = await pairOrg();
    await addEngagement(coordinator, programme.id, [
      [people.olu.id, 'mentor'],
      [people.mia.id, 'mentee'],
    ]);

    const [leeList, oluList, staffList] = await Promise.all([
      lee.get('/v1/engagements'),
      olu.get('/v1/engagements'),
      coordinator.get('/v1/engagements'),
    ]);

    expect(leeList.body.engagements.map((e: { id: string }) => e.id)).toEqual([engagement.id]);
    expect(oluList.body.engagements).toHaveLength(1);
    expect(oluList.body.engagements[0].id).not.toBe(engagement.id);
    expect(staffList.body.engagements).toHaveLength(2);
  });

  it('sessions are listed only to members of their engagement, staff included', async () => {
    const { lee, mia, olu, coordinator, admin, engagement } = await pairOrg();
    const created = await lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id));

    const lists = await Promise.all([lee, mia, olu, coordinator, admin].map((c) => c.get('/v1/sessions')));

    expect(lists.map((l) => l.body.sessions.map((s: { id: string }) => s.id))).toEqual([[created.body.id], [created.body.id], [], [], []]);
  });
});

describe('attributes: write-only for staff, readable by the person', () => {
  const hasNoAttributes = (value: unknown) => expect(value).not.toHaveProperty('attributes');

  it.each(staffRoles)("$a never receives another person's attributes", async ({ role }) => {
    const org = await pairOrg();
    const client = org[role];
    const csv = `displayName,email,attr:gender\nIvy Import,ivy.${uuid()}@example.com,woman\n`;

    const created = await client.post('/v1/participants', {
      displayName: 'Nia New',
      email: `nia.${uuid()}@example.com`,
      attributes: { gender: 'woman' },
    });
    const read = await client.get(`/v1/participants/${org.people.mia.id}`);
    const patched = await client.patch(`/v1/participants/${org.people.mia.id}`, { attributes: { ethnicity: 'asian' } });
    const list = await client.get('/v1/participants');
    const imported = await client.send('POST', '/v1/participants/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
    const engagement = await client.get(`/v1/engagements/${org.engagement.id}`);

    expect([created.status, read.status, patched.status, list.status, imported.status]).toEqual([201, 200, 200, 200, 200]);
    hasNoAttributes(created.body);
    hasNoAttributes(read.body);
    hasNoAttributes(patched.body);
    expect(list.body.participants.length).toBeGreaterThan(3);
    list.body.participants.forEach(hasNoAttributes);
    engagement.body.members.forEach(hasNoAttributes);
    expect(JSON.stringify([created.body, read.body, patched.body, list.body, imported.body, engagement.body])).not.toMatch(/woman|asian/);
  });

  it('a participant reads their own attributes on GET /v1/me and GET /v1/participants/:self', async () => {
    const { mia, people } = await pairOrg();

    const me = await mia.get('/v1/me');
    const self = await mia.get(`/v1/participants/${people.mia.id}`);

    expect(me.body.participant.attributes).toEqual({ gender: 'woman' });
    expect(self.body.attributes).toEqual({ gender: 'woman' });
  });

  it('a participant changes their own attributes, and null removes one', async () => {
    const { mia, people } = await pairOrg();
    await mia.patch(`/v1/participants/${people.mia.id}`, { attributes: { ethnicity: 'black' } });

    const res = await mia.patch(`/v1/participants/${people.mia.id}`, { attributes: { gender: null } });

    expect(res.status).toBe(200);
    expect(res.body.attributes).toEqual({ ethnicity: 'black' });
    expect((await mia.get('/v1/me')).body.participant.attributes).toEqual({ ethnicity: 'black' });
  });

  it('a participant who changes another field of their own record is refused and nothing changes', async () => {
    const { mia, people } = await pairOrg();
    const before = await snapshot();

    const res = await mia.patch(`/v1/participants/${people.mia.id}`, { attributes: { gender: 'man' }, level: 'executive' });

    expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await snapshot()).toBe(before);
  });
});

describe('notes: members read their own and the shared ones; staff only their own', () => {
  it("a member reads their own notes and the engagement's shared notes, never another member's private note", async () => {
    const { lee, mia, engagement } = await pairOrg();
    const session = (await lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id))).body;
    await mia.put(`/v1/sessions/${session.id}/notes/${uuid()}`, { body: 'Mia shared', visibility: 'shared', clientUpdatedAt: now() });
    await mia.put(`/v1/sessions/${session.id}/notes/${uuid()}`, { body: 'Mia private', clientUpdatedAt: now() });
    await lee.put(`/v1/sessions/${session.id}/notes/${uuid()}`, { body: 'Lee private', clientUpdatedAt: now() });

    const res = await lee.get(`/v1/sessions/${session.id}/notes`);

    expect(res.body.notes.map((n: { body: string }) => n.body).sort()).toEqual(['Lee private', 'Mia shared']);
  });

  it.each(staffRoles)("$a who is a member reads only their own notes, never a member's shared note", async ({ role }) => {
    const org = await pairOrg();
    const staffPerson = role === 'coordinator' ? org.coordinatorPerson : (await org.admin.get('/v1/me')).body.participant;
    const engagement = await addEngagement(org.coordinator, org.programme.id, [
      [staffPerson.id, 'mentor'],
      [org.people.lee.id, 'mentee'],
    ]);
    const session = (await org.lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id))).body;
    await org.lee.put(`/v1/sessions/${session.id}/notes/${uuid()}`, { body: 'Lee shared', visibility: 'shared', clientUpdatedAt: now() });
    await org.lee.put(`/v1/sessions/${session.id}/notes/${uuid()}`, { body: 'Lee private', clientUpdatedAt: now() });
    await org[role].put(`/v1/sessions/${session.id}/notes/${uuid()}`, {
      body: 'Staff shared',
      visibility: 'shared',
      clientUpdatedAt: now(),
    });

    const staffNotes = await org[role].get(`/v1/sessions/${session.id}/notes`);
    const leeNotes = await org.lee.get(`/v1/sessions/${session.id}/notes`);

    expect(staffNotes.status).toBe(200);
    expect(staffNotes.body.notes.map((n: { body: string }) => n.body)).toEqual(['Staff shared']);
    expect(leeNotes.body.notes.map((n: { body: string }) => n.body).sort()).toEqual(['Lee private', 'Lee shared', 'Staff shared']);
  });

  it.each(staffRoles)(
    "$a who is a member gets 404, not 403, writing under a member's shared note id, and the note is unchanged",
    async ({ role }) => {
      const org = await pairOrg();
      const staffPerson = role === 'coordinator' ? org.coordinatorPerson : (await org.admin.get('/v1/me')).body.participant;
      const engagement = await addEngagement(org.coordinator, org.programme.id, [
        [staffPerson.id, 'mentor'],
        [org.people.lee.id, 'mentee'],
      ]);
      const session = (await org.lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id))).body;
      const noteId = uuid();
      await org.lee.put(`/v1/sessions/${session.id}/notes/${noteId}`, { body: 'Lee shared', visibility: 'shared', clientUpdatedAt: now() });
      const before = await snapshot();

      const res = await org[role].put(`/v1/sessions/${session.id}/notes/${noteId}`, { body: 'Overwritten', clientUpdatedAt: now() });

      expect(res).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      expect(await snapshot()).toBe(before);
    },
  );

  it.each(staffRoles)('$a who is not a member gets 404 for the notes and the pulse', async ({ role }) => {
    const org = await pairOrg();
    const session = (await org.lee.put(`/v1/sessions/${uuid()}`, sessionBody(org.engagement.id))).body;
    await org.lee.put(`/v1/sessions/${session.id}/notes/${uuid()}`, { body: 'Lee shared', visibility: 'shared', clientUpdatedAt: now() });
    await org.lee.put(`/v1/sessions/${session.id}/pulse`, { value: 2, checkIn: true, clientUpdatedAt: now() });

    const replies = await Promise.all([
      org[role].get(`/v1/sessions/${session.id}/notes`),
      org[role].get(`/v1/sessions/${session.id}/pulse`),
    ]);

    expect(replies.map((r) => r.status)).toEqual([404, 404]);
    expect(JSON.stringify(replies.map((r) => r.body))).not.toMatch(/Lee shared|checkIn/);
  });
});

describe("pulse: nobody reads anyone else's answer", () => {
  it("GET /v1/sessions/:id/pulse returns the caller's own answer only", async () => {
    const { lee, mia, engagement } = await pairOrg();
    const session = (await lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id))).body;
    await lee.put(`/v1/sessions/${session.id}/pulse`, { value: 2, safety: 1, checkIn: true, clientUpdatedAt: now() });
    await mia.put(`/v1/sessions/${session.id}/pulse`, { value: 5, clientUpdatedAt: now() });

    const [leeAnswer, miaAnswer] = await Promise.all([
      lee.get(`/v1/sessions/${session.id}/pulse`),
      mia.get(`/v1/sessions/${session.id}/pulse`),
    ]);

    expect(leeAnswer.body).toMatchObject({ sessionId: session.id, value: 2, safety: 1, checkIn: true });
    expect(miaAnswer.body).toMatchObject({ sessionId: session.id, value: 5, safety: null, checkIn: false });
  });

  it('a member who has not answered gets 404, though another member has', async () => {
    const { lee, mia, engagement } = await pairOrg();
    const session = (await lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id))).body;
    await lee.put(`/v1/sessions/${session.id}/pulse`, { value: 4, clientUpdatedAt: now() });

    const res = await mia.get(`/v1/sessions/${session.id}/pulse`);

    expect(res).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await mia.get(`/v1/sessions/${session.id}`)).body.pulseAnswered).toBe(false);
    expect((await lee.get(`/v1/sessions/${session.id}`)).body.pulseAnswered).toBe(true);
  });
});
