import { describe, expect, it } from 'vitest';
import { zPulse, zPulseQuestions, zSession } from '../../shared';
import { pairOrg, sessionBody, uuid } from './support';

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

  it('counts an answer made offline inside the window even if it arrives after', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id, { startsAt: daysAgo(16), endsAt: daysAgo(15) }));

    const res = await lee.put(`/v1/sessions/${id}/pulse`, { value: 3, clientUpdatedAt: daysAgo(2) });

    expect(res.status).toBe(201);
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
