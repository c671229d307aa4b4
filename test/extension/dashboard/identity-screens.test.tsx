import { describe, expect, it, vi } from 'vitest';
import type { AuditEvent, Credential, IdentityProvider, Invitation } from '../../../shared';
import { AuditLog } from '../../../extension/dashboard/audit-log';
import { IdentityProviders } from '../../../extension/dashboard/identity-providers';
import { YourSignIns } from '../../../extension/dashboard/your-sign-ins';
import { coordinator, fakeAccount, mount } from './render';

const admin = { ...coordinator, role: 'admin' as const };
const at = '2026-12-07T09:41:00.000Z';
const credential = (id: string, patch: Partial<Credential> = {}): Credential => ({
  id,
  kind: 'sso',
  client: 'extension',
  label: null,
  createdAt: '2026-11-02T08:00:00.000Z',
  lastUsedAt: at,
  revokedAt: null,
  revokedBy: null,
  invitationId: null,
  providerLabel: 'Northwind (Okta)',
  current: false,
  ...patch,
});

describe('your sign-ins', () => {
  const here = credential('c-here', { client: 'console', current: true });
  const laptop = credential('c-laptop');
  const invited = credential('c-old', {
    kind: 'invitation',
    providerLabel: null,
    revokedAt: '2026-11-30T12:00:00.000Z',
    revokedBy: 'self',
  });
  const minted = credential('c-minted', {
    kind: 'legacy',
    client: 'api',
    providerLabel: null,
    lastUsedAt: null,
    revokedAt: '2026-12-07T06:00:00.000Z',
    revokedBy: 'migration',
  });
  const invitation: Invitation = {
    id: 'i1',
    participantId: coordinator.participant.id,
    createdAt: '2026-11-01T10:00:00.000Z',
    createdBy: { id: 'p-admin', displayName: 'Ada Admin' },
    expiresAt: '2026-11-08T10:00:00.000Z',
    status: 'redeemed',
    redeemedAt: '2026-11-02T08:00:00.000Z',
    revokedAt: null,
  };

  it('lists each sign-in: how, which app, when made and last used, and which is this browser', async () => {
    const myCredentials = vi.fn().mockResolvedValue({ credentials: [here, laptop, invited, minted], invitations: [invitation] });
    const ui = await mount(<YourSignIns />, { api: { myCredentials } });

    const rows = ui.$$('[data-dyad=credential-row]').map((r) => [...r.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent));
    expect(rows).toEqual([
      ['SSO via Northwind (Okta)', 'Console (web)', '2 Nov 2026', '7 Dec 2026', 'this browser'],
      ['SSO via Northwind (Okta)', 'Chrome extension', '2 Nov 2026', '7 Dec 2026', 'active'],
      ['Invitation', 'Chrome extension', '2 Nov 2026', '7 Dec 2026', 'revoked 30 Nov 2026'],
      ['Token from a coordinator', 'API script', '2 Nov 2026', '—', 'revoked 7 Dec 2026 (when sign-in replaced tokens)'],
    ]);
    expect(ui.$$('[data-credential=c-minted] [data-dyad=credential-revoke]')).toEqual([]);
    expect(ui.$('[data-dyad=your-invitation-list] [data-invitation=i1]').textContent).toContain('from Ada Admin');
    expect(ui.$('[data-invitation=i1]').dataset.status).toBe('redeemed');
  });

  it('revokes another sign-in and shows it revoked, this browser staying signed in', async () => {
    const myCredentials = vi
      .fn()
      .mockResolvedValueOnce({ credentials: [here, laptop], invitations: [] })
      .mockResolvedValueOnce({ credentials: [here, { ...laptop, revokedAt: at }], invitations: [] });
    const revokeMyCredential = vi.fn().mockResolvedValue({ ...laptop, revokedAt: at });
    const account = fakeAccount();
    const ui = await mount(<YourSignIns />, { api: { myCredentials, revokeMyCredential }, account });

    await ui.click('[data-credential=c-laptop] [data-dyad=credential-revoke]');

    expect(revokeMyCredential).toHaveBeenCalledWith('c-laptop');
    expect(ui.$('[data-credential=c-laptop]').dataset.revoked).toBe('true');
    expect(account.calls).toEqual([]);
  });

  it('signs out when the sign-in revoked is the one this page uses', async () => {
    const myCredentials = vi.fn().mockResolvedValue({ credentials: [here, laptop], invitations: [] });
    const revokeMyCredential = vi.fn().mockResolvedValue({ ...here, revokedAt: at });
    const account = fakeAccount();
    const ui = await mount(<YourSignIns />, { api: { myCredentials, revokeMyCredential }, account });

    expect(ui.$('[data-credential=c-here] [data-dyad=credential-revoke]').textContent).toBe('Revoke and sign out');
    await ui.click('[data-credential=c-here] [data-dyad=credential-revoke]');

    expect(revokeMyCredential).toHaveBeenCalledWith('c-here');
    expect(account.calls).toEqual(['forget']);
  });
});

