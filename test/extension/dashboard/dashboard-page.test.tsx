import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Me } from '../../../shared';
import { DashboardPage } from '../../../extension/dashboard/dashboard-page';
import { write } from '../../../extension/lib/storage';
import { me as participant } from '../unit/fake-api';
import { coordinator, settle } from './render';

const apiUrl = 'https://dyad.test';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** An API that knows one token, and answers the overview's requests with nothing much. */
function stubApi(who: Me | null) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const path = url.slice(apiUrl.length);
    calls.push(`${init.method} ${path}`);
    if (!who) return json({ error: { code: 'unauthorized', message: 'Invalid token' } }, 401);
    if (path === '/v1/me') return json(who);
    if (path === '/v1/programmes') return json({ programmes: [] });
    return json({ error: { code: 'forbidden', message: 'Your role may not do this' } }, 403);
  });
  return calls;
}

async function open() {
  const container = document.createElement('div');
  document.body.append(container);
  await act(() => render(<DashboardPage />, container));
  await settle();
  return container;
}

describe('who may open the dashboard', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    location.hash = '';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('explains to a participant why the dashboard is not for them, and asks for no analytics', async () => {
    await write({ auth: { apiUrl, token: 'tok', me: participant } });
    const calls = stubApi(participant);

    const page = await open();

    const forbidden = page.querySelector('[data-dyad=dashboard-forbidden]');
    expect(forbidden?.textContent).toContain('This dashboard is for programme coordinators and admins');
    expect(forbidden?.textContent).toContain('participant token');
    expect(forbidden?.textContent).toContain('ask your Dyad admin for a coordinator token');
    expect(page.querySelector('[data-dyad=dashboard]')).toBeNull();
    expect(calls).toEqual(['GET /v1/me']);
  });

  it('asks to sign in when nobody is signed in', async () => {
    const calls = stubApi(null);

    const page = await open();

    expect(page.querySelector('[data-dyad=dashboard-signed-out]')?.textContent).toContain('Sign in to open the dashboard');
    expect(calls).toEqual([]);
  });

  it('says so when the API refuses the saved token', async () => {
    await write({ auth: { apiUrl, token: 'revoked', me: coordinator } });
    stubApi(null);

    const page = await open();

    expect(page.querySelector('[data-dyad=dashboard-signed-out]')?.textContent).toContain('The API refused the saved token');
  });

  it('opens for a coordinator, without the admin-only settings', async () => {
    await write({ auth: { apiUrl, token: 'tok', me: coordinator } });
    stubApi(coordinator);

    const page = await open();

    expect(page.querySelector('[data-dyad=dashboard]')?.getAttribute('data-screen')).toBe('overview');
    expect(page.querySelector('[data-dyad=nav-overview]')).toBeTruthy();
    expect(page.querySelector('[data-dyad=nav-settings]')).toBeNull();
    expect(page.querySelector('[data-dyad=filter-programme]')).toBeTruthy();
  });

  it('shows an admin the settings too', async () => {
    const admin = { ...coordinator, role: 'admin' as const };
    await write({ auth: { apiUrl, token: 'tok', me: admin } });
    stubApi(admin);

    const page = await open();

    expect(page.querySelector('[data-dyad=nav-settings]')).toBeTruthy();
  });
});
