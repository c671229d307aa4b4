/**
 * Reading where the identity provider sent the person back to (`https://<extension-id>.chromiumapp.org/?code=…&state=…`,
 * what `identity.launchWebAuthFlow` resolves with). An authorization response carries `code` and
 * `state`, or `error` (RFC 6749 §4.1.2 and §4.1.2.1); a provider using `response_mode=fragment`
 * puts them after `#` instead.
 */

/** Why a sign-in at the provider did not give a code: a message for the person, and the OAuth error. */
export class AuthRedirectError extends Error {
  constructor(
    message: string,
    readonly error: string | null = null,
  ) {
    super(message);
    this.name = 'AuthRedirectError';
  }
}

/**
 * The authorization code in the redirect, once its `state` is the one `oidc/start` gave (anything
 * else is another flow's answer, or a forgery: CSRF, RFC 6749 §10.12).
 *
 * @example const { code } = readAuthRedirect(redirected, { state: start.state, redirectUri: browser.identity.getRedirectURL() });
 */
export function readAuthRedirect(redirected: string, expected: { state: string; redirectUri: string }): { code: string } {
  let url: URL;
  try {
    url = new URL(redirected);
  } catch {
    throw new AuthRedirectError('The sign-in came back with an address Dyad cannot read.');
  }
  if (`${url.origin}${url.pathname}` !== new URL(expected.redirectUri).href.replace(/[?#].*$/, '')) {
    throw new AuthRedirectError('The sign-in came back to an unexpected address.');
  }
  const answered = (params: URLSearchParams) => ['code', 'error', 'state'].some((key) => params.has(key));
  const params = answered(url.searchParams) ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  const error = params.get('error');
  if (error) {
    const described = params.get('error_description');
    if (error === 'access_denied') throw new AuthRedirectError(described ?? 'The sign-in was cancelled or refused.', error);
    throw new AuthRedirectError(`The identity provider refused the sign-in${described ? `: ${described}` : ` (${error})`}.`, error);
  }
  if (params.get('state') !== expected.state) throw new AuthRedirectError('The sign-in answer was not for this sign-in. Try again.');
  const code = params.get('code');
  if (!code) throw new AuthRedirectError('The identity provider sent no sign-in code back.');
  return { code };
}
