/**
 * End-to-end harness: the real Worker (`wrangler dev` on a throwaway local D1, local-worker.ts), a pass-through
 * "gate" between the browser and the Worker, the fixture calendar pages served from 127.0.0.1, and
 * Debian's Chromium driven by playwright-core with the built extension loaded unpacked.
 *
 * Built for reuse by every browser test (the extension today, the coordinator dashboard next):
 * each piece starts on its own free port, keeps its state in a temp folder, and stops only the
 * processes it started. Nothing here touches the repository's `.wrangler/state` or `.dev.vars`.
 *
 * @example
 * const worker = await LocalWorker.start();
 * const gate = await ApiGate.start(worker);
 * const browser = await ExtensionBrowser.launch();
 * const org = await seedOrg(worker.url, worker.bootstrapToken);
 * await browser.signIn(gate.url, org.leader);
 */
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { beforeEach } from 'vitest';
import type { MessageTable, MessageType } from '../../extension/lib/messages';
import type { BatchRequest, BatchResponse, WriteOp } from '../../shared';
import { sessionsOf, type ApiClient, type SessionRecord } from './api';
import { browserTimeZone } from './calendar-pages';
import { defaultChromium } from './ensure-chromium';
import { run, sleep, tempDir, type LocalWorker } from './local-worker';

export * from './api';
export * from './identity-provider';
export * from './calendar-pages';
export { freePort, LocalWorker } from './local-worker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const paths = {
  root,
  /** The test build's own folder, so a developer's loaded build in extension/.output/chrome-mv3 is left alone. */
  extensionOutDir: path.join(root, 'extension', '.output', 'e2e'),
  extension: path.join(root, 'extension', '.output', 'e2e', 'chrome-mv3'),
  wranglerBin: path.join(root, 'node_modules', '.bin', 'wrangler'),
  wxtBin: path.join(root, 'node_modules', '.bin', 'wxt'),
  /** Screenshots (gitignored). */
  results: path.join(root, 'test-results', 'e2e'),
  /** Debian's Chromium unless DYAD_CHROMIUM names another (the e2e global setup installs Debian's if missing). */
  chromium: process.env.DYAD_CHROMIUM || defaultChromium,
};

/**
 * Builds the extension for end-to-end tests (`DYAD_TEST_BUILD=1`: localhost API without a
 * permission prompt, the content script on the fixture pages) into `paths.extension`.
 */
export async function buildExtension(): Promise<string> {
  await run(paths.wxtBin, ['build', 'extension'], { ...process.env, DYAD_TEST_BUILD: '1', DYAD_OUT_DIR: paths.extensionOutDir });
  return paths.extension;
}

/**
 * How long any wait on the app's state may take before the test fails. Every wait in these tests
 * ends when the state it names appears (a data attribute, a row in D1, a process's answer), so this
 * is only how long a genuine failure takes to be reported: generous, because a loaded two-core
 * machine (another suite running) makes a loopback round trip take seconds, not milliseconds.
 */
export const stateTimeoutMs = 60_000;

/**
 * Polls `probe` until it returns something other than `undefined` (or stops throwing), for
 * conditions only the API can tell (a flush reached D1).
 *
 * @example const [session] = await until(async () => { const s = await sessionsOf(api, id); return s.length ? s : undefined; });
 */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = stateTimeoutMs, intervalMs = 200, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(intervalMs);
  }
}

/**
 * The caller's sessions of an engagement as D1 has them (`sessionsOf`), once `ready` holds: for
 * writes the extension sends in the background.
 *
 * @example const [only] = await sessionsWhen(org.leader.api, org.engagement.id, (s) => s[0]?.pulse != null, 'the pulse');
 */
export function sessionsWhen(
  api: ApiClient,
  engagementId: string,
  ready: (records: SessionRecord[]) => boolean,
  what: string,
): Promise<SessionRecord[]> {
  return until(
    async () => {
      const records = await sessionsOf(api, engagementId);
      return ready(records) ? records : undefined;
    },
    { what: `${what} in D1` },
  );
}

