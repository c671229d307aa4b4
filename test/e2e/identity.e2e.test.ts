/**
 * Signing in, end to end: real Chromium, the real Worker and the real local identity provider
 * (worker/dev/oidc-provider.ts, panva's oidc-provider). Nobody is handed a token:
 *   - a coordinator signs in to the console with the organisation's provider and lands signed in;
 *   - a leader signs the extension in with the provider (chrome.identity.launchWebAuthFlow);
 *   - an external advisor, outside the provider, opens an invitation in a second browser profile,
 *     sees the credential it gave in "Your sign-ins", revokes it — and its access token is refused
 *     at once.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MyCredentials, Participant, SignedIn } from '../../shared';
import { launchBrowser } from './dashboard-support';
import {
  addIdentityProvider,
  ApiGate,
  apiClient,
  ApiCallError,
  LocalWorker,
  logInAtProvider,
  redeemInvitation,
  reportFailures,
  seedOrg,
  startIdentityProvider,
  type ExtensionBrowser,
  type LocalOidcProvider,
  type SeededOrg,
} from './harness';

/** The organisation's single sign-on domain: people here sign in only through the provider. */
const ssoDomain = 'sso.example';
const sam = { displayName: 'Sam Sato', email: `sam.sato@${ssoDomain}` };
const lee = { displayName: 'Lee Park', email: `lee.park@${ssoDomain}` };
/** Has an account at the provider, but is nobody in the organisation. */
const kim = { displayName: 'Kim Stranger', email: `kim.stranger@${ssoDomain}` };

let worker: LocalWorker;
let gate: ApiGate;
let idp: LocalOidcProvider;
let browser: ExtensionBrowser;
let org: SeededOrg;
let providerLabel: string;

reportFailures(() => ({ worker, gate }));

beforeAll(async () => {
  // Settled, not Promise.all: if one fails, the others are still kept, so afterAll stops them.
  const [started, launched] = await Promise.allSettled([LocalWorker.start(), launchBrowser()]);
  if (started.status === 'fulfilled') worker = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  gate = await ApiGate.start(worker);
  idp = await startIdentityProvider({
    workerOrigins: [worker.url, gate.url],
    accounts: [sam, lee, kim].map((p) => ({ email: p.email, name: p.displayName })),
  });

  // Everyone of seedOrg has an invitation already redeemed; the provider comes after, for the SSO people.
  org = await seedOrg(worker.url, worker.bootstrapToken);
  const provider = await addIdentityProvider(org.admin.api, idp, [ssoDomain], 'Test SSO');
  providerLabel = provider.label;
  const samAsParticipant = await org.admin.api.post<Participant>('/v1/participants', sam);
  await org.admin.api.patch(`/v1/participants/${samAsParticipant.id}`, { role: 'coordinator' });
  await org.admin.api.post<Participant>('/v1/participants', lee);
});

afterEach(async () => {
  await browser?.closePages();
});

afterAll(async () => {
  await browser?.close();
  await gate?.close();
  await idp?.close();
  await worker?.dispose();
});

/** The JSON body of the first response to `path` the page receives, once `act` has run. */
async function replyTo<T>(page: Page, path: string, act: () => Promise<unknown>): Promise<T> {
  const reply = page.waitForResponse((r: Response) => new URL(r.url()).pathname === path && r.request().method() === 'POST');
  await act();
  const response = await reply;
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the console', () => {
  it("signs a coordinator in with the organisation's identity provider", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${worker.url}/console/?org=${org.slug}`);
    const button = page.locator('[data-dyad="sign-in-provider"]');

    await button.click();
    await logInAtProvider(page, sam.email, idp.issuer);
    const signedInAs = page.locator('[data-dyad="dashboard-signed-in-as"]');
    await signedInAs.waitFor();

    expect(await button.count()).toBe(0);
    expect(await signedInAs.textContent()).toContain(sam.displayName);
    expect(await signedInAs.getAttribute('data-role')).toBe('coordinator');
    // The provider's code and state are gone from the address: a reload never replays them.
    expect(new URL(page.url()).search).toBe('');

    await page.locator('[data-dyad="nav-sign-ins"]').click();
    const current = page.locator('[data-dyad="credential-row"]', { has: page.locator('[data-dyad="credential-current"]') });
    await current.waitFor();
    expect(await current.textContent()).toContain(`SSO via ${providerLabel}`);
  });

  it('refuses someone the provider signs in who is not in the organisation, and says so', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${worker.url}/console/?org=${org.slug}`);

    await page.locator('[data-dyad="sign-in-provider"]').click();
    await logInAtProvider(page, kim.email, idp.issuer);
    const notice = page.locator('[data-dyad="sign-in-notice"][role="alert"]');
    await notice.waitFor();

    expect(await page.locator('[data-dyad="dashboard-signed-in-as"]').count()).toBe(0);
    expect(((await notice.textContent()) ?? '').length).toBeGreaterThan(0);
  });
});

