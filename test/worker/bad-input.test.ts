import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { zBatchResponse } from '../../shared';
import { BOOTSTRAP, call, invite, pairOrg, sessionBody, signInAgain, snapshot, tokenFor, uuid } from './support';

/** The error envelope exactly as the spec shows it: code, message and details (null when there is nothing more). */
function expectEnvelope(body: any, code: string) {
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.toSatisfy((d) => d !== undefined) } });
}

/** Each bad request must answer the error envelope with a 4xx and leave every table as it was. */
async function expectRefused(send: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await snapshot();

  const res = await send();

  expect(res.status).toBe(status);
  expectEnvelope(res.body, code);
  expect(await snapshot()).toBe(before);
  return res;
}

/** A request with a body of raw bytes (call() sends strings, which fetch always encodes as valid UTF-8). */
async function sendBytes(method: string, path: string, token: string, bytes: Uint8Array<ArrayBuffer>, contentType: string) {
  const res = await SELF.fetch(`http://dyad.test${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: bytes,
  });
  return { status: res.status, body: await res.json<any>() };
}

describe('bad input is refused with the error envelope and writes nothing', () => {
  it('malformed JSON', async () => {
    const { lee, engagement } = await pairOrg();

    await expectRefused(
      () =>
        lee.send('PUT', `/v1/sessions/${uuid()}`, {
          raw: `{"engagementId": "${engagement.id}`,
          headers: { 'content-type': 'application/json' },
        }),
      400,
      'malformed_json',
    );
  });

  it('a body that is not JSON at all', async () => {
    const { lee } = await pairOrg();

    await expectRefused(
      () => lee.send('PUT', `/v1/sessions/${uuid()}`, { raw: 'hello', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('wrong types, with the offending field in details', async () => {
    const { lee, engagement } = await pairOrg();

    const res = await expectRefused(
      () => lee.put(`/v1/sessions/${uuid()}`, { ...sessionBody(engagement.id), startsAt: 12345 }),
      400,
      'invalid_input',
    );
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'startsAt' })]);
  });

  it('no body at all', async () => {
    const { lee } = await pairOrg();

    await expectRefused(() => lee.put(`/v1/sessions/${uuid()}`), 400, 'invalid_input');
  });

  it('unknown enum values', async () => {
    const { lee, engagement, coordinator } = await pairOrg();

    await expectRefused(
      () => lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id, { source: { provider: 'yahoo', eventId: 'x' } })),
      400,
      'invalid_input',
    );
    await expectRefused(() => coordinator.post('/v1/programmes', { name: 'P', kind: 'buddy' }), 400, 'invalid_input');
    await expectRefused(() => lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id, { cycle: 'holiday' })), 400, 'invalid_input');
  });

  it('unknown fields (a typo must not be silently dropped)', async () => {
    const { coordinator } = await pairOrg();

    await expectRefused(() => coordinator.post('/v1/programmes', { name: 'P', kind: 'classic', minSessions: 3 }), 400, 'invalid_input');
  });

  it('a pulse score outside 1–5', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    await expectRefused(
      () => lee.put(`/v1/sessions/${id}/pulse`, { value: 6, clientUpdatedAt: new Date().toISOString() }),
      400,
      'invalid_input',
    );
    await expectRefused(
      () => lee.put(`/v1/sessions/${id}/pulse`, { value: 3.5, clientUpdatedAt: new Date().toISOString() }),
      400,
      'invalid_input',
    );
  });

  it('a note over 20,000 characters', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    await expectRefused(
      () => lee.put(`/v1/sessions/${id}/notes/${uuid()}`, { body: 'x'.repeat(20_001), clientUpdatedAt: new Date().toISOString() }),
      400,
      'invalid_input',
    );
  });

  it('a batch of more than 100 writes', async () => {
    const { lee, engagement } = await pairOrg();
    const ops = Array.from({ length: 101 }, () => ({ method: 'PUT', path: `/v1/sessions/${uuid()}`, body: sessionBody(engagement.id) }));

    await expectRefused(() => lee.post('/v1/batch', { ops }), 400, 'invalid_input');
  });

  it('a body over 256 KB', async () => {
    const { lee, engagement } = await pairOrg();
    const huge = { ...sessionBody(engagement.id), padding: 'x'.repeat(300 * 1024) };

    await expectRefused(() => lee.put(`/v1/sessions/${uuid()}`, huge), 413, 'payload_too_large');
  });

  it('an end before the start, and dates that do not exist', async () => {
    const { lee, engagement, coordinator, programme, people } = await pairOrg();

    await expectRefused(
      () =>
        lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id, { startsAt: '2026-03-02T10:00:00Z', endsAt: '2026-03-02T09:00:00Z' })),
      400,
      'invalid_input',
    );
    await expectRefused(
      () => lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id, { startsAt: '2026-02-30T10:00:00Z' })),
      400,
      'invalid_input',
    );
    const members = [
      { participantId: people.mia.id, role: 'mentor' },
      { participantId: people.olu.id, role: 'mentee' },
    ];
    await expectRefused(
      () => coordinator.post('/v1/engagements', { programmeId: programme.id, members, startsOn: '2026-05-01', endsOn: '2026-04-01' }),
      400,
      'invalid_input',
    );
    await expectRefused(
      () => coordinator.post('/v1/engagements', { programmeId: programme.id, members, startsOn: '2026-13-01' }),
      400,
      'invalid_input',
    );
  });

  it('unknown ids in the path or the body', async () => {
    const { lee, engagement, coordinator, programme, people } = await pairOrg();

    await expectRefused(() => lee.put(`/v1/sessions/${uuid()}`, sessionBody(uuid())), 404, 'not_found');
    await expectRefused(
      () => lee.put(`/v1/sessions/${uuid()}/notes/${uuid()}`, { body: 'hi', clientUpdatedAt: new Date().toISOString() }),
      404,
      'not_found',
    );
    await expectRefused(() => lee.put(`/v1/sessions/not-a-uuid`, sessionBody(engagement.id)), 400, 'invalid_input');
    await expectRefused(() => coordinator.patch(`/v1/programmes/${uuid()}`, { name: 'X' }), 404, 'not_found');
    await expectRefused(
      () =>
        coordinator.post('/v1/engagements', {
          programmeId: programme.id,
          members: [
            { participantId: people.mia.id, role: 'mentor' },
            { participantId: uuid(), role: 'mentee' },
          ],
          startsOn: '2026-05-01',
        }),
      404,
      'not_found',
    );
  });

  it('a clientUpdatedAt more than a day in the future', async () => {
    const { lee, engagement } = await pairOrg();

    await expectRefused(
      () =>
        lee.put(
          `/v1/sessions/${uuid()}`,
          sessionBody(engagement.id, { clientUpdatedAt: new Date(Date.now() + 3 * 86400_000).toISOString() }),
        ),
      400,
      'invalid_input',
    );
  });

  it('a participants CSV with one bad row imports nothing and names the row', async () => {
    const { coordinator } = await pairOrg();
    const csv = 'displayName,email,level,attr:gender\nAna,ana@example.com,senior,woman\nBo,not-an-email,mid,man\n';

    const res = await expectRefused(
      () => coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: { 'content-type': 'text/csv' } }),
      400,
      'invalid_input',
    );
    expect(res.body.error.details.rows).toEqual([expect.objectContaining({ row: 3, field: 'email' })]);
  });

  it('an unknown route', async () => {
    const { lee } = await pairOrg();

    await expectRefused(() => lee.get('/v1/nothing-here'), 404, 'not_found');
  });
});

