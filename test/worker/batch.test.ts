import { describe, expect, it } from 'vitest';
import { zBatchResponse } from '../../shared';
import { countRows, pairOrg, sessionBody, uuid } from './support';

const session = (sessionId: string, body: unknown) => ({ kind: 'session', sessionId, body });
const note = (sessionId: string, noteId: string, body: unknown) => ({ kind: 'note', sessionId, noteId, body });
const pulse = (sessionId: string, body: unknown) => ({ kind: 'pulse', sessionId, body });

describe('POST /v1/batch — the offline queue', () => {
  it('applies a session, its note and its pulse in order', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const noteId = uuid();
    const now = new Date().toISOString();

    const res = await lee.post('/v1/batch', {
      ops: [
        { ref: 'a', op: session(id, sessionBody(engagement.id)) },
        { ref: 'b', op: note(id, noteId, { body: 'Talked about AI pilots', clientUpdatedAt: now }) },
        { ref: 'c', op: pulse(id, { value: 5, clientUpdatedAt: now }) },
      ],
    });

    expect(res.status).toBe(200);
    expect(zBatchResponse.parse(res.body).results.map((r) => [r.ref, r.status])).toEqual([
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
        { op: session(good1, sessionBody(engagement.id)) },
        { op: session(uuid(), { ...sessionBody(engagement.id), startsAt: 'yesterday' }) },
        { op: session(good2, sessionBody(engagement.id)) },
      ],
    });

    expect(res.status).toBe(200);
    const [first, bad, third] = zBatchResponse.parse(res.body).results;
    expect(first!.status).toBe(201);
    expect(bad!.status).toBe(400);
    expect(bad!.ok).toBe(false);
    expect(bad!.body).toMatchObject({ error: { code: 'invalid_input', details: [expect.objectContaining({ path: 'body.startsAt' })] } });
    expect(third!.status).toBe(201);
    expect((await countRows()).sessions).toBe(before.sessions + 2);
  });

  it('reports a write of a kind it does not carry, and a session the caller may not see, per op', async () => {
    const { lee, olu, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    const res = await olu.post('/v1/batch', {
      ops: [
        { op: { kind: 'programme', programmeId: uuid(), body: {} } },
        { op: pulse(id, { value: 1, clientUpdatedAt: new Date().toISOString() }) },
      ],
    });

    const { results } = zBatchResponse.parse(res.body);
    expect(results.map((r) => [r.ok, r.kind, r.status, r.ok ? null : r.body.error.code])).toEqual([
      [false, undefined, 400, 'invalid_input'],
      [false, 'pulse', 404, 'not_found'],
    ]);
  });

  it('replayed batch writes nothing twice', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const now = new Date().toISOString();
    const ops = [
      { op: session(id, sessionBody(engagement.id)) },
      { op: note(id, uuid(), { body: 'n', clientUpdatedAt: now }) },
      { op: pulse(id, { value: 4, clientUpdatedAt: now }) },
    ];
    await lee.post('/v1/batch', { ops });
    const afterFirst = await countRows();

    const replay = await lee.post('/v1/batch', { ops });

    expect(zBatchResponse.parse(replay.body).results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await countRows()).toEqual(afterFirst);
  });

  it('recovers after a lost response: the retry returns what the first attempt stored', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const ops = [{ op: session(id, sessionBody(engagement.id)) }];
    const first = await lee.post('/v1/batch', { ops }); // imagine this response never reached the extension

    const retry = await lee.post('/v1/batch', { ops });

    expect(retry.body.results[0].body).toEqual(first.body.results[0].body);
  });

  it('refuses an empty batch, one of more than 100 ops, and an item that is not an object, as a whole', async () => {
    const { lee, engagement } = await pairOrg();
    const before = await countRows();
    const tooMany = Array.from({ length: 101 }, () => ({ op: session(uuid(), sessionBody(engagement.id)) }));

    const replies = await Promise.all(
      [{ ops: [] }, { ops: tooMany }, { ops: ['not an op'] }, { ops: [{ op: {}, extra: 1 }] }].map((b) => lee.post('/v1/batch', b)),
    );

    expect(replies.map((r) => [r.status, r.body.error.code])).toEqual(Array(4).fill([400, 'invalid_input']));
    expect(await countRows()).toEqual(before);
  });
});