/**
 * After each failed test of the calling file, prints the last requests through the gate and the
 * end of wrangler's output: enough to tell a slow machine from a bug when CI fails.
 *
 * @example reportFailures(() => ({ worker, gate }));
 */
export function reportFailures(get: () => { worker?: LocalWorker; gate?: ApiGate }): void {
  beforeEach((context) => {
    context.onTestFailed(() => {
      const { worker, gate } = get();
      const requests = (gate?.requests ?? [])
        .slice(-30)
        .map(
          (request) =>
            `${new Date(request.at).toISOString()} ${request.method} ${request.path} → ${request.status ?? 'no answer'}${request.ms === null ? '' : ` in ${request.ms} ms`}`,
        );
      console.error(
        `--- last requests through the gate ---\n${requests.join('\n')}\n--- wrangler, last lines ---\n${(worker?.logs ?? '').slice(-3000)}`,
      );
    });
  });
}

/** A response the gate withholds: the Worker has handled the request, the browser has no answer yet. */
export interface HeldResponse {
  /** Resolves once the Worker has answered the held request (its writes are in D1). */
  answered: Promise<{ status: number; body: string }>;
  /** Passes the Worker's answer on to the browser. */
  release(): void;
  /** Closes the browser's connection without an answer, as a lost response would. */
  drop(): void;
}

export interface GateRecord {
  method: string;
  path: string;
  body: string;
  /** The Worker's answer; null while there is none (or the Worker was down). */
  status: number | null;
  /** The body of the Worker's answer to a `POST /v1/batch` (each op's result); '' for other requests. */
  answer: string;
  /** When the request arrived (ms since the epoch), and how long the Worker took to answer. */
  at: number;
  ms: number | null;
}

interface Hold {
  match: (request: GateRecord) => boolean;
  skip: number;
  resolveAnswered(value: { status: number; body: string }): void;
  gate: Promise<'release' | 'drop'>;
}

/**
 * A pass-through between the browser and the Worker, on its own port: what the extension signs in
 * to. It forwards every request unchanged; while the Worker is stopped it closes connections (to the
 * browser, the network failed); and it can withhold one response, so a test can stop the extension's
 * service worker at an exact point of a flush.
 */
export class ApiGate {
  /** Every request, in arrival order. */
  readonly requests: GateRecord[] = [];
  private holds: Hold[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** Starts the gate in front of `upstream` (read on each request, so a Worker may move). */
  static async start(upstream: { url: string }): Promise<ApiGate> {
    let gate!: ApiGate;
    const server = http.createServer((req, res) => gate.forward(upstream.url, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    gate = new ApiGate(server, `http://127.0.0.1:${port}`);
    return gate;
  }

  /**
   * Withholds the Worker's answer to a matching request: the first one the Worker answers, or the
   * one after `skip` such matches. (A request that never reached the Worker does not count.)
   *
   * @example const held = gate.hold((request) => request.path === '/v1/batch', { skip: 1 }); // the second batch
   */
  hold(match: Hold['match'], { skip = 0 } = {}): HeldResponse {
    let resolveAnswered!: Hold['resolveAnswered'];
    let decide!: (choice: 'release' | 'drop') => void;
    const answered = new Promise<{ status: number; body: string }>((resolve) => (resolveAnswered = resolve));
    const gate = new Promise<'release' | 'drop'>((resolve) => (decide = resolve));
    this.holds.push({ match, skip, resolveAnswered, gate });
    return { answered, release: () => decide('release'), drop: () => decide('drop') };
  }

  private takeHold(request: GateRecord): Hold | null {
    for (const hold of this.holds) {
      if (!hold.match(request)) continue;
      if (hold.skip > 0) {
        hold.skip--;
        continue;
      }
      this.holds = this.holds.filter((other) => other !== hold);
      return hold;
    }
    return null;
  }

  /**
   * The writes the Worker accepted in batches (each op of the extension's queue whose result was
   * `ok`), in order, repeats included; from the `from`-th request on.
   *
   * @example gate.deliveredOps(since).filter((op) => op.kind === 'session')
   */
  deliveredOps(from = 0): WriteOp[] {
    return this.requests.slice(from).flatMap((request) => {
      if (!isBatch(request) || request.status !== 200) return [];
      const { results } = JSON.parse(request.answer) as BatchResponse;
      return batchOps(request).filter((_, i) => results[i]?.ok === true);
    });
  }

  private forward(upstream: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = new URL(req.url ?? '/', upstream);
    const record: GateRecord = {
      method: req.method ?? 'GET',
      path: target.pathname,
      body: '',
      status: null,
      answer: '',
      at: Date.now(),
      ms: null,
    };
    this.requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Store and forward: a hold may look at the whole request (API bodies are small).
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      record.body = body.toString();
      const proxied = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        record.status = answer.statusCode ?? null;
        record.ms = Date.now() - record.at;
        if (isBatch(record)) {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => (record.answer = decoded(Buffer.concat(parts), answer.headers['content-encoding']).toString()));
        }
        const hold = this.takeHold(record);
        if (!hold) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          const answerBody = Buffer.concat(answerChunks);
          hold.resolveAnswered({ status: answer.statusCode ?? 0, body: answerBody.toString() });
          void hold.gate.then((choice) => {
            if (choice === 'drop') return req.socket.destroy();
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(answerBody);
          });
        });
      });
      // The Worker is stopped: to the browser, the network failed.
      proxied.on('error', () => req.socket.destroy());
      proxied.end(body);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A body as sent, decoded: the Worker compresses its answers when the browser accepts it. */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body;
    case 'gzip':
      return zlib.gunzipSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    default:
      throw new Error(`e2e gate: cannot decode a ${encoding} answer`);
  }
}

