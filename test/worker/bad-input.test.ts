import { describe, expect, it } from 'vitest';
import { pairOrg, sessionBody, snapshot, uuid } from './support';

/** Each bad request must answer the error envelope with a 4xx and leave every table as it was. */
async function expectRefused(send: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await snapshot();

  const res = await send();

  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(await snapshot()).toBe(before);
  return res;
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
