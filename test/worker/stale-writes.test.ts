import { describe, expect, it } from 'vitest';
import { zNote, zPulse, zSession } from '../../shared';
import { pairOrg, sessionBody, uuid } from './support';

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

describe('clientUpdatedAt: a stale offline edit never clobbers a newer one', () => {
  it('keeps the newer session and returns it to the stale writer', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const base = sessionBody(engagement.id, { clientUpdatedAt: at(30) });
    await lee.put(`/v1/sessions/${id}`, base);
    await lee.put(`/v1/sessions/${id}`, { ...base, cycle: 'talent_review', clientUpdatedAt: at(5) });

    const stale = await lee.put(`/v1/sessions/${id}`, { ...base, cycle: 'product_launch', clientUpdatedAt: at(10) });

    expect(stale.status).toBe(200);
    expect(zSession.parse(stale.body).cycle).toBe('talent_review');
    expect(zSession.parse((await lee.get(`/v1/sessions/${id}`)).body).cycle).toBe('talent_review');
  });

  it('applies a newer edit: cancelling a session', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const base = sessionBody(engagement.id, { clientUpdatedAt: at(30) });
    await lee.put(`/v1/sessions/${id}`, base);

    const res = await lee.put(`/v1/sessions/${id}`, { ...base, status: 'cancelled', clientUpdatedAt: at(1) });

    expect(zSession.parse(res.body).status).toBe('cancelled');
  });

  it('keeps the newer note', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    const noteId = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));
    await lee.put(`/v1/sessions/${id}/notes/${noteId}`, { body: 'newer', clientUpdatedAt: at(1) });

    const stale = await lee.put(`/v1/sessions/${id}/notes/${noteId}`, { body: 'older', clientUpdatedAt: at(20) });

    expect(stale.status).toBe(200);
    expect(zNote.parse(stale.body).body).toBe('newer');
  });

  it('keeps the newer pulse answer', async () => {
    const { lee, engagement } = await pairOrg();
    const id = uuid();
    await lee.put(`/v1/sessions/${id}`, sessionBody(engagement.id));
    await lee.put(`/v1/sessions/${id}/pulse`, { value: 2, clientUpdatedAt: at(1) });

    const stale = await lee.put(`/v1/sessions/${id}/pulse`, { value: 5, clientUpdatedAt: at(20) });

    expect(zPulse.parse(stale.body).value).toBe(2);
  });

  it('refuses to move a session to another engagement', async () => {
    const { lee, engagement, coordinator, programme, people } = await pairOrg();
    const other = await coordinator.post('/v1/engagements', {
      programmeId: programme.id,
      members: [
        { participantId: people.olu.id, role: 'mentor' },
        { participantId: people.lee.id, role: 'mentee' },
      ],
      startsOn: '2026-01-01',
    });
    const id = uuid();
    const base = sessionBody(engagement.id, { clientUpdatedAt: at(10) });
    await lee.put(`/v1/sessions/${id}`, base);

    const res = await lee.put(`/v1/sessions/${id}`, { ...base, engagementId: other.body.id, clientUpdatedAt: at(1) });

    expect(res.status).toBe(409);
    expect(zSession.parse((await lee.get(`/v1/sessions/${id}`)).body).engagementId).toBe(engagement.id);
  });
});