function isBatch(request: GateRecord): boolean {
  return request.method === 'POST' && request.path === '/v1/batch';
}

/**
 * The writes a `POST /v1/batch` through the gate carried (none for any other request).
 *
 * @example gate.hold((request) => batchOps(request).some((op) => op.kind === 'note'))
 */
export function batchOps(request: GateRecord): WriteOp[] {
  if (!isBatch(request)) return [];
  return (JSON.parse(request.body) as BatchRequest).ops.map((item) => item.op);
}

/**
 * One write's identity, the same however often it is sent: `session <id>`, `note <sessionId>/<noteId>`,
 * `pulse <sessionId>` (a pulse is one per person and session).
 */
export function writeKey(op: WriteOp): string {
  switch (op.kind) {
    case 'session':
      return `session ${op.sessionId}`;
    case 'note':
      return `note ${op.sessionId}/${op.noteId}`;
    case 'pulse':
      return `pulse ${op.sessionId}`;
  }
}

type Reply<T extends MessageType> = { ok: true; value: MessageTable[T]['res'] } | { ok: false; error: string };

/**
 * Chromium with the test build of the extension, in a throwaway profile. Headless (new headless
 * runs MV3 extensions and their service worker like a headed browser); TZ fixed so calendar times
 * read the same on every machine.
 */
