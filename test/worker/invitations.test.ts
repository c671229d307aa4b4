import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { as, call, createOrg, invite, newAddress, pairOrg, redeemed, snapshot } from './support';

/**
 * Invitations, for people outside the identity provider: single use, expiring, redeemable only in
 * their organisation, and turned into a credential that only the redeemer ever sees.
 */
const redeem = (code: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/auth/invitations/redeem', { body: { code, client: 'api', ...extra }, headers: newAddress() });

describe('an invitation', () => {
  it('redeems into a credential for its invitee; the coordinator sees only that it was used', async () => {
    const { coordinator, people } = await pairOrg();
    const issued = await invite(coordinator, people.olu.id);

    const res = await redeem(issued.code);

    expect(issued.link).toBe(`http://dyad.test/console/#invite=${encodeURIComponent(issued.code)}`);
    expect(res.status).toBe(200);
    expect(res.body.me.participant.id).toBe(people.olu.id);
    const seen = (await coordinator.get(`/v1/participants/${people.olu.id}/invitations`)).body.invitations;
    expect(seen).toContainEqual(expect.objectContaining({ id: issued.invitation.id, status: 'redeemed' }));
    expect(JSON.stringify(seen)).not.toMatch(/dyad_(inv|at|rt)_/);
  });

  it('shows as used to its invitee, next to the credential it became', async () => {
    const { coordinator, people } = await pairOrg();
    const issued = await invite(coordinator, people.olu.id);
    const { accessToken, credentialId } = await redeemed(issued.code);

    const mine = (await as(accessToken).get('/v1/me/credentials')).body;

    expect(mine.invitations.find((i: { id: string }) => i.id === issued.invitation.id)).toMatchObject({
      status: 'redeemed',
      createdBy: { displayName: 'Cora Coordinator' },
    });
    expect(mine.credentials.find((c: { id: string }) => c.id === credentialId)).toMatchObject({
      kind: 'invitation',
      invitationId: issued.invitation.id,
      current: true,
      revokedAt: null,
    });
  });

  it('is used once: a second redemption — a replay — is refused and writes nothing', async () => {
    const { coordinator, people } = await pairOrg();
    const { code } = await invite(coordinator, people.olu.id);
    await redeem(code);
    const before = await snapshot();

    const replay = await redeem(code);

    expect(replay).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', message: expect.stringContaining('already used') } },
    });
    expect(await snapshot()).toBe(before);
  });

  it('redeemed twice at the same instant gives exactly one credential', async () => {
    const { coordinator, people } = await pairOrg();
    const { code, invitation } = await invite(coordinator, people.olu.id);

    const replies = await Promise.all([redeem(code), redeem(code), redeem(code)]);

    expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    const made = await env.DB.prepare(`SELECT count(*) AS n FROM tokens WHERE invitation_id = ?1`).bind(invitation.id).first<number>('n');
    expect(made).toBe(1);
  });

  it('lapses: an expired invitation is refused, and shows as expired', async () => {
    const { coordinator, people } = await pairOrg();
    const { code, invitation } = await invite(coordinator, people.olu.id, { expiresInDays: 1 });
    // A day and a minute later.
    await env.DB.prepare(`UPDATE invitations SET expires_at = ?2 WHERE id = ?1`)
      .bind(invitation.id, new Date(Date.now() - 60_000).toISOString())
      .run();
    const before = await snapshot();

    const res = await redeem(code);

    expect(res).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('expired') } } });
    expect(await snapshot()).toBe(before);
    expect((await coordinator.get(`/v1/participants/${people.olu.id}/invitations`)).body.invitations[0].status).toBe('expired');
  });

  it('withdrawn before use, cannot be redeemed', async () => {
    const { coordinator, people } = await pairOrg();
    const { code, invitation } = await invite(coordinator, people.olu.id);
    await coordinator.delete(`/v1/invitations/${invitation.id}`);

    const res = await redeem(code);

    expect(res).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('withdrawn') } } });
  });

  it('of another organisation is refused where the client is set up for this one, exactly like an unknown code', async () => {
    const a = await pairOrg();
    const b = await createOrg();
    const { code } = await invite(a.coordinator, a.people.olu.id);
    const before = await snapshot();

    const elsewhere = await redeem(code, { org: b.org.slug });
    const unknown = await redeem('dyad_inv_no-such-code-was-ever-made', { org: b.org.slug });

    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body).toEqual(unknown.body);
    expect(await snapshot()).toBe(before);
    expect((await redeem(code, { org: a.org.slug })).status).toBe(200);
  });

  it('of someone deactivated since is refused', async () => {
    const { coordinator, people } = await pairOrg();
    const { code } = await invite(coordinator, people.olu.id);
    await coordinator.patch(`/v1/participants/${people.olu.id}`, { status: 'inactive' });

    expect((await redeem(code)).status).toBe(401);
  });

  it('that was used cannot be withdrawn: only its redeemer can end the sign-in it became', async () => {
    const { coordinator, people } = await pairOrg();
    const { code, invitation } = await invite(coordinator, people.olu.id);
    await redeem(code);

    const res = await coordinator.delete(`/v1/invitations/${invitation.id}`);

    expect(res.status).toBe(409);
  });
});

describe('what a curious coordinator cannot do with an invitation', () => {
  it('an invitation the coordinator redeems themselves shows to its invitee, stays in the audit log, and cannot be undone by them', async () => {
    const { coordinator, admin, lee, people } = await pairOrg();
    const { code, invitation } = await invite(coordinator, people.lee.id);
    const taken = await redeemed(code);

    const leeSees = (await lee.get('/v1/me/credentials')).body;
    const hide = await coordinator.delete(`/v1/me/credentials/${taken.credentialId}`);
    const audit = (await admin.get('/v1/audit')).body.events as {
      action: string;
      subject: { id: string } | null;
      detail: { invitationId?: string };
    }[];

    expect(leeSees.invitations.find((i: { id: string }) => i.id === invitation.id)?.status).toBe('redeemed');
    expect(leeSees.credentials.map((c: { id: string }) => c.id)).toContain(taken.credentialId);
    expect(hide.status).toBe(404);
    const trail = audit.filter((e) => e.detail.invitationId === invitation.id).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['invitation_created', 'invitation_redeemed', 'credential_issued']));
    // Lee ends it; from then on it opens nothing.
    await lee.delete(`/v1/me/credentials/${taken.credentialId}`);
    expect((await as(taken.accessToken).get('/v1/me')).status).toBe(401);
  });

  it('no route lists another person’s credentials: a coordinator reading Lee’s gets their own, or nothing', async () => {
    const { coordinator, people, lee } = await pairOrg();
    const leesCredential = (await lee.get('/v1/me/credentials')).body.credentials[0].id;

    const own = (await coordinator.get('/v1/me/credentials')).body.credentials.map((c: { id: string }) => c.id);
    const byId = await coordinator.delete(`/v1/me/credentials/${leesCredential}`);
    const old = await coordinator.post(`/v1/participants/${people.lee.id}/tokens`, { role: 'participant' });

    expect(own).not.toContain(leesCredential);
    expect(byId.status).toBe(404);
    expect(old.status).toBe(404);
  });
});