const now = () => new Date().toISOString();

describe('what storage would silently change is refused, not stored changed', () => {
  it('a lone UTF-16 surrogate in any string (D1 would store U+FFFD in its place)', async () => {
    const { lee, engagement, coordinator, people } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    const note = await expectRefused(
      () => lee.put(`/v1/sessions/${id}/notes/${uuid()}`, { body: 'Cut mid-emoji \ud83d', clientUpdatedAt: now() }),
      400,
      'invalid_input',
    );
    const name = await expectRefused(
      () => coordinator.post('/v1/participants', { displayName: '\udc00Ana', email: `ana.${uuid()}@example.com` }),
      400,
      'invalid_input',
    );
    await expectRefused(() => lee.patch(`/v1/participants/${people.lee.id}`, { attributes: { gender: '\ud800' } }), 400, 'invalid_input');
    expect(note.body.error.details).toEqual([{ path: 'body', message: expect.any(String), code: 'lone_surrogate' }]);
    expect(name.body.error.details).toEqual([expect.objectContaining({ path: 'displayName', code: 'lone_surrogate' })]);
  });

  it('a well-formed emoji (a surrogate pair) is stored as sent', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    const res = await lee.put(`/v1/sessions/${id}/notes/${uuid()}`, { body: 'Great session 🎉', clientUpdatedAt: now() });

    expect(res.status).toBe(201);
    expect(res.body.body).toBe('Great session 🎉');
  });

  it('a lone surrogate in one op of a batch refuses that op only', async () => {
    const { lee, engagement } = await pairOrg();
    const sessionId = uuid();
    const noteId = uuid();

    const res = await lee.post('/v1/batch', {
      ops: [
        { ref: 'session', op: { kind: 'session', sessionId, body: sessionBody(engagement.id) } },
        { ref: 'note', op: { kind: 'note', sessionId, noteId, body: { body: 'half \udbff', clientUpdatedAt: now() } } },
      ],
    });

    const results = zBatchResponse.parse(res.body).results;
    expect(results.map((r) => [r.ref, r.status])).toEqual([
      ['session', 201],
      ['note', 400],
    ]);
    expect(results[1]).toMatchObject({
      ok: false,
      kind: 'note',
      body: { error: { details: [{ path: 'body.body', code: 'lone_surrogate' }] } },
    });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM notes WHERE id = ?1').bind(noteId).first('n')).toBe(0);
  });

  it('a __proto__ key in population counts (a record would drop it and store the rest)', async () => {
    const { coordinator } = await pairOrg();

    const res = await expectRefused(
      () =>
        coordinator.send('PUT', '/v1/population/gender', {
          raw: '{"counts":{"__proto__":5,"woman":480}}',
          headers: { 'content-type': 'application/json' },
        }),
      400,
      'invalid_input',
    );
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'counts.__proto__', code: 'reserved_key' })]);
  });

  it('a __proto__ key in attributes, from the participant or from staff', async () => {
    const { lee, coordinator, people } = await pairOrg();
    const raw = (attributes: string) => ({ raw: `{"attributes":${attributes}}`, headers: { 'content-type': 'application/json' } });

    await expectRefused(() => lee.send('PATCH', `/v1/participants/${people.lee.id}`, raw('{"__proto__":"x"}')), 400, 'invalid_input');
    await expectRefused(
      () => coordinator.send('PATCH', `/v1/participants/${people.mia.id}`, raw('{"gender":"woman","__proto__":{"gender":"man"}}')),
      400,
      'invalid_input',
    );
  });

  it('bytes that are not UTF-8, in JSON or in a CSV (decoding would store U+FFFD)', async () => {
    const { coordinatorToken } = await pairOrg();
    // "Zoë" saved as Windows-1252: ë is the single byte 0xEB, not UTF-8.
    const csv = new Uint8Array([
      ...new TextEncoder().encode('displayName,email\nZo'),
      0xeb,
      ...new TextEncoder().encode(',zoe@example.com\n'),
    ]);
    const json = new Uint8Array([
      ...new TextEncoder().encode('{"attributes":{"gender":"'),
      0xed,
      0xa0,
      0x80,
      ...new TextEncoder().encode('"}}'),
    ]);

    const imported = await expectRefused(
      () => sendBytes('POST', '/v1/participants/import', coordinatorToken, csv, 'text/csv'),
      400,
      'invalid_input',
    );
    await expectRefused(() => sendBytes('PUT', '/v1/population/gender', coordinatorToken, json, 'application/json'), 400, 'invalid_input');
    expect(imported.body.error.message).toMatch(/UTF-8/);
  });
});

