import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleApp } from '../../../extension/console/console-app';
import { codeChallenge, keepVerifier } from '../../../extension/console/pkce';
import { me as participant } from '../unit/fake-api';
import { type coordinator, settle } from '../dashboard/render';
import { fakeAuthServer, origin } from './fake-auth-server';

async function open(address: string) {
  history.replaceState(null, '', address);
  const container = document.createElement('div');
  document.body.append(container);
  await act(() => render(<ConsoleApp apiUrl={origin} />, container));
  await settle();
  const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
  return {
    $,
    text: (selector: string) => $(selector)?.textContent ?? null,
    async click(selector: string) {
      await act(() => $(selector)!.click());
      await settle();
    },
    async type(selector: string, value: string) {
      const input = $(selector) as HTMLInputElement;
      await act(() => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    },
    async submit(selector: string) {
      await act(() => void $(selector)!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
      await settle();
    },
  };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('opening the console', () => {
  it('resumes the session this browser holds, and shows the dashboard', async () => {
    const server = fakeAuthServer({ cookie: true });

    const page = await open('/console/');

    expect(page.$('[data-dyad=dashboard]')).toBeTruthy();
    expect(page.text('[data-dyad=dashboard-signed-in-as]')).toContain('Tomás Becker · Coordinator');
    expect(server.calls[0]).toBe('POST /v1/auth/refresh');
    expect(server.calls).toContain('GET /v1/programmes');
    expect(page.text('[data-dyad=dashboard]')).not.toContain('Could not load the programmes');
  });

  it('shows the sign-in screen to a browser signed in to nothing', async () => {
    fakeAuthServer();

    const page = await open('/console/');

    expect(page.$('[data-dyad=console-sign-in]')).toBeTruthy();
    expect(page.$('[data-dyad=dashboard]')).toBeNull();
  });

  it('redeems an invitation link opened directly, and removes it from the address', async () => {
    const server = fakeAuthServer();

    const page = await open('/console/#invite=good-code');

    expect(server.calls[0]).toBe('POST /v1/auth/invitations/redeem');
    expect(server.bodies[0]).toEqual({ code: 'good-code', client: 'console' });
    expect(location.hash).toBe('');
    expect(page.$('[data-dyad=dashboard]')).toBeTruthy();
  });

  it("says plainly why an invitation was refused, in the API's words", async () => {
    fakeAuthServer();

    const page = await open('/console/#invite=used-code');

    expect(page.text('[data-dyad=sign-in-notice]')).toBe('This invitation has expired, was revoked or was already used');
    expect(location.hash).toBe('');
  });

  it("finishes a sign-in when the identity provider sends the person back, with this tab's verifier", async () => {
    const server = fakeAuthServer();
    keepVerifier('st-1', 'v'.repeat(43));

    const page = await open('/console/?code=the-code&state=st-1');

    expect(server.calls[0]).toBe('POST /v1/auth/oidc/finish');
    expect(server.bodies[0]).toEqual({ state: 'st-1', code: 'the-code', codeVerifier: 'v'.repeat(43) });
    expect(location.search).toBe('');
    expect(page.$('[data-dyad=dashboard]')).toBeTruthy();
  });

  it('refuses to finish a sign-in this tab did not start', async () => {
    const server = fakeAuthServer();

    const page = await open('/console/?code=the-code&state=someone-elses');

    expect(server.calls).toEqual([]);
    expect(page.text('[data-dyad=sign-in-notice]')).toContain('started in another tab or browser');
  });

  it('explains to a participant that the dashboard is not for them, and shows their sign-ins', async () => {
    fakeAuthServer({ cookie: true, me: { ...participant, org: { ...participant.org, slug: 'northwind' } } as typeof coordinator });

    const page = await open('/console/');

    expect(page.text('[data-dyad=dashboard-forbidden]')).toContain('The dashboard is for programme coordinators and admins');
    expect(page.$('[data-dyad=your-sign-ins]')).toBeTruthy();
    expect(page.$('[data-dyad=dashboard]')).toBeNull();
  });

  it('signs out on the server, then shows the sign-in screen', async () => {
    const server = fakeAuthServer({ cookie: true });
    const page = await open('/console/');

    await page.click('[data-dyad=sign-out]');

    expect(server.calls.at(-1)).toBe('POST /v1/auth/sign-out');
    expect(page.$('[data-dyad=console-sign-in]')).toBeTruthy();
    expect(page.text('[data-dyad=sign-in-notice]')).toBe('You are signed out.');
  });
});

describe('the sign-in screen', () => {
  it("offers the organisation's providers from ?org=, and starts a PKCE sign-in that comes back to /console/", async () => {
    const server = fakeAuthServer();
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    const page = await open('/console/?org=northwind');

    expect(page.text('[data-dyad=sign-in-org]')).toBe('Sign in to Northwind');
    expect(page.text('[data-dyad=sign-in-provider]')).toBe('Sign in with Northwind (Okta)');

    await page.click('[data-dyad=sign-in-provider]');
    // Hashing the verifier (crypto.subtle) may take longer than a render on a loaded machine.
    await vi.waitFor(() => expect(assign).toHaveBeenCalled());

    const start = server.bodies[server.calls.indexOf('POST /v1/auth/oidc/start')] as Record<string, string>;
    const verifier = sessionStorage.getItem('dyad.console.pkce.st-1')!;
    expect(start).toEqual({
      providerId: 'idp-1',
      redirectUri: `${location.origin}/console/`,
      codeChallenge: await codeChallenge(verifier),
      client: 'console',
    });
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(assign).toHaveBeenCalledWith('https://login.northwind.example/authorize?x=1');
    expect(localStorage.getItem('dyad.console.org')).toBe('northwind');
  });

  it('remembers the organisation for the next visit', async () => {
    fakeAuthServer();
    localStorage.setItem('dyad.console.org', 'northwind');

    const page = await open('/console/');

    expect(page.text('[data-dyad=sign-in-org]')).toBe('Sign in to Northwind');
  });

  it('says when to try again after too many attempts', async () => {
    const server = fakeAuthServer();
    const page = await open('/console/');
    server.rateLimitNext(120);

    await page.type('[name=org]', 'northwind');
    await page.submit('[data-dyad=sign-in-org-form]');

    expect(page.text('[data-dyad=sign-in-error]')).toBe('Too many sign-in attempts. Try again in 2 minutes.');
  });

  it('signs in with a pasted invitation link', async () => {
    const server = fakeAuthServer();
    const page = await open('/console/');

    await page.type('[name=invitation]', 'https://dyad.test/console/#invite=good-code');
    await page.submit('[data-dyad=sign-in-invitation]');

    expect(server.bodies[server.calls.indexOf('POST /v1/auth/invitations/redeem')]).toEqual({ code: 'good-code', client: 'console' });
    expect(page.$('[data-dyad=dashboard]')).toBeTruthy();
  });

  it('asks for a link or a code when the pasted text holds neither', async () => {
    const server = fakeAuthServer();
    const page = await open('/console/');

    await page.type('[name=invitation]', 'see my email');
    await page.submit('[data-dyad=sign-in-invitation]');

    expect(page.text('[data-dyad=invitation-error]')).toContain('Paste the invitation link');
    expect(server.calls).not.toContain('POST /v1/auth/invitations/redeem');
  });
});
