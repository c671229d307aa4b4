/**
 * The extension's screens as a user meets them, through their `data-dyad` test hooks: the panel in
 * an open calendar event and the popup. Playwright's CSS locators pierce the panel's open shadow root.
 */
import type { Locator, Page } from 'playwright-core';
import type { CalendarFixture } from './calendar-pages';

export type PanelState = 'signed-out' | 'loading' | 'untagged' | 'tagged' | 'answered' | 'error';

/** The Dyad panel in the open event of a calendar page. */
export class CalendarPanel {
  constructor(readonly page: Page) {}

  /** The panel element itself (its shadow host). */
  get element(): Locator {
    return this.page.locator('[data-dyad="panel"]');
  }

  /** A control of the panel by its `data-dyad-action` (tag, engagement, note, pulse-4, …). */
  action(name: string): Locator {
    return this.element.locator(`[data-dyad-action="${name}"]`);
  }

  /** Waits until the panel's state badge says `state`. */
  async waitFor(state: PanelState): Promise<void> {
    await this.element.locator(`[data-dyad="panel-state"][data-state="${state}"]`).waitFor();
  }

  async state(): Promise<string | null> {
    return this.element.locator('[data-dyad="panel-state"]').getAttribute('data-state');
  }

  /** The note's save status ("Saved", "Saved on this device; syncs when online", …). */
  get noteStatus(): Locator {
    return this.element.locator('[data-dyad="note-status"]');
  }

  /** Types into the note as a user does (key by key), then waits for the debounced save to report `status`. */
  async writeNote(text: string, status: RegExp): Promise<void> {
    await this.action('note').click();
    await this.action('note').pressSequentially(text, { delay: 5 });
    await this.waitForNoteStatus(status);
  }

  /** Waits until the note's save status reads `status` (the panel rewrites it as the save goes). */
  async waitForNoteStatus(status: RegExp): Promise<void> {
    try {
      await this.noteStatus.filter({ hasText: status }).waitFor();
    } catch (error) {
      throw new Error(`note status is "${await this.noteStatus.textContent()}", not ${status}: ${String(error)}`);
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