describe('every error body carries details, null when there is nothing more to say', () => {
  it.each([
    ['401 without a token', () => call('GET', '/v1/me'), 401, 'unauthorized'],
    ['404 for an unknown route', () => call('GET', '/v1/nowhere'), 404, 'not_found'],
    [
      '413 for a body too large',
      () => call('PUT', `/v1/sessions/${uuid()}`, { token: 'x', raw: 'x'.repeat(300 * 1024) }),
      413,
      'payload_too_large',
    ],
  ] as const)('%s', async (_, send, status, code) => {
    const res = await send();

    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String), details: null } });
  });

  it('403, 404, 409, 415 and malformed JSON from the routes, and a refused op of a batch', async () => {
    const { lee, engagement, people } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));
    const json = { 'content-type': 'application/json' };

    const replies = [
      await lee.patch(`/v1/participants/${people.lee.id}`, { displayName: 'Lee L.' }),
      await lee.get(`/v1/sessions/${uuid()}`),
      await lee.put(`/v1/sessions/${id}`, sessionBody(uuid(), { clientUpdatedAt: now() })),
      await lee.send('PUT', `/v1/sessions/${uuid()}`, { raw: 'hello', headers: { 'content-type': 'text/plain' } }),
      await lee.send('PUT', `/v1/sessions/${uuid()}`, { raw: '{"engagementId":', headers: json }),
    ];
    const batch = await lee.post('/v1/batch', {
      ops: [{ op: { kind: 'note', sessionId: uuid(), noteId: uuid(), body: { body: 'x', clientUpdatedAt: now() } } }],
    });

    expect(replies.map((r) => r.status)).toEqual([403, 404, 409, 415, 400]);
    for (const r of replies) expect(r.body.error).toHaveProperty('details');
    expect(replies.map((r) => r.body.error.details)).toEqual([null, null, { path: 'engagementId' }, null, null]);
    expect(batch.body.results[0].body).toEqual({ error: { code: 'not_found', message: expect.any(String), details: null } });
  });
});

