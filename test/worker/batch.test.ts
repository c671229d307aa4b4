import { describe, expect, it } from 'vitest';
import { countRows, pairOrg, sessionBody, uuid } from './support';

describe('POST /v1/batch — the offline queue', () => {
  it('applies a session, its note and its pulse in order', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const noteId = uuid();
    const now = new Date().toISOString();

    const res = await lee.post('/v1/batch', {
      ops: [
        { ref: 'a', method: 'PUT', path: `/v1/sessions/${id}`, body: sessionBody(engagement.id) },
        { ref: 'b', method: 'PUT', path: `/v1/sessions/${id}/notes/${noteId}`, body: { body: 'Talked about AI pilots', clientUpdatedAt: now } },
        { ref: 'c', method: 'PUT', path: `/v1/sessions/${id}/pulse`, body: { value: 5, clientUpdatedAt: now } },
      ],
    });

    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => [r.ref, r.status])).toEqual([
      ['a', 201],
      ['b', 201],
      ['c', 201],
    ]);
    expect((await lee.get(`/v1/sessions/${id}/notes`)).body.notes[0].body).toBe('Talked about AI pilots');
    expect((await lee.get(`/v1/sessions/${id}/pulse`)).body.value).toBe(5);
  });

  it('with one invalid op applies the others and reports the invalid one', async () => {
    const { lee, engagement } = await pairOrg();
    const good1 = uuid();
    const good2 = uuid();
    const before = await countRows();

    const res = await lee.post('/v1/batch', {
      ops: [
        { method: 'PUT', path: `/v1/sessions/${good1}`, body: sessionBody(engagement.id) },
        { method: 'PUT', path: `/v1/sessions/${uuid()}`, body: { ...sessionBody(engagement.id), startsAt: 'yesterday' } },
        { method: 'PUT', path: `/v1/sessions/${good2}`, body: sessionBody(engagement.id) },
      ],
    });

    expect(res.status).toBe(200);
    const [first, bad, third] = res.body.results;
    expect(first.status).toBe(201);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_input', details: [expect.objectContaining({ path: 'startsAt' })] });
    expect(third.status).toBe(201);
    expect((await countRows()).sessions).toBe(before.sessions + 2);
  });

  it('reports a write to a path it does not carry, and a session the caller may not see, per op', async () => {
    const { lee, olu, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    const res = await olu.post('/v1/batch', {
      ops: [
        { method: 'PUT', path: '/v1/programmes/x', body: {} },
        { method: 'PUT', path: `/v1/sessions/${id}/pulse`, body: { value: 1, clientUpdatedAt: new Date().toISOString() } },
      ],
    });

    expect(res.body.results.map((r: any) => [r.status, r.body.error.code])).toEqual([
      [404, 'not_found'],
      [404, 'not_found'],
    ]);
  });

  it('replayed batch writes nothing twice', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const now = new Date().toISOString();
    const ops = [
      { method: 'PUT', path: `/v1/sessions/${id}`, body: sessionBody(engagement.id) },
      { method: 'PUT', path: `/v1/sessions/${id}/notes/${uuid()}`, body: { body: 'n', clientUpdatedAt: now } },
      { method: 'PUT', path: `/v1/sessions/${id}/pulse`, body: { value: 4, clientUpdatedAt: now } },
    ];
    await lee.post('/v1/batch', { ops });
    const afterFirst = await countRows();

    const replay = await lee.post('/v1/batch', { ops });

    expect(replay.body.results.map((r: any) => r.status)).toEqual([200, 200, 200]);
    expect(await countRows()).toEqual(afterFirst);
  });

  it('recovers after a lost response: the retry returns what the first attempt stored', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const ops = [{ method: 'PUT', path: `/v1/sessions/${id}`, body: sessionBody(engagement.id) }];
    const first = await lee.post('/v1/batch', { ops }); // imagine this response never reached the extension

    const retry = await lee.post('/v1/batch', { ops });

    expect(retry.body.results[0].body).toEqual(first.body.results[0].body);
  });

  it('refuses an empty batch', async () => {
    const { lee } = await pairOrg();

    const res = await lee.post('/v1/batch', { ops: [] });

    expect(res.status).toBe(400);
  });
});
