import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { auditStatement } from '../../worker/db/audit';
import { changesEngagementGuard, type EngagementValues } from '../../worker/db/engagements';
import { addEngagement, addPerson, pairOrg, type Client } from './support';

/**
 * The trail of writes that shape the population (issue 13): adding people with attributes, importing
 * them, setting their attributes, creating, pausing, closing or re-membering pairings — each in the
 * audit log with who did it, never with an attribute's value.
 */
type Entry = {
  action: string;
  actor: { id: string; role: string } | null;
  subject: { id: string } | null;
  detail: Record<string, unknown>;
};
const trail = async (admin: Client, action: string) => (await admin.get(`/v1/audit?action=${action}&limit=200`)).body.events as Entry[];
const csvHeaders = { 'content-type': 'text/csv' };

describe('the population trail', () => {
  it('records a person added, with the dimensions they were given and who added them', async () => {
    const { admin, coordinator, coordinatorPerson } = await pairOrg();

    const ana = await addPerson(coordinator, 'Ana Added', { attributes: { gender: 'trail-gender', age_band: 'trail-age' } });

    expect((await trail(admin, 'participant_created')).find((e) => e.subject?.id === ana.id)).toMatchObject({
      actor: { id: coordinatorPerson.id, role: 'coordinator' },
      detail: { dimensions: ['age_band', 'gender'] },
    });
  });

  it('records an import once, with counts and dimensions; a preview records nothing', async () => {
    const { admin, coordinator, coordinatorPerson, people } = await pairOrg();
    const csv = [
      'displayName,email,attr:gender,attr:ethnicity',
      `Mia Mentor,${people.mia.email},trail-gender,`,
      'Ana,ana@example.com,,',
    ].join('\n');

    await coordinator.send('POST', '/v1/participants/import?dryRun=true', { raw: csv, headers: csvHeaders });
    await coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: csvHeaders });

    const entries = await trail(admin, 'participants_imported');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: coordinatorPerson.id, role: 'coordinator' },
      subject: null,
      detail: { created: 1, updated: 1, dimensions: ['gender'] },
    });
  });

  it('records staff setting or removing attributes, by dimension; a person stating their own is not recorded', async () => {
    const { admin, coordinator, coordinatorPerson, people, lee } = await pairOrg();

    await coordinator.patch(`/v1/participants/${people.mia.id}`, { attributes: { gender: 'trail-gender', ethnicity: null } });
    await lee.patch(`/v1/participants/${people.lee.id}`, { attributes: { gender: 'trail-own' } });
    await coordinator.patch(`/v1/participants/${people.olu.id}`, { displayName: 'Olu Renamed' });

    const entries = await trail(admin, 'attributes_changed');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: coordinatorPerson.id, role: 'coordinator' },
      subject: { id: people.mia.id },
      detail: { dimensions: ['ethnicity', 'gender'] },
    });
  });

  it('records a pairing created: engagement, programme and member count, naming no member', async () => {
    const { admin, coordinator, coordinatorPerson, programme, people } = await pairOrg();

    const pairing = await addEngagement(coordinator, programme.id, [
      [people.olu.id, 'mentor'],
      [people.lee.id, 'mentee'],
    ]);

    expect((await trail(admin, 'engagement_created')).find((e) => e.detail.engagementId === pairing.id)).toEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ id: coordinatorPerson.id, role: 'coordinator' }),
        subject: null,
        detail: { engagementId: pairing.id, programmeId: programme.id, members: 2 },
      }),
    );
  });

  it('records pausing, closing, moving the dates and re-membering a pairing, each as from and to', async () => {
    const { admin, coordinator, engagement, people } = await pairOrg();
    const path = `/v1/engagements/${engagement.id}`;

    await coordinator.patch(path, { status: 'paused' });
    await coordinator.patch(path, { status: 'closed', endsOn: '2026-03-31' });
    await coordinator.patch(path, { startsOn: '2026-01-12' });
    await coordinator.patch(path, {
      members: [
        { participantId: people.olu.id, role: 'mentor' },
        { participantId: people.lee.id, role: 'mentee' },
      ],
    });

    expect((await trail(admin, 'engagement_changed')).map((e) => e.detail).reverse()).toEqual([
      { engagementId: engagement.id, status: { from: 'active', to: 'paused' } },
      { engagementId: engagement.id, status: { from: 'paused', to: 'closed' }, endsOn: { from: null, to: '2026-03-31' } },
      { engagementId: engagement.id, startsOn: { from: '2026-01-05', to: '2026-01-12' } },
      { engagementId: engagement.id, members: { added: 1, removed: 1 } },
    ]);
  });

  it('counts a role swap as a member removed and one added: the role groups change', async () => {
    const { admin, coordinator, engagement, people } = await pairOrg();

    await coordinator.patch(`/v1/engagements/${engagement.id}`, {
      members: [
        { participantId: people.lee.id, role: 'mentor' },
        { participantId: people.mia.id, role: 'mentee' },
      ],
    });

    expect((await trail(admin, 'engagement_changed')).map((e) => e.detail)).toEqual([
      { engagementId: engagement.id, members: { added: 2, removed: 2 } },
    ]);
  });

  it('records nothing for an objectives-only change, nor for members restated in another order', async () => {
    const { admin, coordinator, engagement, people } = await pairOrg();
    const path = `/v1/engagements/${engagement.id}`;

    const objectives = await coordinator.patch(path, { objectives: ['Ship the pilot'] });
    const restated = await coordinator.patch(path, {
      members: [
        { participantId: people.lee.id, role: 'mentee' },
        { participantId: people.mia.id, role: 'mentor' },
      ],
      status: 'active',
    });

    expect([objectives.status, restated.status]).toEqual([200, 200]);
    expect(await trail(admin, 'engagement_changed')).toEqual([]);
  });

  it('a retried write is recorded once: the retry changes nothing', async () => {
    const { admin, coordinator, engagement } = await pairOrg();
    const person = { displayName: 'Rita Retried', email: 'rita.retried@example.com', attributes: { gender: 'trail-gender' } };

    const pauses = [await coordinator.patch(`/v1/engagements/${engagement.id}`, { status: 'paused' })];
    pauses.push(await coordinator.patch(`/v1/engagements/${engagement.id}`, { status: 'paused' }));
    const added = await coordinator.post('/v1/participants', person);
    const again = await coordinator.post('/v1/participants', person);

    expect(pauses.map((r) => r.status)).toEqual([200, 200]);
    expect(await trail(admin, 'engagement_changed')).toHaveLength(1);
    expect([added.status, again.status]).toEqual([201, 409]);
    expect((await trail(admin, 'participant_created')).filter((e) => e.subject?.id === added.body.id)).toHaveLength(1);
  });

  it('never shows an attribute value, anywhere in the log', async () => {
    const { admin, coordinator, people } = await pairOrg();
    await addPerson(coordinator, 'Vera Valued', { attributes: { gender: 'secret-gender-value', ethnicity: 'secret-ethnicity-value' } });
    await coordinator.patch(`/v1/participants/${people.olu.id}`, { attributes: { age_band: 'secret-age-value' } });
    const csv = ['displayName,email,attr:gender', 'Ian Imported,ian@example.com,secret-import-value'].join('\n');
    await coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: csvHeaders });

    const log = JSON.stringify((await admin.get('/v1/audit?limit=200')).body);

    expect(log).toContain('attributes_changed');
    expect(log).not.toMatch(/secret-|woman|"man"/);
  });

  it('is not for coordinators to read: the audit log stays admin-only', async () => {
    const { coordinator } = await pairOrg();

    const res = await coordinator.get('/v1/audit?action=participant_created');

    expect(res.status).toBe(403);
  });
});

