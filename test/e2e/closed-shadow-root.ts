/**
 * A closed shadow root as only the test driver can reach it: through the DevTools protocol.
 *
 * The panel's root is closed in every build, the tests' included, so neither a page script nor
 * Playwright's locators (which run as scripts in the page) get into it — Playwright's CSS and role
 * locators find nothing there. DevTools can: `DOM.describeNode` with `pierce: true` lists a host's
 * shadow roots, closed ones too, and `DOM.resolveNode` turns one into a handle that
 * `Runtime.callFunctionOn` runs functions on. That power is the debugger's, not the page's, so
 * nothing in the extension is opened up for the tests. Clicks and typing are real input (the
 * mouse and keyboard of CDP's `Input` domain, via Playwright), aimed at where DevTools says a
 * control is: `isTrusted` events, as the leader's would be.
 */
import type { CDPSession, Page } from 'playwright-core';
import { stateTimeoutMs, until } from './harness';

/** A function run in the page's main world with the shadow root (and one JSON argument). */
export type InRoot<A, R> = (root: ShadowRoot, arg: A) => R;

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function cdpFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

export class ClosedShadowRoot {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    /** The root's handle in the page's main world (valid until the page navigates). */
    private readonly rootId: string,
  ) {}

  /** Waits for the element `hostSelector` (in the page's light DOM) and takes hold of its shadow root. */
  static async of(page: Page, hostSelector: string): Promise<ClosedShadowRoot> {
    await page.locator(hostSelector).waitFor({ state: 'attached' });
    const cdp = await cdpFor(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) throw new Error(`${hostSelector} has no shadow root`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    if (!object.objectId) throw new Error(`DevTools gave no handle on the shadow root of ${hostSelector}`);
    return new ClosedShadowRoot(page, cdp, object.objectId);
  }

  /** The root's mode as the browser has it ('open' or 'closed'). */
  mode(): Promise<string> {
    return this.evaluate((root) => root.mode, null);
  }

  /**
   * Runs `fn(root, arg)` in the page's main world and returns its (JSON) result. `fn` is sent as
   * source, so it may use nothing but its arguments and the page's globals.
   *
   * @example await shadow.evaluate((root, selector) => root.querySelector(selector)?.textContent, '.panel')
   */
  async evaluate<A, R>(fn: InRoot<A, R | Promise<R>>, arg: A): Promise<R> {
    const { result, exceptionDetails } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: this.rootId,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`In the shadow root: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as R;
  }

  /** Waits until `check(root, arg)` holds, re-checking as the page changes (a field's value announces no mutation, so it polls). */
  async waitUntil<A>(check: InRoot<A, boolean>, arg: A, what: string): Promise<void> {
    await until(async () => ((await this.evaluate(check, arg)) ? true : undefined), { intervalMs: 50, what, timeoutMs: stateTimeoutMs });
  }

  /**
   * Clicks the element `selector` with the mouse, as the leader would: waits for it to be there,
   * enabled and laid out, scrolls it into view, checks that the point is not covered by something
   * else, and presses and releases the mouse there (trusted events).
   */
  async click(selector: string): Promise<void> {
    await this.waitUntil(
      (root, sel) => {
        const element = root.querySelector(sel);
        return !!element && !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0;
      },
      selector,
      `${selector} to be enabled`,
    );
    const objectId = await this.handle(selector);
    try {
      await this.cdp.send('DOM.scrollIntoViewIfNeeded', { objectId });
      const { quads } = await this.cdp.send('DOM.getContentQuads', { objectId });
      const quad = quads[0];
      if (!quad) throw new Error(`${selector} is not laid out`);
      const x = (quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4;
      const y = (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4;
      const hit = await this.evaluate(
        (root, at) => {
          const element = root.querySelector(at.selector);
          const there = root.elementFromPoint(at.x, at.y);
          return !!element && !!there && (there === element || element.contains(there));
        },
        { selector, x, y },
      );
      if (!hit) throw new Error(`${selector} is covered at (${x}, ${y}): a click there would not reach it`);
      await this.page.mouse.click(x, y);
    } finally {
      await this.cdp.send('Runtime.releaseObject', { objectId });
    }
  }

  /**
   * Runs `fn` on the element `selector` in the page's main world, with the element as `this`: what
   * a page script could do if it ever held a reference to one of the panel's nodes.
   *
   * @example await shadow.onElement('[data-dyad-action="tag"]', function () { this.click(); })
   */
  async onElement(selector: string, fn: (this: HTMLElement) => void): Promise<void> {
    const objectId = await this.handle(selector);
    try {
      const { exceptionDetails } = await this.cdp.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: fn.toString(),
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(`On ${selector}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    } finally {
      await this.cdp.send('Runtime.releaseObject', { objectId });
    }
  }

  private async handle(selector: string): Promise<string> {
    const { result } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: this.rootId,
      functionDeclaration: 'function (selector) { return this.querySelector(selector); }',
      arguments: [{ value: selector }],
    });
    if (!result.objectId) throw new Error(`No ${selector} in the shadow root`);
    return result.objectId;
  }
}
