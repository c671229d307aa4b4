import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createEventPanel } from '../../../extension/features/event-panel';
import { googleCalendar } from '../../../extension/hosts/google-calendar';
import type { CalendarHost } from '../../../extension/hosts/host';
import { outlookCalendar } from '../../../extension/hosts/outlook';
import { resetWarnings } from '../../../extension/hosts/warn-once';
import { watchCalendar } from '../../../extension/hosts/watch';
import { countObservers, fakeBackground, settle } from '../fake-background';
import { loadFixture } from '../fixtures';
import { catchPanelRoot } from '../panel-root';

const panels = () => document.querySelectorAll('[data-dyad="panel"]');

/** How each calendar re-renders its open event: a fresh copy of the details replaces the old. */
const cases: { name: string; fixture: 'google-calendar.html' | 'outlook.html'; host: CalendarHost; details: string }[] = [
  { name: 'Google Calendar', fixture: 'google-calendar.html', host: googleCalendar, details: '#xDetDlg' },
  { name: 'Outlook', fixture: 'outlook.html', host: outlookCalendar, details: '[data-app-section="CalendarItemPeek"]' },
];

describe.each(cases)('$name re-rendering', ({ fixture, host, details }) => {
  let ctx: ContentScriptContext;
  let observers: ReturnType<typeof countObservers>;
  let panelRoot: () => ShadowRoot | null;

  beforeEach(() => {
    fakeBrowser.reset();
    resetWarnings();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fakeBackground({ 'auth.state': () => ({ signedIn: false, apiUrl: null }) });
    loadFixture(fixture);
    ctx = new ContentScriptContext('calendar');
    observers = countObservers();
    panelRoot = catchPanelRoot();
  });

  afterEach(() => {
    ctx.abort();
    observers.restore();
    vi.restoreAllMocks();
  });

  /** The details as the calendar renders them, before our panel went in. */
  let pristine: Element;

  async function follow() {
    pristine = document.querySelector(details)!.cloneNode(true) as Element;
    const panel = await createEventPanel(ctx, { onSessionChange: () => {} });
    watchCalendar(host, document, { openEvent: (open) => (open ? panel.show(open) : panel.hide()) }, ctx.signal);
    await settle();
  }

  /** The calendar renders the open event again: new nodes, no panel in them. */
  function rerender() {
    document.querySelector(details)!.replaceWith(pristine.cloneNode(true));
  }

  it('shows one panel, inside the open event, with the test hooks', async () => {
    await follow();

    expect(panels()).toHaveLength(1);
    const panel = panels()[0]!;
    expect(panel.closest(details)).not.toBeNull();
    expect(panelRoot()?.host).toBe(panel);
    await vi.waitFor(() => expect(panelRoot()?.querySelector('[data-dyad="panel-state"]')?.getAttribute('data-state')).toBe('signed-out'));
  });

  it('keeps exactly one panel and two observers through 1,000 re-renders', { timeout: 60_000 }, async () => {
    await follow();

    for (let i = 0; i < 1000; i++) {
      rerender();
      await settle();
    }

    expect(panels()).toHaveLength(1);
    expect(panels()[0]!.closest(details)).toBe(document.querySelector(details));
    expect(observers.created).toBeLessThanOrEqual(2);
    expect(observers.active).toBeLessThanOrEqual(2);
  });

  it('keeps one panel when 1,000 re-renders land in one burst', { timeout: 60_000 }, async () => {
    await follow();

    for (let i = 0; i < 1000; i++) rerender();
    await settle();

    expect(panels()).toHaveLength(1);
    expect(observers.active).toBeLessThanOrEqual(2);
  });

  it('removes the panel when the event closes and brings one back when it reopens', async () => {
    await follow();
    const open = document.querySelector(details)!;
    const parent = open.parentElement!;

    open.remove();
    await settle();
    expect(panels()).toHaveLength(0);

    parent.append(pristine.cloneNode(true));
    await settle();
    expect(panels()).toHaveLength(1);
  });

  it('leaves no observer behind when the content script is invalidated', async () => {
    await follow();

    ctx.abort();

    expect(observers.active).toBe(0);
  });
});
