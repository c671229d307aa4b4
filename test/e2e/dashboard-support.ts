/**
 * What the console's end-to-end tests add to the harness: the demo organisation (the one
 * `npm start` seeds) in the test Worker's own D1, and the checks a coordinator's eye makes on a
 * screenshot (nothing wider than the window). Opening the console is console-browser.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ORG_ID, generateDemo, type DemoData, type DemoRole } from '../../worker/dev/demo-data';
import { demoInvitations, type DemoInvitation } from '../../worker/dev/demo-invitations';
import { seededCredential } from '../../worker/dev/seeded-credentials';
import { upsert } from '../../worker/dev/sql';
import { apiClient, paths, stateTimeoutMs, type ApiClient, type LocalWorker } from './harness';

export interface DemoOrg {
  data: DemoData;
  /** A client per demo person (admin, coordinator, leader), against the Worker. */
  api: Record<DemoRole, ApiClient>;
  /** Their access tokens (valid for the test run: no refresh needed). */
  tokens: Record<DemoRole, string>;
  /** The external advisors' invitations, made as `npm start` makes them (demo-invitations.ts). */
  invitations: [DemoInvitation, DemoInvitation];
}

/**
 * Seeds the demo organisation into the test Worker's D1, as `npm start` does to the local one,
 * with a credential for each of the admin, the coordinator and the leader: rows written with the
 * seed (worker/dev/seeded-credentials.ts) whose access tokens last two days — test setup of a known
 * state, as the rest of the demo is — and, as `npm start` makes them, its two external advisors'
 * invitations. Given `providerIssuer` (a local provider the test started with
 * `startIdentityProvider`, `data.staff` as its accounts), the demo's identity provider points at it
 * and its staff sign in there, as in `npm start`; without one, the demo has no identity provider,
 * so invitations can be made for its staff (the Worker makes none for a provider's domain). The
 * Worker is stopped while the SQL is applied (one writer at a time on the SQLite file), then
 * resumed on the same URL.
 */
export async function seedDemo(
  worker: LocalWorker,
  { today = new Date().toISOString().slice(0, 10), providerIssuer }: { today?: string; providerIssuer?: string } = {},
): Promise<DemoOrg> {
  const roles: DemoRole[] = ['admin', 'coordinator', 'leader'];
  const roleOf: Record<DemoRole, 'admin' | 'coordinator' | 'participant'> = {
    admin: 'admin',
    coordinator: 'coordinator',
    leader: 'participant',
  };
  const generated = generateDemo({ today, providerIssuer: providerIssuer ?? 'http://127.0.0.1:1' });
  const data: DemoData = providerIssuer
    ? generated
    : { ...generated, tables: generated.tables.filter((t) => t.table !== 'identity_providers') };
  const credentials = await Promise.all(
    roles.map((r) =>
      seededCredential({ orgId: DEMO_ORG_ID, participantId: data.people[r].id, role: roleOf[r], label: `e2e ${r}`, now: new Date() }),
    ),
  );
  const tables = [...data.tables, ...credentials.flatMap((c) => c.tables)];
  const sql = tables.flatMap(({ table, key, rows }) => rows.map((row) => upsert(table, key, row)));
  const { sql: invitationSql, invitations } = await demoInvitations({ data, apiUrl: worker.url, now: new Date() });
  sql.push(...invitationSql);
  const file = path.join(worker.stateDir, 'demo-seed.sql');
  writeFileSync(file, `${sql.join('\n')}\n`);

  await worker.stop();
  // LocalWorker keeps its D1 in <stateDir>/d1 (its --persist-to).
  await wrangler(
    ['d1', 'execute', 'DB', '--local', '--yes', '--persist-to', path.join(worker.stateDir, 'd1'), '--file', file],
    worker.stateDir,
  );
  await worker.resume();

  const tokens = Object.fromEntries(roles.map((r, i) => [r, credentials[i]!.accessToken])) as Record<DemoRole, string>;
  const api = Object.fromEntries(roles.map((r) => [r, apiClient(worker.url, tokens[r])])) as Record<DemoRole, ApiClient>;
  return { data, api, tokens, invitations };
}

function wrangler(args: string[], stateDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = {
      ...process.env,
      CI: 'true',
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_LOG_PATH: path.join(stateDir, 'logs'),
      WRANGLER_REGISTRY_PATH: path.join(stateDir, 'registry'),
    };
    const child = spawn(paths.wranglerBin, args, { cwd: paths.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')} exited with ${code}\n${output}`))));
  });
}

/** A text answer of the API (a CSV export), as any client would read it. */
export async function apiText(baseUrl: string, token: string, pathAndQuery: string): Promise<string> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(stateTimeoutMs),
  });
  if (!res.ok) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${await res.text()}`);
  return res.text();
}

/** Sizes the issue asks to look at: a laptop, and a narrow 1024 × 768 window. */
export const viewports = { laptop: { width: 1280, height: 800 }, narrow: { width: 1024, height: 768 } } as const;

/** Waits until no request of the page is in flight and nothing is marked busy. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

/**
 * Waits until a screen shows what it loaded — `ready` appears — or says it could not load (then
 * fails with what it said, at once, instead of running out of time), and then until it has settled.
 * Each wait ends on the app's own state; the context's timeout only bounds a genuine hang.
 */
export async function screenReady(page: Page, ready: string): Promise<void> {
  await page.locator(`${ready}, [data-dyad="dashboard"] .error[role="alert"]`).first().waitFor();
  const failed = page.locator('[data-dyad="dashboard"] .error[role="alert"]');
  if ((await failed.count()) > 0 && (await page.locator(ready).count()) === 0)
    throw new Error(`the screen could not load: ${await failed.first().textContent()}`);
  await settled(page);
}

/** How far the page is wider than the window (0: no horizontal scroll), and the elements that stick out. */
export async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) return false;
        // Inside a scrolling table wrapper is fine: that is the wrapper's job.
        return !el.closest('.table-wrap');
      })
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`,
      );
    // A table that has to scroll sideways inside its card hides columns: a coordinator would miss them.
    const clipped = [...document.querySelectorAll<HTMLElement>('.table-wrap')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(() => 'a table wider than its card');
    return { by: Math.max(0, document.documentElement.scrollWidth - width), culprits: [...culprits, ...clipped] };
  });
}

/** A full-page screenshot in test-results/e2e/, to look at as a coordinator would. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(paths.results, { recursive: true });
  const file = path.join(paths.results, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