/**
 * A hostile sweep of every write route: from a request the route accepts, every way of breaking it
 * that must be refused — the whole body not an object, too deep, not JSON, not UTF-8; each field of
 * the wrong type or holding half a character; a `__proto__` or unknown key in each object; ids that
 * are not ids. Each answer must be a 4xx with the error envelope, never a 5xx, and no row may change.
 */
describe('a hostile sweep of every write route: 4xx with the envelope, never a 5xx, no row changed', () => {
  type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
  type Path = (string | number)[];
  interface Route {
    name: string;
    token: string;
    method: string;
    path: string;
    /** The same path with its ids replaced by `id` (a malformed or unknown one). */
    pathWith?: (id: string) => string;
    /** The id in the path is the client's: an unknown one is a create, not an attack. */
    clientId?: true;
    body?: Json;
  }

  /** Every path in a JSON value, with the node at it. */
  function* nodes(value: Json, path: Path = []): Generator<[Path, Json]> {
    yield [path, value];
    if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* nodes(v, [...path, i]);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* nodes(v, [...path, k]);
  }

  function replaced(body: Json, path: Path, change: (node: Json) => Json): Json {
    if (path.length === 0) return change(body);
    const copy = structuredClone(body) as Record<string | number, Json>;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
    const last = path.at(-1)!;
    parent[last] = change(parent[last]!);
    return copy as Json;
  }

  /** A key set as an own property, as JSON.parse makes it — even `__proto__`. */
  const withKey = (node: Json, key: string, value: Json): Json => {
    const copy = { ...(node as Record<string, Json>) };
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  };

  /** Raw JSON bodies that must each be refused, named for what they break. */
  function* hostile(body: Json): Generator<[string, string]> {
    for (const whole of [null, [], 'text', 42, true]) yield [`the body is ${JSON.stringify(whole)}`, JSON.stringify(whole)];
    yield ['the body nests 50,000 arrays deep', `${'['.repeat(50_000)}${']'.repeat(50_000)}`];
    yield ['the body is cut short', JSON.stringify(body).slice(0, -1)];
    for (const [path, node] of nodes(body)) {
      const at = path.join('.') || 'the body';
      if (typeof node === 'string') {
        yield [`${at} holds a lone surrogate`, JSON.stringify(replaced(body, path, (s) => `${s}\ud800`))];
        yield [`${at} is an object`, JSON.stringify(replaced(body, path, () => ({})))];
      } else if (typeof node === 'number') {
        yield [`${at} is a string`, JSON.stringify(replaced(body, path, (n) => String(n)))];
      } else if (typeof node === 'boolean') {
        yield [`${at} is a string`, JSON.stringify(replaced(body, path, (b) => String(b)))];
      } else if (Array.isArray(node)) {
        yield [`${at} is an object`, JSON.stringify(replaced(body, path, () => ({})))];
      } else if (node && typeof node === 'object') {
        yield [`${at} has a __proto__ key`, JSON.stringify(replaced(body, path, (o) => withKey(o, '__proto__', { polluted: true })))];
        yield [`${at} has an unknown key`, JSON.stringify(replaced(body, path, (o) => withKey(o, 'zz_unknown', {})))];
      }
    }
  }

  async function routes(): Promise<Route[]> {
    const o = await pairOrg();
    const leeToken = await tokenFor(o.coordinator, o.people.lee.id);
    const session = (await o.lee.put(`/v1/sessions/${uuid()}`, sessionBody(o.engagement.id))).body;
    const noteId = uuid();
    const second = await signInAgain(o.coordinator, o.people.olu.id);
    const pending = await invite(o.coordinator, o.people.olu.id);
    const c = o.coordinatorToken;
    return [
      {
        name: 'POST /v1/orgs',
        token: BOOTSTRAP,
        method: 'POST',
        path: '/v1/orgs',
        body: { name: 'Org', admin: { displayName: 'Ada', email: `ada.${uuid()}@example.com` }, attributeDimensions: ['gender'] },
      },
      {
        name: 'PATCH /v1/org',
        token: o.adminToken,
        method: 'PATCH',
        path: '/v1/org',
        body: { minGroupSize: 6, attributeDimensions: ['gender'] },
      },
      {
        name: 'POST /v1/participants',
        token: c,
        method: 'POST',
        path: '/v1/participants',
        body: { displayName: 'Nia', email: `nia.${uuid()}@example.com`, level: 'mid', attributes: { gender: 'woman' } },
      },
      {
        name: 'PATCH /v1/participants/:id (staff)',
        token: c,
        method: 'PATCH',
        path: `/v1/participants/${o.people.mia.id}`,
        pathWith: (id) => `/v1/participants/${id}`,
        body: { displayName: 'Mia', region: 'EMEA', status: 'active', attributes: { gender: 'woman', age_band: null } },
      },
      {
        name: 'PATCH /v1/participants/:id (own attributes)',
        token: leeToken,
        method: 'PATCH',
        path: `/v1/participants/${o.people.lee.id}`,
        body: { attributes: { gender: 'man' } },
      },
      {
        name: 'PATCH /v1/participants/:id (role)',
        token: o.adminToken,
        method: 'PATCH',
        path: `/v1/participants/${o.people.mia.id}`,
        pathWith: (id) => `/v1/participants/${id}`,
        body: { role: 'coordinator' },
      },
      {
        name: 'POST /v1/participants/:id/invitations',
        token: c,
        method: 'POST',
        path: `/v1/participants/${o.people.olu.id}/invitations`,
        pathWith: (id) => `/v1/participants/${id}/invitations`,
        body: { expiresInDays: 3 },
      },
      {
        name: 'DELETE /v1/invitations/:id',
        token: c,
        method: 'DELETE',
        path: `/v1/invitations/${pending.invitation.id}`,
        pathWith: (id) => `/v1/invitations/${id}`,
      },
      {
        name: 'DELETE /v1/me/credentials/:id',
        token: second.accessToken,
        method: 'DELETE',
        path: `/v1/me/credentials/${second.credentialId}`,
        pathWith: (id) => `/v1/me/credentials/${id}`,
      },
      {
        name: 'POST /v1/org/identity-providers',
        token: o.adminToken,
        method: 'POST',
        path: '/v1/org/identity-providers',
        body: {
          label: 'Okta',
          issuer: `https://idp-${uuid()}.example`,
          clientId: 'dyad',
          emailClaim: 'email',
          emailDomains: ['example.com'],
        },
      },
      {
        name: 'POST /v1/programmes',
        token: c,
        method: 'POST',
        path: '/v1/programmes',
        body: { name: 'P', kind: 'classic', charter: 'c', minSessionsPerQuarter: 2 },
      },
      {
        name: 'PATCH /v1/programmes/:id',
        token: c,
        method: 'PATCH',
        path: `/v1/programmes/${o.programme.id}`,
        pathWith: (id) => `/v1/programmes/${id}`,
        body: { name: 'P2', charter: 'c', minSessionsPerQuarter: 3 },
      },
      {
        name: 'POST /v1/engagements',
        token: c,
        method: 'POST',
        path: '/v1/engagements',
        body: {
          programmeId: o.programme.id,
          members: [
            { participantId: o.people.olu.id, role: 'mentor' },
            { participantId: o.people.mia.id, role: 'mentee' },
          ],
          startsOn: '2026-02-02',
          objectives: ['Ship'],
        },
      },
      {
        name: 'PATCH /v1/engagements/:id',
        token: c,
        method: 'PATCH',
        path: `/v1/engagements/${o.engagement.id}`,
        pathWith: (id) => `/v1/engagements/${id}`,
        body: { status: 'paused', objectives: ['Ship the pilot'] },
      },
      {
        name: 'PUT /v1/sessions/:id',
        token: leeToken,
        method: 'PUT',
        path: `/v1/sessions/${uuid()}`,
        pathWith: (id) => `/v1/sessions/${id}`,
        clientId: true,
        body: sessionBody(o.engagement.id, { cycle: 'other' }),
      },
      {
        name: 'PUT /v1/sessions/:id/notes/:noteId',
        token: leeToken,
        method: 'PUT',
        path: `/v1/sessions/${session.id}/notes/${noteId}`,
        pathWith: (id) => `/v1/sessions/${session.id}/notes/${id}`,
        clientId: true,
        body: { body: 'n', visibility: 'shared', actionItems: [{ text: 't', done: false }], clientUpdatedAt: now() },
      },
      {
        name: 'PUT /v1/sessions/:id/pulse',
        token: leeToken,
        method: 'PUT',
        path: `/v1/sessions/${session.id}/pulse`,
        pathWith: (id) => `/v1/sessions/${id}/pulse`,
        body: { value: 4, safety: 5, checkIn: true, clientUpdatedAt: now() },
      },
      // One op each: a broken op refuses only itself, so a second, sound op would rightly be written.
      {
        name: 'POST /v1/batch (a pulse)',
        token: leeToken,
        method: 'POST',
        path: '/v1/batch',
        body: {
          ops: [{ ref: 'p', queuedMs: 1000, op: { kind: 'pulse', sessionId: session.id, body: { value: 3, clientUpdatedAt: now() } } }],
        },
      },
      {
        name: 'POST /v1/batch (a note)',
        token: leeToken,
        method: 'POST',
        path: '/v1/batch',
        body: {
          ops: [
            {
              ref: 'n',
              op: {
                kind: 'note',
                sessionId: session.id,
                noteId,
                body: { body: 'b', actionItems: [{ text: 't' }], clientUpdatedAt: now() },
              },
            },
          ],
        },
      },
      {
        name: 'PUT /v1/population/:dimension',
        token: c,
        method: 'PUT',
        path: '/v1/population/gender',
        pathWith: (id) => `/v1/population/${id}`,
        body: { counts: { woman: 5, man: 4 } },
      },
    ];
  }

  const send = async (route: Route, path: string, body: BodyInit | undefined, contentType = 'application/json') => {
    const res = await SELF.fetch(`http://dyad.test${path}`, {
      method: route.method,
      headers: { authorization: `Bearer ${route.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };

  /** A refusal as the spec has it: 4xx and the envelope; or, for a batch, every op refused on its own. */
  function expectRefusal(name: string, res: { status: number; body: any }) {
    if (res.status === 200 && Array.isArray(res.body?.results)) {
      for (const r of res.body.results) {
        expect([r.ok, r.status >= 400 && r.status < 500], `${name}: op ${r.ref}`).toEqual([false, true]);
        expectEnvelope(r.body, r.body.error.code);
      }
      return;
    }
    expect(res.status >= 400 && res.status < 500, `${name}: ${res.status} ${JSON.stringify(res.body)}`).toBe(true);
    expectEnvelope(res.body, res.body.error?.code);
  }

  it.each([
    'POST /v1/orgs',
    'PATCH /v1/org',
    'POST /v1/participants',
    'PATCH /v1/participants/:id (staff)',
    'PATCH /v1/participants/:id (own attributes)',
    'PATCH /v1/participants/:id (role)',
    'POST /v1/participants/:id/invitations',
    'DELETE /v1/invitations/:id',
    'DELETE /v1/me/credentials/:id',
    'POST /v1/org/identity-providers',
    'POST /v1/programmes',
    'PATCH /v1/programmes/:id',
    'POST /v1/engagements',
    'PATCH /v1/engagements/:id',
    'PUT /v1/sessions/:id',
    'PUT /v1/sessions/:id/notes/:noteId',
    'PUT /v1/sessions/:id/pulse',
    'POST /v1/batch (a pulse)',
    'POST /v1/batch (a note)',
    'PUT /v1/population/:dimension',
  ])('%s', async (name) => {
    const route = (await routes()).find((r) => r.name === name)!;
    const attacks: Array<[string, () => ReturnType<typeof send>]> = [];
    if (route.body !== undefined) {
      for (const [what, raw] of hostile(route.body)) attacks.push([what, () => send(route, route.path, raw)]);
      const json = new TextEncoder().encode(JSON.stringify(route.body));
      attacks.push(['the body is not UTF-8', () => send(route, route.path, new Uint8Array([0xff, ...json.slice(1)]))]);
      attacks.push(['the body is sent as text/plain', () => send(route, route.path, JSON.stringify(route.body), 'text/plain')]);
    }
    for (const id of ['not-a-uuid', ...(route.clientId ? [] : [uuid()]), `${uuid()}%00`, 'x'.repeat(2000)]) {
      if (route.pathWith)
        attacks.push([
          `the id is ${id.slice(0, 40)}`,
          () => send(route, route.pathWith!(id), route.body === undefined ? undefined : JSON.stringify(route.body)),
        ]);
    }
    const before = await snapshot();

    for (const [what, attack] of attacks) expectRefusal(`${name}, ${what}`, await attack());

    expect(attacks.length).toBeGreaterThan(route.body === undefined ? 3 : 10);
    expect(await snapshot(), `${name}: no row changed`).toBe(before);
  });

  it('POST /v1/participants/import', async () => {
    const { coordinatorToken } = await pairOrg();
    const route: Route = { name: 'import', token: coordinatorToken, method: 'POST', path: '/v1/participants/import' };
    const csv = (text: string) => send(route, route.path, text, 'text/csv');
    const attacks: Array<[string, () => ReturnType<typeof send>]> = [
      ['an empty file', () => csv('')],
      ['a header and no rows', () => csv('displayName,email\n')],
      ['an attr:__proto__ column', () => csv('displayName,email,attr:__proto__\nAna,ana@example.com,x\n')],
      ['a dimension the organisation does not collect', () => csv('displayName,email,attr:shoe_size\nAna,ana@example.com,38\n')],
      ['an unterminated quote', () => csv('displayName,email\n"Ana,ana@example.com\n')],
      ['a row with too many fields', () => csv('displayName,email\nAna,ana@example.com,extra\n')],
      ['a row with a lone-surrogate escape (text, not JSON: kept as typed)', () => csv('displayName,email\nAna,not-an-email\\ud800\n')],
      ['bytes that are not UTF-8', () => send(route, route.path, new Uint8Array([0x41, 0x2c, 0xff, 0x0a]), 'text/csv')],
      ['a JSON body', () => send(route, route.path, '{"rows":[]}', 'application/json')],
    ];
    const before = await snapshot();

    for (const [what, attack] of attacks) expectRefusal(`import, ${what}`, await attack());

    expect(await snapshot()).toBe(before);
  });
});