// Two identical writes that read the engagement before either saved it both decide "this changes
// the status"; the entry's guard re-decides inside each one's transaction. Requests to the test
// Worker do not interleave that way, so this is shown on the statement itself.
describe('the entry of an engagement change, inside its transaction', () => {
  const countEntries = async (orgId: string) =>
    (await env.DB.prepare(`SELECT count(*) AS n FROM audit_log WHERE org_id = ?1 AND action = 'engagement_changed'`)
      .bind(orgId)
      .first<{ n: number }>())!.n;

  it('is not written when an identical write got there first, and is when the write still changes something', async () => {
    const { org, coordinator, coordinatorPerson, engagement } = await pairOrg();
    await coordinator.patch(`/v1/engagements/${engagement.id}`, { status: 'paused' });
    const values: EngagementValues = {
      id: engagement.id,
      programmeId: engagement.programmeId,
      members: engagement.members.map(({ participantId, role }) => ({ participantId, role })),
      startsOn: engagement.startsOn,
      endsOn: engagement.endsOn,
      status: 'paused',
      objectives: [],
    };
    const entry = {
      orgId: org.id,
      at: new Date().toISOString(),
      action: 'engagement_changed' as const,
      actorId: coordinatorPerson.id,
      actorRole: 'coordinator' as const,
      detail: { engagementId: engagement.id, status: { from: 'active', to: 'paused' } },
    };
    const before = await countEntries(org.id);

    await env.DB.batch([auditStatement(env.DB, entry, changesEngagementGuard(values))]);
    const afterIdentical = await countEntries(org.id);
    await env.DB.batch([auditStatement(env.DB, entry, changesEngagementGuard({ ...values, status: 'closed' }))]);
    await env.DB.batch([auditStatement(env.DB, entry, changesEngagementGuard({ ...values, members: values.members.slice(0, 1) }))]);

    expect([before, afterIdentical, await countEntries(org.id)]).toEqual([1, 1, 3]);
  });
});
