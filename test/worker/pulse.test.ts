import { describe, expect, it } from 'vitest';
import { pulseQueueGraceDays, zPulse, zPulseQuestions, zSession } from '../../shared';
import { pairOrg, sessionBody, snapshot, uuid } from './support';

const now = () => new Date().toISOString();
const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();

describe('pulse', () => {
  it('publishes the v1 question set', async () => {
    const { lee } = await pairOrg();

    const res = await lee.get('/v1/pulse/questions');

    expect(zPulseQuestions.parse(res.body).questions.map((q) => [q.id, q.required])).toEqual([
      ['value', true],
      ['safety', false],
      ['applied', false],
    ]);
  });

  it('one click on value is a complete answer, and the session stops asking', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));

    const res = await lee.put(`/v1/sessions/${id}/pulse`, { value: 4, clientUpdatedAt: now() });

    expect(res.status).toBe(201);
    expect(zPulse.parse(res.body)).toMatchObject({ value: 4, safety: null, applied: null, checkIn: false });
    expect(zSession.parse((await lee.get(`/v1/sessions/${id}`)).body).pulseAnswered).toBe(true);
  });

  it('answering again replaces the answer (one response per respondent)', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));
    await lee.put(`/v1/sessions/${id}/pulse`, { value: 4, clientUpdatedAt: daysAgo(0.01) });

    const res = await lee.put(`/v1/sessions/${id}/pulse`, { value: 2, safety: 5, applied: 3, checkIn: true, clientUpdatedAt: now() });

    expect(res.status).toBe(200);
    expect(zPulse.parse((await lee.get(`/v1/sessions/${id}/pulse`)).body)).toMatchObject({
      value: 2,
      safety: 5,
      applied: 3,
      checkIn: true,
    });
  });

  it("each member answers for themselves; nobody reads another's answer", async () => {
    const { lee, mia, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));
    await lee.put(`/v1/sessions/${id}/pulse`, { value: 1, clientUpdatedAt: now() });

    const miasView = await mia.get(`/v1/sessions/${id}/pulse`);

    expect(miasView.status).toBe(404);
    expect(zSession.parse((await mia.get(`/v1/sessions/${id}`)).body).pulseAnswered).toBe(false);
  });

  it('closes 14 days after the session ends', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id, { startsAt: daysAgo(16), endsAt: daysAgo(15) }));

    const res = await lee.put(`/v1/sessions/${id}/pulse`, { value: 3, clientUpdatedAt: now() });

    expect(res.status).toBe(409);
  });

  it('judges the window by the server clock: an answer dated an hour after a session that ended 90 days ago is refused', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const endsAt = daysAgo(90);
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id, { startsAt: daysAgo(90.05), endsAt }));
    const before = await snapshot();

    const backdated = await lee.put(`/v1/sessions/${id}/pulse`, {
      value: 1,
      checkIn: true,
      clientUpdatedAt: new Date(Date.parse(endsAt) + 3600_000).toISOString(),
    });
    const honest = await lee.put(`/v1/sessions/${id}/pulse`, { value: 1, clientUpdatedAt: now() });

    expect([backdated.status, honest.status]).toEqual([409, 409]);
    expect(backdated.body.error.code).toBe('conflict');
    expect(await snapshot()).toBe(before);
  });

  it('counts an answer queued offline inside the window when it arrives after, by how long it waited', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id, { startsAt: daysAgo(16), endsAt: daysAgo(15) }));

    const res = await lee.post('/v1/batch', {
      ops: [{ queuedMs: 2 * 86400_000, op: { kind: 'pulse', sessionId: id, body: { value: 3, clientUpdatedAt: daysAgo(2) } } }],
    });

    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201]);
    expect(zPulse.parse(res.body.results[0].body).value).toBe(3);
  });

  it(`a queued answer reaches back at most ${pulseQueueGraceDays} days, whatever wait it claims`, async () => {
    const { lee, engagement } = await pairOrg();
    const [justInside, justOutside] = [uuid(), uuid()];
    // Closed 6.9 and 7.1 days ago: a week's wait reaches the first, not the second.
    await lee.put(`/v1/sessions/${justInside}`, sessionBody(engagement.id, { startsAt: daysAgo(21), endsAt: daysAgo(20.9) }));
    await lee.put(`/v1/sessions/${justOutside}`, sessionBody(engagement.id, { startsAt: daysAgo(21.2), endsAt: daysAgo(21.1) }));
    const claim = (sessionId: string) => ({
      queuedMs: 365 * 86400_000,
      op: { kind: 'pulse', sessionId, body: { value: 3, clientUpdatedAt: daysAgo(20) } },
    });

    const res = await lee.post('/v1/batch', { ops: [claim(justInside), claim(justOutside)] });

    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201, 409]);
  });

  it('refuses a wait that is not a whole, non-negative number of milliseconds', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));
    const op = { kind: 'pulse', sessionId: id, body: { value: 3, clientUpdatedAt: now() } };

    const replies = await Promise.all([-1, 1.5, '86400000'].map((queuedMs) => lee.post('/v1/batch', { ops: [{ queuedMs, op }] })));

    expect(replies.map((r) => [r.status, r.body.error?.code])).toEqual(Array(3).fill([400, 'invalid_input']));
  });

  it('does not open before the session starts, nor for a cancelled session', async () => {
    const { lee, engagement } = await pairOrg();
    const future = uuid();
    const cancelled = uuid();
    const tomorrow = new Date(Date.now() + 86400_000);
    await lee.put(
      `/v1/sessions/${future}`,
      sessionBody(engagement.id, { startsAt: tomorrow.toISOString(), endsAt: new Date(tomorrow.getTime() + 3600_000).toISOString() }),
    );
    await lee.put(`/v1/sessions/${cancelled}`, sessionBody(engagement.id, { status: 'cancelled' }));

    expect((await lee.put(`/v1/sessions/${future}/pulse`, { value: 3, clientUpdatedAt: now() })).status).toBe(409);
    expect((await lee.put(`/v1/sessions/${cancelled}/pulse`, { value: 3, clientUpdatedAt: now() })).status).toBe(409);
  });
});
