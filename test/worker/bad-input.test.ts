import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { zBatchResponse } from '../../shared';
import { call, pairOrg, sessionBody, snapshot, uuid } from './support';

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