describe('the audit log', () => {
  const event = (id: number, action: AuditEvent['action']): AuditEvent => ({
    id,
    at,
    action,
    actor: { id: 'p-admin', displayName: 'Ada Admin', role: 'admin' },
    subject: { id: 'p-ada', displayName: 'Ada Lovelace' },
    detail: { role: 'coordinator' },
  });

  it('shows the newest first, and pages back with "Older" from where the last page ended', async () => {
    const audit = vi
      .fn()
      .mockResolvedValueOnce({ events: [event(9, 'role_changed'), event(8, 'invitation_created')], nextBefore: 8 })
      .mockResolvedValueOnce({ events: [event(7, 'org_created')], nextBefore: null });
    const ui = await mount(<AuditLog />, { api: { audit }, me: admin });

    await ui.click('[data-dyad=audit-older]');

    expect(audit.mock.calls.map(([q]) => q)).toEqual([
      { before: null, action: null },
      { before: 8, action: null },
    ]);
    expect(ui.$$('[data-dyad=audit-row]').map((r) => r.dataset.action)).toEqual(['role_changed', 'invitation_created', 'org_created']);
    expect(ui.$$('[data-dyad=audit-older]')).toEqual([]);
    const first = [...ui.$$('[data-dyad=audit-row]')[0]!.querySelectorAll('td')].map((td) => td.textContent);
    expect(first).toEqual(['7 Dec 2026, 09:41 UTC', 'Role changed', 'Ada Admin (Admin)', 'Ada Lovelace', 'role: coordinator']);
  });

  it('filters by action, starting again from the newest', async () => {
    const audit = vi
      .fn()
      .mockResolvedValueOnce({ events: [event(9, 'role_changed'), event(8, 'invitation_created')], nextBefore: 8 })
      .mockResolvedValueOnce({ events: [event(8, 'invitation_created')], nextBefore: null });
    const ui = await mount(<AuditLog />, { api: { audit }, me: admin });

    await ui.choose('[data-dyad=audit-action]', 'invitation_created');

    expect(audit).toHaveBeenLastCalledWith({ before: null, action: 'invitation_created' });
    expect(ui.$$('[data-dyad=audit-row]').map((r) => r.dataset.action)).toEqual(['invitation_created']);
  });
});

describe('identity providers', () => {
  const okta: IdentityProvider = {
    id: 'idp-1',
    label: 'Northwind (Okta)',
    issuer: 'https://login.northwind.example',
    clientId: 'dyad-console',
    emailClaim: 'email',
    emailDomains: ['northwind.example'],
    createdAt: at,
    updatedAt: at,
  };

  it('adds a provider with its issuer, client id, email claim and domains', async () => {
    const identityProviders = vi
      .fn()
      .mockResolvedValueOnce({ providers: [] })
      .mockResolvedValue({ providers: [okta] });
    const createIdentityProvider = vi.fn().mockResolvedValue(okta);
    const ui = await mount(<IdentityProviders />, { api: { identityProviders, createIdentityProvider }, me: admin });

    await ui.type('[name=label]', 'Northwind (Okta)');
    await ui.type('[name=issuer]', 'https://login.northwind.example');
    await ui.type('[name=clientId]', 'dyad-console');
    await ui.type('[name=emailDomains]', 'Northwind.example, northwind-labs.example');
    await ui.submit('[data-dyad=form-identity-provider]');

    expect(createIdentityProvider).toHaveBeenCalledWith({
      label: 'Northwind (Okta)',
      issuer: 'https://login.northwind.example',
      clientId: 'dyad-console',
      emailClaim: 'email',
      emailDomains: ['northwind.example', 'northwind-labs.example'],
    });
    expect(ui.$('[data-provider=idp-1]').textContent).toContain('https://login.northwind.example');
  });

  it('refuses a plain-http issuer and a malformed domain before asking the API', async () => {
    const createIdentityProvider = vi.fn();
    const ui = await mount(<IdentityProviders />, {
      api: { identityProviders: vi.fn().mockResolvedValue({ providers: [] }), createIdentityProvider },
      me: admin,
    });

    await ui.type('[name=label]', 'Okta');
    await ui.type('[name=issuer]', 'http://login.northwind.example');
    await ui.type('[name=clientId]', 'dyad');
    await ui.type('[name=emailDomains]', 'northwind');
    await ui.submit('[data-dyad=form-identity-provider]');

    expect(createIdentityProvider).not.toHaveBeenCalled();
    expect(ui.fieldError('[name=issuer]')).toBe('The issuer’s https address');
    expect(ui.fieldError('[name=emailDomains]')).toBe('“northwind” is not a domain such as northwind.example');
  });

  it('edits a provider without its issuer, and deletes one after a second click', async () => {
    const identityProviders = vi.fn().mockResolvedValue({ providers: [okta] });
    const patchIdentityProvider = vi.fn().mockResolvedValue({ ...okta, label: 'Okta' });
    const deleteIdentityProvider = vi.fn().mockResolvedValue(null);
    const ui = await mount(<IdentityProviders />, {
      api: { identityProviders, patchIdentityProvider, deleteIdentityProvider },
      me: admin,
    });

    await ui.click('[data-dyad=identity-provider-edit]');
    const editing = ui.$('[data-dyad=identity-provider-list] [data-dyad=form-identity-provider]');
    expect(editing.querySelector<HTMLInputElement>('[name=issuer]')!.disabled).toBe(true);
    await ui.type('[data-dyad=identity-provider-list] [name=label]', 'Okta');
    await ui.submit('[data-dyad=identity-provider-list] [data-dyad=form-identity-provider]');

    expect(patchIdentityProvider).toHaveBeenCalledWith('idp-1', {
      label: 'Okta',
      clientId: 'dyad-console',
      emailClaim: 'email',
      emailDomains: ['northwind.example'],
    });

    await ui.click('[data-dyad=identity-provider-delete]');
    expect(deleteIdentityProvider).not.toHaveBeenCalled();
    await ui.click('[data-dyad=identity-provider-delete-confirm]');

    expect(deleteIdentityProvider).toHaveBeenCalledWith('idp-1');
  });
});
