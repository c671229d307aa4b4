/**
 * The console (`<worker>/console/`) in plain Chromium: no extension, since the console is a web
 * page of the Worker's own origin. Each person gets a browser context of their own — their own
 * cookie jar, so their own refresh cookie — signed in the quickest honest way: an invitation made
 * through the API by the organisation's admin, opened as a link (`/console/#invite=<code>`).
 */
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { IssuedInvitation } from '../../shared';
import { paths, stateTimeoutMs, type ApiClient } from './harness';
import { run } from './local-worker';

/**
 * Builds the console into `.output/console` (what wrangler.toml's `[assets]` serves at
 * /console/), as `npm run build:console` does: once, in the e2e global setup.
 */
export async function buildConsole(): Promise<void> {
  await run(path.join(paths.root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'extension/console/vite.config.ts']);
}

/** What the console shows once it has decided (the screen, why not, or how to sign in). */
export const consoleDecided =
  '[data-dyad="dashboard"], [data-dyad="dashboard-forbidden"], [data-dyad="console-sign-in"], [data-dyad="dashboard-error"]';

export class ConsoleBrowser {
  /** Content-Security-Policy violations any page reported (the console's CSP must allow all it does). */
  readonly cspViolations: string[] = [];

  private constructor(
    private readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async launch(baseUrl: string): Promise<ConsoleBrowser> {
    const browser = await chromium.launch({
      executablePath: paths.chromium,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    return new ConsoleBrowser(browser, baseUrl);
  }

  /** A fresh profile: nobody signed in. */
  async profile(): Promise<BrowserContext> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    context.setDefaultTimeout(stateTimeoutMs);
    context.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) this.cspViolations.push(message.text());
    });
    return context;
  }

  /**
   * A profile signed in as `participantId`: `admin` makes them an invitation through the API, and
   * the link is opened as its recipient would. Its refresh cookie then signs in every page opened in it.
   */
  async signedIn(admin: ApiClient, participantId: string): Promise<BrowserContext> {
    const context = await this.profile();
    const { link } = await admin.post<IssuedInvitation>(`/v1/participants/${participantId}/invitations`, { expiresInDays: 1 });
    const page = await context.newPage();
    await page.goto(link);
    await page.locator('[data-dyad="dashboard"], [data-dyad="dashboard-forbidden"]').first().waitFor();
    await page.close();
    return context;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/**
 * Opens the console on a screen (`#pulse`) in `context` at `viewport`, and waits until it shows
 * the screen or says why it will not.
 */
export async function openConsole(
  context: BrowserContext,
  baseUrl: string,
  screen = 'overview',
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${baseUrl}/console/#${screen}`);
  await page.locator(consoleDecided).first().waitFor();
  return page;
}
