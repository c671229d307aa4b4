import { describe, expect, it } from 'vitest';
import { zSession, zSessionList } from '../../shared';
import { countRows, pairOrg, sessionBody, uuid } from './support';

describe('PUT /v1/sessions/:id — tagging a calendar event', () => {
  it('creates a session for a member and answers 201', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();

    const res = await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    expect(res.status).toBe(201);
    expect(zSession.parse(res.body)).toMatchObject({ id, engagementId: engagement.id, status: 'held', cycle: null, pulseAnswered: false });
  });

  it('refuses a held session that ends when it starts (a misread calendar), and changes nothing; a cancelled one may', async () => {
    const { lee, engagement } = await pairOrg();
    const at = '2026-11-03T18:00:00.000Z';
    const before = await countRows();

    const held = await lee.put(`/v1/sessions/${uuid()}`, sessionBody(engagement.id, { startsAt: at, endsAt: at }));
    const inBatch = await lee.post('/v1/batch', {
      ops: [{ ref: 'zero', op: { kind: 'session', sessionId: uuid(), body: sessionBody(engagement.id, { startsAt: at, endsAt: at }) } }],
    });

    expect(held.status).toBe(400);
    expect(held.body.error).toMatchObject({ code: 'invalid_input', details: [expect.objectContaining({ path: 'endsAt' })] });
    expect(inBatch.body.results[0]).toMatchObject({ ok: false, status: 400 });
    expect(await countRows()).toEqual(before);

    const cancelled = await lee.put(
      `/v1/sessions/${uuid()}`,
      sessionBody(engagement.id, { startsAt: at, endsAt: at, status: 'cancelled' }),
    );
    expect(cancelled.status).toBe(201);
  });

  it('sent ten times creates one session', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const body = sessionBody(engagement.id);
    const before = await countRows();

    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await lee.put(`/v1/sessions/${id}`, body));

    expect(replies.map((r) => r.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
    expect((await countRows()).sessions).toBe(before.sessions + 1);
    expect(new Set(replies.map((r) => JSON.stringify(zSession.parse(r.body)))).size).toBe(1);
  });

  it('tagging the same calendar event under a new id returns the existing session', async () => {
    const { lee, mia, engagement } = await pairOrg();
    const first = sessionBody(engagement.id);
    const created = await lee.put(`/v1/sessions/${uuid()}`, first);

    const again = await mia.put(`/v1/sessions/${uuid()}`, { ...first, clientUpdatedAt: new Date().toISOString() });

    expect(again.status).toBe(200);
    expect(zSession.parse(again.body).id).toBe(zSession.parse(created.body).id);
    expect(zSessionList.parse((await lee.get('/v1/sessions')).body).sessions).toHaveLength(1);
  });
});