describe('the extension', () => {
  it("signs a leader in with the organisation's provider, in Chrome's auth window", async () => {
    const options = await browser.signedOutOptions();
    await options.locator('[data-dyad="signin-url"]').fill(gate.url);
    await options.locator('[data-dyad="signin-org"]').fill(org.slug);
    await options.locator('[data-dyad="signin-continue"]').click();
    const button = options.locator('[data-dyad="sign-in-provider"]');
    await button.waitFor();
    // launchWebAuthFlow's window is a page of the context once the provider's login page loads.
    const authWindow = browser.context.waitForEvent('page', { predicate: (page) => !page.url().startsWith('chrome-extension://') });

    await button.click();
    await logInAtProvider(await authWindow, lee.email, idp.issuer);
    const signedInAs = options.locator('[data-dyad="signed-in-as"]');
    await signedInAs.waitFor();
    const stored = (await browser.storage(options)).auth as { accessToken: string; credentialId: string };
    const mine = await apiClient(gate.url, stored.accessToken).get<MyCredentials>('/v1/me/credentials');

    expect(await button.textContent()).toBe(`Sign in with ${providerLabel}`);
    expect(await signedInAs.textContent()).toContain(lee.displayName);
    expect(await options.locator('[data-dyad="signed-in-role"]').getAttribute('data-role')).toBe('participant');
    expect(mine.credentials.find((c) => c.id === stored.credentialId)).toMatchObject({ kind: 'sso', client: 'extension', current: true });
    expect(
      await options.locator(`[data-dyad="credential"][data-credential-id="${stored.credentialId}"]`).getAttribute('data-current'),
    ).toBe('true');
  });
});

describe('an invitation', () => {
  it('signs an external advisor in to the extension on a second profile; they revoke it in Your sign-ins and its access token is refused at once', async () => {
    const issued = await org.advisor.invite();
    const second = await launchBrowser();
    try {
      const options = await second.signedOutOptions();
      await options.locator('[data-dyad="invitation-input"]').fill(issued.link);
      await options.locator('[data-dyad="invitation-redeem"]').click();
      await options.locator('[data-dyad="signed-in-as"]').waitFor();
      const stored = (await second.storage(options)).auth as { accessToken: string; credentialId: string };
      const advisorApi = apiClient(worker.url, stored.accessToken);
      const before = await advisorApi.get<{ participant: Participant }>('/v1/me');
      const row = options.locator(`[data-dyad="credential"][data-credential-id="${stored.credentialId}"]`);
      await row.waitFor();

      expect(before.participant.id).toBe(org.advisor.participant.id);
      expect(await row.getAttribute('data-current')).toBe('true');
      expect(await row.textContent()).toContain('This browser');

      await row.locator('[data-dyad="credential-revoke"]').click();
      await options.locator('[data-dyad="signin-form"]').waitFor();
      const refused = await advisorApi.get('/v1/me').then(
        () => null,
        (error: unknown) => error,
      );

      expect(refused).toBeInstanceOf(ApiCallError);
      expect((refused as ApiCallError).status).toBe(401);
      // Its holder still sees it, revoked, from another sign-in: a credential is revoked, never deleted.
      const { held } = await redeemInvitation(worker.url, (await org.advisor.invite()).code);
      const mine = await apiClient(worker.url, held).get<MyCredentials>('/v1/me/credentials');
      expect(mine.credentials.find((c) => c.id === stored.credentialId)?.revokedAt).not.toBeNull();
    } finally {
      await second.close();
    }
  });

  it('signs an external advisor in to the console on a second profile; they revoke it in Your sign-ins and its access token is refused at once', async () => {
    const issued = await org.advisor.invite();
    const second = await launchBrowser();
    try {
      const page = await second.context.newPage();

      const signedIn = await replyTo<SignedIn>(page, '/v1/auth/invitations/redeem', () => page.goto(issued.link));
      const advisorApi = apiClient(worker.url, signedIn.accessToken);
      const mine = await advisorApi.get<MyCredentials>('/v1/me/credentials');
      const row = page.locator(`[data-dyad="credential-row"][data-credential="${signedIn.credentialId}"]`);
      await row.waitFor();

      expect(signedIn.me.participant.id).toBe(org.advisor.participant.id);
      expect(mine.credentials.find((c) => c.id === signedIn.credentialId)).toMatchObject({ kind: 'invitation', revokedAt: null });
      expect(await row.getAttribute('data-revoked')).toBe('false');
      // The invitation shows as used, for its invitee too.
      expect(mine.invitations.find((i) => i.id === issued.invitation.id)?.status).toBe('redeemed');

      await row.locator('[data-dyad="credential-revoke"]').click();
      await page.locator('[data-dyad="console-sign-in"]').waitFor();

      const refused = await advisorApi.get('/v1/me').then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ApiCallError);
      expect((refused as ApiCallError).status).toBe(401);
      // And the redeemed code cannot be used again.
      const again = await apiClient(worker.url, null)
        .post('/v1/auth/invitations/redeem', { code: issued.code, client: 'api' })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect((again as ApiCallError | null)?.status).toBeGreaterThanOrEqual(400);
    } finally {
      await second.close();
    }
  });
});
