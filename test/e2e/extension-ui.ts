/**
 * The extension's screens as a user meets them, through their `data-dyad` test hooks: the panel in
 * an open calendar event and the popup. The panel's shadow root is closed, so its controls are
 * reached through DevTools (closed-shadow-root.ts) and clicked and typed into with real input.
 */
import type { Locator, Page } from 'playwright-core';
import type { CalendarFixture } from './calendar-pages';
import { ClosedShadowRoot } from './closed-shadow-root';

export type PanelState = 'signed-out' | 'loading' | 'untagged' | 'tagged' | 'answered' | 'error';

/** One control of the panel, by its `data-dyad-action`, driven with the mouse and keyboard. */
export class PanelControl {
  constructor(
    private readonly shadow: Promise<ClosedShadowRoot>,
    readonly selector: string,
  ) {}

  /** Clicks it with the mouse (waits until it is there and enabled). */
  async click(): Promise<void> {
    await (await this.shadow).click(this.selector);
  }

  /** Ticks a checkbox with the mouse, unless it is ticked. */
  async check(): Promise<void> {
    if (!(await this.checked())) await this.click();
  }

  /** Clicks into the field and types `text` key by key, as a user does. */
  async type(text: string): Promise<void> {
    await this.click();
    await (await this.shadow).page.keyboard.type(text, { delay: 5 });
  }

  /**
   * Types a time into an `<input type="time">` as a user does: to its first segment, then hour,
   * minute and AM/PM (an en-US page: the browser's 12-hour segments).
   */
  async typeTime(hours: number, minutes: number): Promise<void> {
    await this.click();
    const { keyboard } = (await this.shadow).page;
    for (let i = 0; i < 3; i++) await keyboard.press('ArrowLeft');
    const pad = (n: number) => String(n).padStart(2, '0');
    await keyboard.type(`${pad(((hours + 11) % 12) + 1)}${pad(minutes)}${hours < 12 ? 'A' : 'P'}`, { delay: 5 });
  }

  /** The field's value; null when the panel does not show it (any more). */
  async inputValue(): Promise<string | null> {
    return (await this.shadow).evaluate((root, selector) => root.querySelector<HTMLInputElement>(selector)?.value ?? null, this.selector);
  }

  /** Whether the checkbox is ticked; null when the panel does not show it. */
  async checked(): Promise<boolean | null> {
    return (await this.shadow).evaluate((root, selector) => root.querySelector<HTMLInputElement>(selector)?.checked ?? null, this.selector);
  }

  /** How many there are in the panel now (0 once the panel no longer offers it). */
  async count(): Promise<number> {
    return (await this.shadow).evaluate((root, selector) => root.querySelectorAll(selector).length, this.selector);
  }

  /** Waits until the control is there and enabled. */
  async waitUntilEnabled(): Promise<void> {
    await (await this.shadow).waitUntil(
      (root, selector) => {
        const element = root.querySelector(selector) as HTMLInputElement | null;
        return !!element && !element.disabled;
      },
      this.selector,
      `${this.selector} to be enabled`,
    );
  }
}

/** The Dyad panel in the open event of a calendar page. */
export class CalendarPanel {
  /** The panel's closed shadow root, taken hold of once the content script has put the panel in. */
  readonly shadow: Promise<ClosedShadowRoot>;

  constructor(readonly page: Page) {
    this.shadow = ClosedShadowRoot.of(page, '[data-dyad="panel"]');
    this.shadow.catch(() => {}); // reported by whichever call awaits it
  }

  /** The panel element itself (its shadow host, in the page's DOM): for screenshots. */
  get element(): Locator {
    return this.page.locator('[data-dyad="panel"]');
  }

  /** A control of the panel by its `data-dyad-action` (tag, engagement, note, pulse-4, …). */
  action(name: string): PanelControl {
    return new PanelControl(this.shadow, `[data-dyad-action="${name}"]`);
  }

  /** Waits until the panel's state badge says `state`. */
  async waitFor(state: PanelState): Promise<void> {
    await (await this.shadow).waitUntil(
      (root, selector) => root.querySelector(selector) !== null,
      `[data-dyad="panel-state"][data-state="${state}"]`,
      `the panel to be ${state}`,
    );
  }

  async state(): Promise<string | null> {
    return (await this.shadow).evaluate(
      (root) => root.querySelector('[data-dyad="panel-state"]')?.getAttribute('data-state') ?? null,
      null,
    );
  }

  /** The panel's text, as the leader reads it. */
  async text(): Promise<string> {
    return (await this.shadow).evaluate((root) => root.querySelector('.panel')?.textContent ?? '', null);
  }

  /** The note's save status ("Saved", "Saved on this device; syncs when online", …). */
  async noteStatus(): Promise<string> {
    return (await this.shadow).evaluate((root) => root.querySelector('[data-dyad="note-status"]')?.textContent ?? '', null);
  }

  /** Types into the note as a user does (key by key), then waits for the debounced save to report `status`. */
  async writeNote(text: string, status: RegExp): Promise<void> {
    await this.action('note').type(text);
    await this.waitForNoteStatus(status);
  }

  /** Waits until the note's save status reads `status` (the panel rewrites it as the save goes). */
  async waitForNoteStatus(status: RegExp): Promise<void> {
    try {
      await (await this.shadow).waitUntil(
        (root, pattern) => {
          const shown = root.querySelector('[data-dyad="note-status"]');
          return !!shown && new RegExp(pattern.source, pattern.flags).test(shown.textContent ?? '');
        },
        { source: status.source, flags: status.flags },
        `the note status to match ${status}`,
      );
    } catch (error) {
      throw new Error(`note status is "${await this.noteStatus()}", not ${status}: ${String(error)}`);
    }
  }
}

/** The grid chip of the fixture's open event ("Mentoring: Ana × Ben"), which gets the Dyad badge once tagged. */
export function openEventChip(page: Page, fixture: CalendarFixture): Locator {
  return fixture === 'google-calendar'
    ? page.locator('[role="main"] [data-eventchip][data-eventid]', { hasText: 'Mentoring: Ana × Ben' })
    : page.locator('[role="main"] [data-calitemid]', { hasText: 'Mentoring: Ana × Ben' });
}

/** Opens a fixture calendar page in a new tab and waits for the Dyad panel to settle in `state`. */
export async function openCalendar(page: Page, url: string, state: PanelState): Promise<CalendarPanel> {
  await page.goto(url);
  const panel = new CalendarPanel(page);
  await panel.waitFor(state);
  return panel;
}

/** The popup (opened as a tab: chrome-extension://<id>/popup.html). */
export class Popup {
  constructor(readonly page: Page) {}

  /** How many writes wait to sync, as the popup shows it (waits for the popup to show it). */
  async waiting(): Promise<number> {
    const waiting = this.page.locator('[data-dyad="sync-waiting"]');
    await waiting.waitFor();
    return Number(await waiting.getAttribute('data-waiting'));
  }

  /** Waits until the popup says `count` writes wait. */
  async waitForWaiting(count: number): Promise<void> {
    await this.page.locator(`[data-dyad="sync-waiting"][data-waiting="${count}"]`).waitFor();
  }

  /** "Retry now" / "Sync now". */
  async retry(): Promise<void> {
    await this.page.locator('[data-dyad="sync-retry"]').click();
  }
}
