/**
 * The options page's sign-in, rendered with the real background (its message handlers and storage)
 * in front of the fake API: what a new person sees, with and without their IT's policy.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '../../../extension/components/options-page';
import background from '../../../extension/entrypoints/background';
import { noPolicy, policyOf, readManagedPolicy } from '../../../extension/lib/managed-policy';
import { read, signedOutRecord, write } from '../../../extension/lib/storage';
import { tagSession } from '../../../extension/lib/sessions';
import { apiUrl, me, signedInAs, type FakeApi } from './fake-api';
import { credentialId, providerId } from './fake-identity';
import { event, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
let container: HTMLElement;
let granted: boolean;
const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

beforeEach(async () => {
  api = getApi();
  granted = false;
  fakeBrowser.permissions.contains = (async () => granted) as never;
  fakeBrowser.permissions.request = (async () => (granted = true)) as never;
  fakeBrowser.permissions.remove = (async () => true) as never;
  fakeBrowser.identity.getRedirectURL = (() => redirectUri) as never;
  fakeBrowser.identity.launchWebAuthFlow = (async ({ url }: { url: string }) =>
    `${redirectUri}?code=the-code&state=${new URL(url).searchParams.get('state')}`) as never;
  await write({ auth: signedOutRecord({ apiUrl: null, org: null }) });
  background.main();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

const $ = (hook: string) => container.querySelector<HTMLElement>(`[data-dyad="${hook}"]`);
const $$ = (hook: string) => [...container.querySelectorAll<HTMLElement>(`[data-dyad="${hook}"]`)];
const shown = (hook: string) => vi.waitFor(() => expect($(hook)).not.toBeNull());
async function type(hook: string, value: string) {
  const input = $(hook) as HTMLInputElement;
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const click = (hook: string) => act(() => $(hook)!.click());

describe('signing in on the options page', () => {
  it('asks where (API URL and organisation), then offers a button for each of its providers', async () => {
    await act(() => render(<OptionsPage />, container));
    await shown('signin-url');

    await type('signin-url', 'https://dyad.test/');
    await type('signin-org', 'northwind');
    await click('signin-continue');
    await shown('sign-in-provider');

    expect($('signin-org-name')!.textContent).toBe('Northwind');
    expect($$('sign-in-provider').map((b) => b.textContent)).toEqual(['Sign in with Northwind (Okta)']);
    expect($('sign-in-provider')!.dataset.providerId).toBe(providerId);
    expect($('policy-locked')).toBeNull();
  });

  it('signs in with the provider, then lists the sign-ins with this browser’s marked', async () => {
    granted = true;
    await write({ auth: signedOutRecord({ apiUrl, org: 'northwind' }) });
    await act(() => render(<OptionsPage />, container));
    await shown('sign-in-provider');

    await click('sign-in-provider');
    await shown('signed-in-as');
    await shown('credential');

    expect($('signed-in-as')!.textContent).toContain('Amara Okafor');
    const current = $$('credential').find((row) => row.dataset.current === 'true');
    expect(current?.textContent).toContain('Single sign-on via Northwind (Okta)');
    expect(current?.querySelector('[data-dyad="credential-revoke"]')?.textContent).toBe('Revoke (sign out)');
  });

  it('signs in with a pasted invitation link, taking the API URL from it', async () => {
    api.identity.invitations.set('inv-1', me);
    await act(() => render(<OptionsPage />, container));
    await shown('invitation-input');

    await type('invitation-input', `${apiUrl}/console/#invite=inv-1`);
    await click('invitation-redeem');
    await shown('signed-in-as');

    expect(api.identity.bodies[0]).toMatchObject({ code: 'inv-1', client: 'extension' });
  });

  it('says why a pasted text is no invitation, without calling the API', async () => {
    await act(() => render(<OptionsPage />, container));
    await shown('invitation-input');

    await type('invitation-input', 'my code is abc');
    await click('invitation-redeem');
    await shown('invitation-error');

    expect($('invitation-error')!.textContent).toContain('neither an invitation link nor a code');
    expect(api.log.filter((entry) => entry.path.startsWith('/v1/auth/'))).toEqual([]);
  });

  it('shows a token minted before sign-in as ended by the move to sign-in, with nothing to revoke', async () => {
    const at = '2026-11-01T09:00:00.000Z';
    const legacy = '00000000-0000-4000-8000-0000000000c9';
    api.identity.credentials.set(legacy, {
      me,
      credential: {
        id: legacy,
        kind: 'legacy',
        client: 'api',
        label: 'e2e',
        createdAt: at,
        lastUsedAt: at,
        revokedAt: at,
        revokedBy: 'migration',
        invitationId: null,
        providerLabel: null,
        current: false,
      },
    });
    await write({ auth: signedInAs() });
    await act(() => render(<OptionsPage />, container));
    await vi.waitFor(() => expect($$('credential')).toHaveLength(2));

    const row = $$('credential').find((r) => r.dataset.credentialId === legacy)!;
    expect(row.textContent).toContain('Token from your coordinator');
    expect(row.textContent).toContain('when Dyad moved to sign-in');
    expect(row.dataset.revoked).toBe('true');
    expect(row.querySelector('[data-dyad="credential-revoke"]')).toBeNull();
  });

  it('revoking this browser’s sign-in signs out', async () => {
    await write({ auth: signedInAs() });
    await act(() => render(<OptionsPage />, container));
    await shown('credential-revoke');

    await click('credential-revoke');
    await shown('signin-form');

    expect(api.identity.credentials.get(credentialId)!.credential.revokedAt).not.toBeNull();
  });
});

describe('a lapsed sign-in', () => {
  it('names who it was and the changes waiting for them; discarding them signs out for good', async () => {
    await offline(api, () => tagSession(event('a')));
    await write({ auth: signedOutRecord({ apiUrl, org: 'northwind', me }) });
    await act(() => render(<OptionsPage />, container));
    await shown('signin-lapsed');

    expect($('signin-lapsed')!.textContent).toContain('Your sign-in as Amara Okafor (amara@example.org) has lapsed');
    expect($('signin-lapsed')!.textContent).toContain('the 1 change waiting here');
    expect($('signin-form')).not.toBeNull();

    await click('signin-lapsed-discard');
    await vi.waitFor(() => expect($('signin-lapsed')).toBeNull());

    expect((await read('queue')).queue).toEqual([]);
  });
});

describe("IT's policy (storage.managed)", () => {
  const policy = { apiUrl, organisation: 'northwind', organisationName: 'Northwind Group', identityProvider: 'okta' };

  it('shows the fields it sets locked, saying who set them, with no box to type in', async () => {
    await fakeBrowser.storage.managed.set(policy);

    await act(() => render(<OptionsPage />, container));
    await shown('policy-locked');

    const locked = $$('policy-locked') as HTMLInputElement[];
    expect(locked.map((input) => [input.dataset.field, input.value, input.readOnly])).toEqual([
      ['apiUrl', apiUrl, true],
      ['organisation', 'Northwind Group', true],
    ]);
    expect(container.textContent).toContain('Set by Northwind Group');
    expect($('signin-url')).toBeNull();
    expect($('signin-org')).toBeNull();
  });

  it('puts the provider it names first and marks it, with no way to change the organisation', async () => {
    granted = true;
    api.identity.options.providers.push({
      id: '00000000-0000-4000-8000-0000000000b2',
      label: 'Contractors (Entra ID)',
      issuer: 'https://login.microsoftonline.test',
    });
    api.identity.options.providers.reverse();
    await fakeBrowser.storage.managed.set(policy);

    await act(() => render(<OptionsPage />, container));
    await vi.waitFor(() => expect($$('sign-in-provider')).toHaveLength(2));

    expect($$('sign-in-provider').map((b) => [b.textContent, b.dataset.preferred])).toEqual([
      ['Sign in with Northwind (Okta)', 'true'],
      ['Sign in with Contractors (Entra ID)', undefined],
    ]);
    expect($('signin-change')).toBeNull();
  });

  it('is no policy when Chrome has none (it answers {}) or no managed storage (it throws)', async () => {
    expect(await readManagedPolicy()).toEqual(noPolicy);

    fakeBrowser.storage.managed.get = (async () => {
      throw new Error('Managed storage manifest not found');
    }) as never;

    expect(await readManagedPolicy()).toEqual(noPolicy);
  });

  it('ignores blank fields, and an API URL that is not https', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    expect(policyOf({ apiUrl: 'http://dyad.example.org', organisation: '  ', organisationName: 7 })).toEqual(noPolicy);
    expect(policyOf({ apiUrl: 'https://dyad.example.org/', organisation: 'northwind' })).toMatchObject({
      apiUrl: 'https://dyad.example.org',
      organisation: 'northwind',
    });
  });
});
