import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { invite, pairOrg, redeemed } from './support';

/** The audit log: who did what to whose access, and every analytics request — append-only, read by admins. */
type Entry = {
  action: string;
  actor: { id: string; role: string } | null;
  subject: { id: string } | null;
  detail: Record<string, unknown>;
};
const entries = async (admin: { get: (p: string) => Promise<{ body: { events: Entry[] } }> }, query = '') =>
  (await admin.get(`/v1/audit${query}`)).body.events;

describe('the audit log', () => {
  it('records an invitation, its redemption, the credential, its revocation and role changes, with who and whom', async () => {
    const { admin, coordinator, coordinatorPerson, people } = await pairOrg();
    const { code, invitation } = await invite(coordinator, people.olu.id);
    const olu = await redeemed(code);
    await admin.patch(`/v1/participants/${people.mia.id}`, { role: 'coordinator' });
    await (await import('./support')).as(olu.accessToken).delete(`/v1/me/credentials/${olu.credentialId}`);

    const log = await entries(admin);

    expect(log.find((e) => e.action === 'invitation_created' && e.detail.invitationId === invitation.id)).toMatchObject({
      actor: { id: coordinatorPerson.id, role: 'coordinator' },
      subject: { id: people.olu.id },
    });
    expect(log.find((e) => e.action === 'invitation_redeemed' && e.detail.invitationId === invitation.id)).toMatchObject({
      subject: { id: people.olu.id },
      detail: { credentialId: olu.credentialId },
    });
    expect(log.find((e) => e.action === 'credential_revoked')).toMatchObject({ detail: { credentialId: olu.credentialId } });
    expect(log.find((e) => e.action === 'role_changed')).toMatchObject({
      subject: { id: people.mia.id },
      detail: { from: 'participant', to: 'coordinator' },
    });
  });

  it('records every analytics request: who, which endpoint and filters, when', async () => {
    const { admin, coordinator, coordinatorPerson, programme } = await pairOrg();

    await coordinator.get(`/v1/analytics/pulse?programmeId=${programme.id}&from=2026-01-01&to=2026-03-31`);
    await coordinator.get('/v1/analytics/representation?dimension=gender&format=csv');

    const log = await entries(admin, '?action=analytics_request');
    expect(log.map((e) => [e.actor?.id, e.detail])).toEqual([
      [coordinatorPerson.id, { endpoint: 'representation', filters: { dimension: 'gender', format: 'csv' } }],
      [coordinatorPerson.id, { endpoint: 'pulse', filters: { programmeId: programme.id, from: '2026-01-01', to: '2026-03-31' } }],
    ]);
  });

  it('a participant’s refused analytics request is neither counted nor logged as one', async () => {
    const { admin, lee } = await pairOrg();

    const res = await lee.get('/v1/analytics/pulse');

    expect(res.status).toBe(403);
    expect(await entries(admin, '?action=analytics_request')).toEqual([]);
  });

  it('pages newest first', async () => {
    const { admin, coordinator } = await pairOrg();
    for (let i = 0; i < 3; i++) await coordinator.get('/v1/analytics/alerts');

    const first = (await admin.get('/v1/audit?limit=2&action=analytics_request')).body;
    const rest = (await admin.get(`/v1/audit?limit=2&action=analytics_request&before=${first.nextBefore}`)).body;

    expect(first.events).toHaveLength(2);
    expect(rest.events).toHaveLength(1);
    expect(rest.nextBefore).toBeNull();
    expect(first.events[0].id).toBeGreaterThan(first.events[1].id);
  });

  it('cannot be changed: no route edits it, and the database refuses UPDATE and DELETE', async () => {
    const { admin, org } = await pairOrg();

    const put = await admin.put('/v1/audit', {});
    const del = await admin.delete('/v1/audit');

    expect([put.status, del.status]).toEqual([404, 404]);
    await expect(env.DB.prepare(`UPDATE audit_log SET action = 'x' WHERE org_id = ?1`).bind(org.id).run()).rejects.toThrow(/append_only/);
    await expect(env.DB.prepare(`DELETE FROM audit_log WHERE org_id = ?1`).bind(org.id).run()).rejects.toThrow(/append_only/);
  });

  it('shows each organisation only its own entries', async () => {
    const a = await pairOrg();
    const b = await pairOrg();
    await a.coordinator.get('/v1/analytics/alerts');

    expect(await entries(b.admin, '?action=analytics_request')).toEqual([]);
  });
});
