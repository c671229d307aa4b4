/**
 * Signing the extension in as a person does, on its options page: with an invitation link, or
 * through the organisation's identity provider in Chrome's auth window.
 *
 * Chrome's auth window in these tests (found 2026-12-07 with Debian's Chromium, new headless,
 * playwright-core, the extension's service worker calling `identity.launchWebAuthFlow({ interactive: true })`):
 * - it works headless. A provider that redirects at once to `https://<extension-id>.chromiumapp.org/?code=…&state=…`
 *   resolves the flow in about 100 ms and no window is ever shown (Chrome keeps it hidden until a page
 *   has loaded); `?error=access_denied` comes back the same way, as a URL, not a rejection;
 * - a provider that shows a login form makes the window appear, and Playwright sees it as an ordinary
 *   page of the context (`context.on('page')`, in `context.pages()`): `fill` and `click` work in it,
 *   and once the form redirects to chromiumapp.org the flow resolves and the page closes;
 * - closing that page rejects the flow with Chrome's "The user did not approve access.";
 * - nothing needs resolving: chromiumapp.org is never fetched (Chrome intercepts the navigation).
 *   The provider must be reachable from the browser (a local one on 127.0.0.1 is) and must accept
 *   `https://<extension-id>.chromiumapp.org/` as a redirect URI; the test build's id is stable for
 *   its folder, `ExtensionBrowser.extensionId`.
 *
 * @example await signInWithInvitation(browser, issued.link);
 * @example await signInWithProvider(browser, { apiUrl: gate.url, org: 'northwind', login: async (page) => { … } });
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './harness';

/**
 * Pastes an invitation link (`<api>/console/#invite=<code>`) into the options page's "Use an
 * invitation" and waits until the page says who is signed in. Signs out first if someone is.
 */
export async function signInWithInvitation(browser: ExtensionBrowser, link: string): Promise<void> {
  const options = await browser.signedOutOptions();
  try {
    await options.locator('[data-dyad="invitation-input"]').fill(link);
    await options.locator('[data-dyad="invitation-redeem"]').click();
    await signedInOrFailed(options, 'invitation-error');
  } finally {
    await options.close();
  }
}

/**
 * Signs in through the organisation's identity provider: enters the API URL and organisation (when
 * the page asks), clicks "Sign in with …" (the first provider, or the one whose label contains
 * `provider`), lets `login` fill the provider's form in Chrome's auth window, and waits until the
 * options page says who is signed in. A provider that signs in without a form (already signed in
 * there) never opens the window, and `login` is not called.
 */
export async function signInWithProvider(
  browser: ExtensionBrowser,
  { apiUrl, org, provider, login }: { apiUrl: string; org: string; provider?: string; login: (authWindow: Page) => Promise<void> },
): Promise<void> {
  const options = await browser.signedOutOptions();
  try {
    const url = options.locator('[data-dyad="signin-url"]');
    const button = options.locator('[data-dyad="sign-in-provider"]');
    await url.or(button).first().waitFor();
    if (await url.isVisible()) {
      await url.fill(apiUrl);
      await options.locator('[data-dyad="signin-org"]').fill(org);
      await options.locator('[data-dyad="signin-continue"]').click();
    }
    const chosen = provider ? button.filter({ hasText: provider }) : button.first();
    await chosen.waitFor();

    const authWindow = browser.context.waitForEvent('page', { predicate: (page) => !page.url().startsWith('chrome-extension://') });
    const signedIn = options.locator('[data-dyad="signed-in-as"], [data-dyad="signin-error"]').first();
    await chosen.click();
    const first = await Promise.race([authWindow.then((page) => ({ page })), signedIn.waitFor().then(() => null)]);
    if (first) {
      await first.page.waitForLoadState();
      await login(first.page);
    } else {
      void authWindow.catch(() => undefined); // no window: the provider answered at once
    }
    await signedInOrFailed(options, 'signin-error');
  } finally {
    await options.close();
  }
}

async function signedInOrFailed(options: Page, errorHook: string): Promise<void> {
  const outcome = options.locator(`[data-dyad="signed-in-as"], [data-dyad="${errorHook}"]`).first();
  await outcome.waitFor();
  if ((await outcome.getAttribute('data-dyad')) !== 'signed-in-as') throw new Error(`Sign-in failed: ${await outcome.textContent()}`);
}
