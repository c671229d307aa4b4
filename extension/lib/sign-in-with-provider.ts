/**
 * Signing in through the organisation's identity provider (OpenID Connect, authorization code with
 * PKCE): `GET /v1/auth/sign-in-options` lists the providers; for the one the person clicks, the
 * background starts the flow at the API, lets Chrome show the provider's sign-in
 * (`identity.launchWebAuthFlow`, which ends when the provider redirects to
 * `https://<extension-id>.chromiumapp.org/`), and finishes it at the API with the code and verifier.
 *
 * The verifier lives only in this function: a worker that died mid-flow would have lost the flow
 * anyway (the auth window answers the call that opened it), and the person would click again.
 */
import { browser } from '#imports';
import { zOidcStartReply, zSignedIn, zSignInOptions, type OidcFinish, type OidcStart, type SignInOptions } from '../../shared';
import { ApiError, apiRequest, normaliseApiUrl } from './api';
import { signIn, signInFailure, withinPolicy } from './auth';
import { readAuthRedirect } from './auth-redirect';
import { deviceLabel } from './device-label';
import type { AuthState } from './messages';
import { codeChallenge, codeVerifier } from './pkce';

const publicRoute = (apiUrl: string) => ({ apiUrl, token: '' });

/** The organisation (by slug) and how its people sign in. */
export async function signInOptions(entered: { apiUrl: string; org: string }): Promise<SignInOptions> {
  const { apiUrl, org } = await held(entered);
  try {
    return await apiRequest(publicRoute(apiUrl), 'GET', `/v1/auth/sign-in-options?${new URLSearchParams({ org })}`, {
      schema: zSignInOptions,
      timeoutMs: 10_000,
    });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) throw new Error(`${new URL(apiUrl).host} has no organisation called “${org}”.`);
    throw signInFailure(err, apiUrl);
  }
}

/**
 * Signs in with one of the organisation's providers. Resolves once signed in; rejects with what to
 * tell the person (the window closed, the provider refused, the API refused).
 */
export async function signInWithProvider(entered: { apiUrl: string; org: string; providerId: string }): Promise<AuthState> {
  const { apiUrl, org } = await held(entered);
  const redirectUri = browser.identity.getRedirectURL();
  const verifier = codeVerifier();
  try {
    const start = await apiRequest(publicRoute(apiUrl), 'POST', '/v1/auth/oidc/start', {
      schema: zOidcStartReply,
      body: {
        providerId: entered.providerId,
        redirectUri,
        codeChallenge: await codeChallenge(verifier),
        client: 'extension',
      } satisfies OidcStart,
      timeoutMs: 10_000,
    });
    const redirected = await launch(start.authorizationUrl);
    const { code } = readAuthRedirect(redirected, { state: start.state, redirectUri });
    const signedIn = await apiRequest(publicRoute(apiUrl), 'POST', '/v1/auth/oidc/finish', {
      schema: zSignedIn,
      body: { state: start.state, code, codeVerifier: verifier, label: await deviceLabel() } satisfies OidcFinish,
      timeoutMs: 15_000,
    });
    return await signIn(apiUrl, org, signedIn);
  } catch (err) {
    throw signInFailure(err, apiUrl);
  }
}

/**
 * Chrome's auth window. It stays hidden while the provider redirects on its own (already signed in
 * there) and shows once a page of the provider's has loaded; it is a window of its own, without the
 * browser's cookies, so the person signs in to the provider there.
 */
async function launch(authorizationUrl: string): Promise<string> {
  // Typing a password (and a second factor) can outlast the worker's 30 s idle timeout: a cheap
  // extension call every 25 s keeps it alive while the window is open (Chrome's documented way for
  // a long operation), so the code is not lost with the worker. Only for as long as the window is open.
  const keepAlive = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), 25_000);
  try {
    const redirected = await browser.identity.launchWebAuthFlow({ url: authorizationUrl, interactive: true });
    if (!redirected) throw new Error('The sign-in window closed without an answer.');
    return redirected;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Chrome's words when the person closes the window.
    if (/did not approve/i.test(message)) throw new Error('The sign-in window was closed before signing in.');
    throw new Error(`The sign-in window could not finish: ${message}`);
  } finally {
    clearInterval(keepAlive);
  }
}

async function held(entered: { apiUrl: string; org: string }): Promise<{ apiUrl: string; org: string }> {
  const { apiUrl, org } = await withinPolicy({ apiUrl: normaliseApiUrl(entered.apiUrl), org: entered.org.trim() || null });
  if (!apiUrl) throw new Error('Enter the API URL, e.g. https://dyad.example.org');
  if (!org) throw new Error('Enter your organisation, as your coordinator named it (e.g. northwind).');
  return { apiUrl, org };
}
