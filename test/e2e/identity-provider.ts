/**
 * The organisation's identity provider in end-to-end tests: the local OpenID provider `npm start`
 * runs (worker/dev/oidc-provider.ts), started per test file beside the test Worker, registered as
 * an organisation's provider through the admin API, and signed in to — in a browser by filling its
 * login page, or without one by following its redirects (worker/dev/oidc-login.ts).
 *
 * @example
 * const idp = await startIdentityProvider({ workerOrigins: [worker.url], accounts: [{ email: 'sam@sso.example', name: 'Sam' }] });
 * const provider = await addIdentityProvider(org.admin.api, idp, ['sso.example']);
 * await logInAtProvider(page, 'sam@sso.example'); // on the provider's login page
 * await idp.close();
 */
import type { Page } from 'playwright-core';
import type { IdentityProvider, OidcStartReply, SignedIn } from '../../shared';
import { loginAtLocalProvider } from '../../worker/dev/oidc-login';
import { startLocalOidcProvider, type LocalAccount, type LocalOidcProvider } from '../../worker/dev/oidc-provider';
import { apiClient, type ApiClient, type HeldCredential } from './api';

export type { LocalAccount, LocalOidcProvider };

/** The provider's development login page, for Playwright. Any password is accepted. */
export const providerLoginPage = {
  login: 'input[name="login"]',
  password: 'input[name="password"]',
  submit: 'button[type="submit"]',
} as const;

/**
 * Starts a provider on a free port for the calling test file. `workerOrigins` are where the
 * console is served (the Worker's URL, and the gate's if the test opens the console through it):
 * their `/console/` is an allowed redirect URI; any extension's chromiumapp.org address is too.
 */
export function startIdentityProvider({
  workerOrigins,
  accounts,
}: {
  workerOrigins: readonly string[];
  accounts: readonly LocalAccount[];
}): Promise<LocalOidcProvider> {
  return startLocalOidcProvider({ port: 0, accounts, workerOrigins });
}

/**
 * Registers the provider as the organisation's (an admin's call): people with `emailDomains`
 * then sign in only through it.
 */
export function addIdentityProvider(
  admin: ApiClient,
  idp: LocalOidcProvider,
  emailDomains: string[],
  label = 'Test SSO',
): Promise<IdentityProvider> {
  return admin.post<IdentityProvider>('/v1/org/identity-providers', {
    label,
    issuer: idp.issuer,
    clientId: idp.clientId,
    emailClaim: 'email',
    emailDomains,
  });
}

/**
 * On the provider's login page (where "Sign in with …" led the page, or the extension's auth
 * window), logs in as `email` and waits until the provider has sent the page on.
 */
export async function logInAtProvider(page: Page, email: string, issuer: string): Promise<void> {
  // Chrome's auth window closes itself once the provider redirects to chromiumapp.org: not a failure.
  const unlessClosed = (error: unknown) => {
    if (!page.isClosed()) throw error;
  };
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`));
  await page.locator(providerLoginPage.login).fill(email);
  await page.locator(providerLoginPage.password).fill('any password');
  await page.locator(providerLoginPage.submit).click().catch(unlessClosed);
  if (!page.isClosed()) await page.waitForURL((url) => !url.href.startsWith(issuer), { waitUntil: 'commit' }).catch(unlessClosed);
}

/**
 * Signs `email` in through the provider without a browser, as a script would: start (PKCE),
 * the provider's login, finish. Resolves with the credential (client `api`).
 */
export async function signInThroughProvider(
  baseUrl: string,
  { providerId, email, redirectUri = `${baseUrl}/console/` }: { providerId: string; email: string; redirectUri?: string },
): Promise<{ held: HeldCredential; signedIn: SignedIn }> {
  const codeVerifier = randomVerifier();
  const codeChallenge = await s256(codeVerifier);
  const api = apiClient(baseUrl, null);
  const started = await api.post<OidcStartReply>('/v1/auth/oidc/start', { providerId, redirectUri, codeChallenge, client: 'api' });
  const back = await loginAtLocalProvider(started.authorizationUrl, email);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`the provider came back without a code: ${back.href}`);
  const signedIn = await api.post<SignedIn>('/v1/auth/oidc/finish', {
    state: back.searchParams.get('state') ?? started.state,
    code,
    codeVerifier,
  });
  if (!signedIn.refreshToken) throw new Error('an API sign-in returned no refresh token');
  return {
    held: { accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken, credentialId: signedIn.credentialId },
    signedIn,
  };
}

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const randomVerifier = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const s256 = async (verifier: string) =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