export class ExtensionBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    private readonly profileDir: string,
  ) {}

  /** Launches Chromium with the extension (build it first: `buildExtension()`, the e2e global setup). */
  static async launch({ extensionDir = paths.extension } = {}): Promise<ExtensionBrowser> {
    const profileDir = await tempDir('dyad-e2e-profile-');
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: paths.chromium,
      headless: true,
      viewport: { width: 1280, height: 900 },
      env: { ...process.env, TZ: browserTimeZone },
      args: [
        '--headless=new',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
      ],
    });
    // Every locator wait names the state it waits for; the timeout only bounds a failure (see stateTimeoutMs).
    context.setDefaultTimeout(stateTimeoutMs);
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      return new ExtensionBrowser(context, new URL(worker.url()).host, profileDir);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /** `chrome-extension://<id>/<page>`. */
  extensionUrl(page: string): string {
    return `chrome-extension://${this.extensionId}/${page.replace(/^\//, '')}`;
  }

  /** Opens an extension page (`options.html`, `popup.html`, …) in a new tab. */
  async openExtensionPage(page: string): Promise<Page> {
    const tab = await this.context.newPage();
    await tab.goto(this.extensionUrl(page));
    return tab;
  }

  /** Opens a web page in a new tab. */
  async open(url: string): Promise<Page> {
    const tab = await this.context.newPage();
    await tab.goto(url);
    return tab;
  }

  /**
   * Opens the options page and signs out there if someone is signed in; resolves with the page
   * showing the sign-in form.
   */
  async signedOutOptions(): Promise<Page> {
    const options = await this.openExtensionPage('options.html');
    const signOut = options.locator('[data-dyad="signout"]');
    const form = options.locator('[data-dyad="signin-form"]');
    await signOut.or(form).first().waitFor();
    if (await signOut.isVisible()) await signOut.click();
    await form.waitFor();
    return options;
  }

  /**
   * Signs `person` in on the options page as an invitee does — a fresh invitation's link, on the
   * API at `apiUrl` (a test's gate, or the Worker), pasted into "Use an invitation" — signing out
   * first if someone is signed in, and waits until the options page says who is signed in.
   */
  async signIn(apiUrl: string, person: { invite(): Promise<{ link: string }> }): Promise<void> {
    const issued = new URL((await person.invite()).link);
    const options = await this.signedOutOptions();
    try {
      await options.locator('[data-dyad="invitation-input"]').fill(`${apiUrl}${issued.pathname}${issued.hash}`);
      await options.locator('[data-dyad="invitation-redeem"]').click();
      const outcome = options.locator('[data-dyad="signed-in-as"], [data-dyad="signin-error"]').first();
      await outcome.waitFor();
      if ((await outcome.getAttribute('data-dyad')) === 'signin-error') throw new Error(`Sign-in failed: ${await outcome.textContent()}`);
    } finally {
      await options.close();
    }
  }

  /**
   * Sends one message of the extension's message table from an extension page (as the popup does)
   * and returns the background's answer.
   */
  async send<T extends MessageType>(page: Page, type: T, payload: MessageTable[T]['req']): Promise<MessageTable[T]['res']> {
    const reply = (await page.evaluate(
      ([dyad, body]) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          dyad,
          payload: body,
        }),
      [type, payload] as const,
    )) as Reply<T> | undefined;
    if (!reply) throw new Error(`No answer from the background for ${type}`);
    if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
    return reply.value;
  }

  /** The extension's `storage.local`, read from an extension page (for diagnostics and queue checks). */
  async storage(page: Page): Promise<Record<string, unknown>> {
    return page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.local.get(null),
    );
  }

  /**
   * Stops the extension's service worker now (DevTools protocol `ServiceWorker.stopAllWorkers`),
   * as Chrome does to an idle or misbehaving worker, and waits until it has stopped. The next event
   * (a message, an alarm) starts a new one.
   */
  async stopServiceWorker(): Promise<void> {
    const tab = await this.context.newPage();
    try {
      const cdp = await this.context.newCDPSession(tab);
      const scope = this.extensionUrl('');
      let resolveStopped!: () => void;
      const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((version) => version.scriptURL.startsWith(scope));
        if (ours.length > 0 && ours.every((version) => version.runningStatus === 'stopped')) resolveStopped();
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([
        stopped,
        sleep(stateTimeoutMs).then(() =>
          Promise.reject(new Error(`The extension service worker did not stop within ${stateTimeoutMs / 1000} s`)),
        ),
      ]);
      await cdp.detach();
    } finally {
      await tab.close();
    }
  }

  /** Closes every tab (the profile, and the extension's storage, stay). */
  async closePages(): Promise<void> {
    for (const page of this.context.pages()) await page.close();
  }

  /**
   * Saves a screenshot of `target` (a page or an element) to test-results/e2e/<name>.png and
   * returns its path, to look at as a user would.
   */
  async screenshot(target: Page | Locator, name: string): Promise<string> {
    mkdirSync(paths.results, { recursive: true });
    const file = path.join(paths.results, `${name}.png`);
    await target.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      await rm(this.profileDir, { recursive: true, force: true });
    }
  }
}
