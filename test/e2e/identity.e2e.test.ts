/**
 * Signing in, end to end: real Chromium, the real Worker and the real local identity provider
 * (worker/dev/oidc-provider.ts, panva's oidc-provider). Nobody is handed a token:
 *   - a coordinator signs in to the console with the organisation's provider and lands signed in;
 *     someone the provider knows but the organisation does not is refused, and told so;
 *   - a leader signs the extension in with the provider (chrome.identity.launchWebAuthFlow's window);
 *   - an external advisor, outside the provider, opens an invitation on a second browser profile
 *     (the extension's, then the console's), sees the credential it gave in "Your sign-ins", revokes
 *     it — and its access token is refused at once;
 *   - an API script whose access token lapsed renews it with its refresh token and carries on.
 */
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Me, MyCredentials, Participant, SignedIn } from '../../shared';
import { ConsoleBrowser } from './console-browser';
import { signInWithInvitation, signInWithProvider } from './extension-sign-in';
import {
  addIdentityProvider,
  ApiGate,
  apiClient,
  ApiCallError,
  ExtensionBrowser,
  LocalWorker,
  logInAtProvider,
  redeemInvitation,
  reportFailures,
  seedOrg,
  startIdentityProvider,
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
let extension: ExtensionBrowser;
let consoleBrowser: ConsoleBrowser;
let org: SeededOrg;
let providerLabel: string;
const contexts: BrowserContext[] = [];

reportFailures(() => ({ worker, gate }));

beforeAll(async () => {
  // Settled, not Promise.all: if one fails, the others are still kept, so afterAll stops them.
  const [started, launched] = await Promise.allSettled([LocalWorker.start(), ExtensionBrowser.launch()]);
  if (started.status === 'fulfilled') worker = started.value;
  if (launched.status === 'fulfilled') extension = launched.value;
  for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  gate = await ApiGate.start(worker);
  consoleBrowser = await ConsoleBrowser.launch(worker.url);
  idp = await startIdentityProvider({
    workerOrigins: [worker.url, gate.url],
    accounts: [sam, lee, kim].map((p) => ({ email: p.email, name: p.displayName })),
  });

  // seedOrg's people redeem invitations first; the provider comes after, for the SSO people.
  org = await seedOrg(worker.url, worker.bootstrapToken);
  const provider = await addIdentityProvider(org.admin.api, idp, [ssoDomain], 'Test SSO');
  providerLabel = provider.label;
  const samAsParticipant = await org.admin.api.post<Participant>('/v1/participants', sam);
  await org.admin.api.patch(`/v1/participants/${samAsParticipant.id}`, { role: 'coordinator' });
  await org.admin.api.post<Participant>('/v1/participants', lee);
});

afterEach(async () => {
  await extension?.closePages();
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await extension?.close();
  await consoleBrowser?.close();
  await gate?.close();
  await idp?.close();
  await worker?.dispose();
});

/** A console page in a fresh profile (nobody signed in), closed after the test. */
async function consolePage(): Promise<Page> {
  const context = await consoleBrowser.profile();
  contexts.push(context);
  return context.newPage();
}

/** The JSON body of the page's response to `POST <path>`, once `act` has run. */
async function replyTo<T>(page: Page, path: string, act: () => Promise<unknown>): Promise<T> {
  const reply = page.waitForResponse((r: Response) => new URL(r.url()).pathname === path && r.request().method() === 'POST');
  await act();
  const response = await reply;
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** What the API answers `token` on `GET /v1/me`: its status. */
async function meStatus(token: string): Promise<number> {
  return apiClient(worker.url, token)
    .get<Me>('/v1/me')
    .then(
      () => 200,
      (error: unknown) => (error instanceof ApiCallError ? error.status : Promise.reject(error)),
    );
}

/** The extension's credential, as its storage holds it (extension/lib/storage.ts `local:auth`). */
async function extensionCredential(browser: ExtensionBrowser): Promise<{ accessToken: string; credentialId: string }> {
  const page = await browser.openExtensionPage('options.html');
  try {
    return (await browser.storage(page)).auth as { accessToken: string; credentialId: string };
  } finally {
    await page.close();
  }
}

describe('the console', () => {
  it("signs a coordinator in with the organisation's identity provider", async () => {
    const page = await consolePage();
    await page.goto(`${worker.url}/console/?org=${org.slug}`);
    const button = page.locator('[data-dyad="sign-in-provider"]');

    expect(await button.textContent()).toBe(`Sign in with ${providerLabel}`);
    await button.click();
    await logInAtProvider(page, sam.email, idp.issuer);
    const signedInAs = page.locator('[data-dyad="dashboard-signed-in-as"]');
    await signedInAs.waitFor();

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
    const page = await consolePage();
    await page.goto(`${worker.url}/console/?org=${org.slug}`);

    await page.locator('[data-dyad="sign-in-provider"]').click();
    await logInAtProvider(page, kim.email, idp.issuer);
    const notice = page.locator('[data-dyad="sign-in-notice"][role="alert"]');
    await notice.waitFor();

    expect(await page.locator('[data-dyad="dashboard-signed-in-as"]').count()).toBe(0);
    expect(((await notice.textContent()) ?? '').trim()).not.toBe('');
  });
});

describe('the extension', () => {
  it("signs a leader in with the organisation's provider, in Chrome's auth window", async () => {
    let loggedIn = false;

    await signInWithProvider(extension, {
      apiUrl: gate.url,
      org: org.slug,
      provider: providerLabel,
      login: async (authWindow) => {
        await logInAtProvider(authWindow, lee.email, idp.issuer);
        loggedIn = true;
      },
    });
    const held = await extensionCredential(extension);
    const mine = await apiClient(gate.url, held.accessToken).get<MyCredentials>('/v1/me/credentials');
    const me = await apiClient(gate.url, held.accessToken).get<Me>('/v1/me');

    // The provider asks who signs in at every authorization, so its login page was shown and filled.
    expect(loggedIn).toBe(true);
    expect(me.participant.email).toBe(lee.email);
    expect(me.role).toBe('participant');
    expect(mine.credentials.find((c) => c.id === held.credentialId)).toMatchObject({ kind: 'sso', client: 'extension', current: true });
  });
});

describe('an invitation', () => {
  it('signs an external advisor in to the extension on a second profile; they revoke it in Your sign-ins and its access token is refused at once', async () => {
    const issued = await org.advisor.invite();
    const second = await ExtensionBrowser.launch();
    try {
      await signInWithInvitation(second, issued.link);
      const held = await extensionCredential(second);
      const options = await second.openExtensionPage('options.html');
      const row = options.locator(`[data-dyad="credential"][data-credential-id="${held.credentialId}"]`);
      await row.waitFor();

      expect(await meStatus(held.accessToken)).toBe(200);
      expect(await row.getAttribute('data-current')).toBe('true');

      await row.locator('[data-dyad="credential-revoke"]').click();
      await options.locator('[data-dyad="signin-form"]').waitFor();

      expect(await meStatus(held.accessToken)).toBe(401);
      // Its holder still sees it, revoked, from another sign-in: a credential is revoked, never deleted.
      const { held: another } = await redeemInvitation(worker.url, (await org.advisor.invite()).code);
      const mine = await apiClient(worker.url, another).get<MyCredentials>('/v1/me/credentials');
      expect(mine.credentials.find((c) => c.id === held.credentialId)?.revokedAt).not.toBeNull();
      expect(mine.invitations.find((i) => i.id === issued.invitation.id)?.status).toBe('redeemed');
    } finally {
      await second.close();
    }
  });

  it('signs an external advisor in to the console on a second profile; they revoke it in Your sign-ins and its access token is refused at once', async () => {
    const issued = await org.advisor.invite();
    const page = await consolePage();

    const signedIn = await replyTo<SignedIn>(page, '/v1/auth/invitations/redeem', () => page.goto(issued.link));
    const row = page.locator(`[data-dyad="credential-row"][data-credential="${signedIn.credentialId}"]`);
    await row.waitFor();

    expect(signedIn.me.participant.id).toBe(org.advisor.participant.id);
    expect(await row.getAttribute('data-revoked')).toBe('false');
    expect(await meStatus(signedIn.accessToken)).toBe(200);

    await row.locator('[data-dyad="credential-revoke"]').click();
    await page.locator('[data-dyad="console-sign-in"]').waitFor();

    expect(await meStatus(signedIn.accessToken)).toBe(401);
    // A used invitation does not sign anyone in again.
    const again = await apiClient(worker.url, null)
      .post('/v1/auth/invitations/redeem', { code: issued.code, client: 'api' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(again).toBeInstanceOf(ApiCallError);
  });
});

describe('an API script', () => {
  it('renews its lapsed access token with the refresh token, once, and carries on', async () => {
    const { held } = await redeemInvitation(worker.url, (await org.mentor.invite()).code);
    const before = { ...held };
    // Fifteen minutes pass for this access token: it lapses in D1, as it would on its own.
    await worker.stop();
    await worker.query(`UPDATE access_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE credential_id = '${held.credentialId}'`);
    await worker.resume();

    const me = await apiClient(worker.url, held).get<Me>('/v1/me');

    expect(me.participant.id).toBe(org.mentor.participant.id);
    expect(held.accessToken).not.toBe(before.accessToken);
    expect(held.refreshToken).not.toBe(before.refreshToken);
    expect(held.credentialId).toBe(before.credentialId);
    expect(await meStatus(before.accessToken)).toBe(401);
  });
});
