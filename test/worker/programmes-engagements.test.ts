import { describe, expect, it } from 'vitest';
import { zEngagement, zEngagementList, zOrg } from '../../shared';
import { addPerson, addProgramme, call, pairOrg } from './support';

describe('programmes', () => {
  it('default their commitment by kind: 2 a quarter, advisory 1', async () => {
    const { coordinator } = await pairOrg();

    const kinds = await Promise.all(
      (['reverse', 'advisory', 'rotation', 'classic'] as const).map((kind) => coordinator.post('/v1/programmes', { name: kind, kind })),
    );

    expect(kinds.map((r) => [r.body.kind, r.body.minSessionsPerQuarter])).toEqual([
      ['reverse', 2],
      ['advisory', 1],
      ['rotation', 2],
      ['classic', 2],
    ]);
  });

  it('are listed for every role and edited by coordinators, but their kind is fixed', async () => {
    const { coordinator, lee, programme } = await pairOrg();

    const patched = await coordinator.patch(`/v1/programmes/${programme.id}`, {
      charter: 'Tech fluency for the exec team',
      minSessionsPerQuarter: 3,
    });
    const kindChange = await coordinator.patch(`/v1/programmes/${programme.id}`, { kind: 'classic' });

    expect(patched.body).toMatchObject({ charter: 'Tech fluency for the exec team', minSessionsPerQuarter: 3, kind: 'reverse' });
    expect(kindChange.status).toBe(400);
    expect((await lee.get('/v1/programmes')).body.programmes.map((p: any) => p.id)).toEqual([programme.id]);
  });
});

describe('engagements', () => {
  it('list with members for staff, and only their own for a participant', async () => {
    const { coordinator, lee, olu, engagement, people } = await pairOrg();

    const all = await coordinator.get('/v1/engagements');
    const mine = await lee.get('/v1/engagements');
    const none = await olu.get('/v1/engagements');

    expect(zEngagementList.parse(all.body).engagements).toHaveLength(1);
    expect(zEngagementList.parse(mine.body).engagements[0]).toMatchObject({
      id: engagement.id,
      status: 'active',
      members: expect.arrayContaining([
        expect.objectContaining({ participantId: people.lee.id, role: 'mentee', displayName: 'Lee Leader' }),
        expect.objectContaining({ participantId: people.mia.id, role: 'mentor' }),
      ]),
    });
    expect(zEngagementList.parse(none.body).engagements).toEqual([]);
  });

  it('advisory councils take several advisors and executives', async () => {
    const { coordinator } = await pairOrg();
    const advisory = await addProgramme(coordinator, 'advisory');
    const [a1, a2, e1] = await Promise.all(['Avery', 'Blake', 'Casey'].map((n) => addPerson(coordinator, n)));

    const res = await coordinator.post('/v1/engagements', {
      programmeId: advisory.id,
      members: [
        { participantId: a1!.id, role: 'advisor' },
        { participantId: a2!.id, role: 'advisor' },
        { participantId: e1!.id, role: 'executive' },
      ],
      startsOn: '2026-02-01',
      objectives: ['Challenge the 2027 pricing assumptions'],
    });

    expect(res.status).toBe(201);
    expect(zEngagement.parse(res.body).members).toHaveLength(3);
    expect(res.body.objectives).toEqual(['Challenge the 2027 pricing assumptions']);
  });

  it.each([
    ['a reverse pairing with two mentors', 'reverse', ['mentor', 'mentor'], {}, 'role_count'],
    ['a classic pairing with an advisor', 'classic', ['mentor', 'advisor'], {}, 'invalid_role'],
    ['a rotation without an end', 'rotation', ['rotator', 'host'], {}, 'required'],
    ['a rotation of 6 days', 'rotation', ['rotator', 'host'], { startsOn: '2026-03-01', endsOn: '2026-03-06' }, 'rotation_length'],
    ['a rotation of 43 days', 'rotation', ['rotator', 'host'], { startsOn: '2026-03-01', endsOn: '2026-04-12' }, 'rotation_length'],
  ] as const)('refuse %s', async (_, kind, roles, dates, code) => {
    const { coordinator, people } = await pairOrg();
    const programme = await addProgramme(coordinator, kind);

    const res = await coordinator.post('/v1/engagements', {
      programmeId: programme.id,
      members: [
        { participantId: people.mia.id, role: roles[0] },
        { participantId: people.olu.id, role: roles[1] },
      ],
      startsOn: '2026-03-01',
      ...dates,
    });

    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code })]));
  });

  it('accept rotations of exactly 7 and 42 days', async () => {
    const { coordinator, people } = await pairOrg();
    const rotation = await addProgramme(coordinator, 'rotation');
    const members = [
      { participantId: people.lee.id, role: 'rotator' },
      { participantId: people.olu.id, role: 'host' },
    ];

    const week = await coordinator.post('/v1/engagements', {
      programmeId: rotation.id,
      members,
      startsOn: '2026-03-01',
      endsOn: '2026-03-07',
    });
    const sixWeeks = await coordinator.post('/v1/engagements', {
      programmeId: rotation.id,
      members,
      startsOn: '2026-03-01',
      endsOn: '2026-04-11',
    });

    expect([week.status, sixWeeks.status]).toEqual([201, 201]);
  });

  it('patching members replaces them, and the new member gains access', async () => {
    const { coordinator, olu, engagement, people } = await pairOrg();

    const res = await coordinator.patch(`/v1/engagements/${engagement.id}`, {
      members: [
        { participantId: people.olu.id, role: 'mentor' },
        { participantId: people.lee.id, role: 'mentee' },
      ],
      status: 'paused',
    });

    expect(res.body.status).toBe('paused');
    expect(
      zEngagement
        .parse(res.body)
        .members.map((m) => m.participantId)
        .sort(),
    ).toEqual([people.lee.id, people.olu.id].sort());
    expect((await olu.get(`/v1/engagements/${engagement.id}`)).status).toBe(200);
  });
});

describe('population baselines and organisation settings', () => {
  it("a coordinator replaces a dimension's baseline", async () => {
    const { coordinator } = await pairOrg();
    await coordinator.put('/v1/population/gender', { counts: { woman: 480, man: 500, nonbinary: 20 } });

    const res = await coordinator.put('/v1/population/gender', { counts: { woman: 490, man: 510 } });

    expect(res.body.counts).toEqual({ woman: 490, man: 510 });
    expect((await coordinator.get('/v1/population')).body.dimensions).toEqual([
      expect.objectContaining({ dimension: 'gender', counts: { woman: 490, man: 510 } }),
    ]);
  });

  it('an admin sets the minimum group size within 3–10', async () => {
    const { admin } = await pairOrg();

    const ok = await admin.patch('/v1/org', { minGroupSize: 7, fiscalYearStartMonth: 4 });
    const tooSmall = await admin.patch('/v1/org', { minGroupSize: 2 });

    expect(zOrg.parse(ok.body)).toMatchObject({ minGroupSize: 7, fiscalYearStartMonth: 4, commentMinimum: 10 });
    expect(tooSmall.status).toBe(400);
  });

  it("creating an organisation needs the operator's bootstrap token", async () => {
    const { adminToken } = await pairOrg();

    const res = await call('POST', '/v1/orgs', { token: adminToken, body: { name: 'X', admin: { displayName: 'A', email: 'a@x.io' } } });

    expect(res.status).toBe(401);
  });
});
