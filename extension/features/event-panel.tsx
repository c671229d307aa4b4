import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import type { Cycle, Engagement } from '../../shared';
import type { CalendarEvent, OpenEvent } from '../hosts/host';
import type { LocalSession } from '../lib/messages';
import { send } from '../lib/send';
import { cycles, engagementLabel, type Self } from './engagement-choice';
import { panelCss } from './panel-style';
import { PulseCard } from './pulse-card';
import { SessionNotes } from './session-notes';
import { SavedTime } from './session-time';
import { TagSession } from './tag-session';
import { isTrustedInput, type UserInputCheck, UserInputCheckContext, useUserInput } from './user-input';

type PanelState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string }
  | { kind: 'untagged'; self: Self; engagements: Engagement[]; lastUsed: string | null }
  | { kind: 'tagged'; self: Self; engagements: Engagement[]; session: LocalSession };

/** What the panel's state badge (`data-dyad="panel-state"`) says, for people and for tests. */
const stateText = {
  loading: 'Loading',
  'signed-out': 'Signed out',
  error: 'Unavailable',
  untagged: 'Not tagged',
  tagged: 'Tagged',
  answered: 'Pulse answered',
} as const;

async function load(event: CalendarEvent): Promise<PanelState> {
  const auth = await send('auth.state', undefined);
  if (!auth.signedIn) return { kind: 'signed-out' };
  const self: Self = { participantId: auth.me.participant.id, email: auth.me.participant.email };
  const [session, engagements] = await Promise.all([
    send('session.forEvent', { provider: event.provider, eventId: event.eventId, around: event.startsAt }),
    send('engagements.list', undefined),
  ]);
  if (session) return { kind: 'tagged', self, engagements, session };
  return { kind: 'untagged', self, engagements, lastUsed: await send('engagements.lastUsed', undefined) };
}

function CycleTag({ session, onChange }: { session: LocalSession; onChange(session: LocalSession): void }) {
  const [error, setError] = useState<string | null>(null);
  const fromUser = useUserInput();
  const pick = (value: string) => {
    setError(null);
    send('session.setCycle', { sessionId: session.id, cycle: (value || null) as Cycle | null })
      .then(onChange)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Could not save.'));
  };
  return (
    <div class="row">
      <label class="muted" for="dyad-cycle">
        Business cycle
      </label>
      <select id="dyad-cycle" data-dyad-action="cycle" value={session.cycle ?? ''} onChange={fromUser((e) => pick(e.currentTarget.value))}>
        <option value="">None</option>
        {cycles.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && <p class="error">{error}</p>}
    </div>
  );
}

/**
 * The Dyad panel in an open calendar event: signed out, "Tag as mentorship session", or — once
 * tagged — the business-cycle tag, the pulse when it is due, and the notes.
 */
export function EventPanel({ event, onSessionChange }: { event: CalendarEvent; onSessionChange(): void }) {
  const [state, setState] = useState<PanelState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    load(event)
      .then((next) => live && setState(next))
      .catch(
        (failure: unknown) => live && setState({ kind: 'error', message: failure instanceof Error ? failure.message : String(failure) }),
      );
    return () => {
      live = false;
    };
  }, [event.provider, event.eventId]);

  const tagged = (session: LocalSession) => {
    setState((previous) =>
      previous.kind === 'untagged' || previous.kind === 'tagged'
        ? { kind: 'tagged', self: previous.self, engagements: previous.engagements, session }
        : previous,
    );
    onSessionChange();
  };

  const badge = state.kind === 'tagged' && state.session.pulseAnswered ? 'answered' : state.kind;
  const engagement =
    state.kind === 'tagged' ? state.engagements.find((candidate) => candidate.id === state.session.engagementId) : undefined;

  return (
    <section class="panel" aria-label="Dyad">
      <div class="head">
        <span class="brand">Dyad</span>
        <span class="with">{engagement && state.kind === 'tagged' ? engagementLabel(engagement, state.self) : ''}</span>
        <span class="state" data-dyad="panel-state" data-state={badge}>
          {stateText[badge]}
        </span>
      </div>
      {state.kind === 'loading' && <p class="muted">Loading…</p>}
      {state.kind === 'signed-out' && (
        <p class="muted">Sign in to Dyad (the extension’s options page) to tag this event as a mentorship session.</p>
      )}
      {state.kind === 'error' && <p class="error">{state.message}</p>}
      {state.kind === 'untagged' && (
        <TagSession event={event} engagements={state.engagements} lastUsed={state.lastUsed} self={state.self} onTagged={tagged} />
      )}
      {state.kind === 'tagged' && (
        <>
          <SavedTime session={state.session} onChange={tagged} />
          <CycleTag session={state.session} onChange={tagged} />
          <PulseCard session={state.session} onAnswered={tagged} />
          <SessionNotes sessionId={state.session.id} />
        </>
      )}
    </section>
  );
}

export interface EventPanelUi {
  /** Shows the panel in `open.anchor` (moving it there if the calendar re-rendered), for `open.event`. */
  show(open: OpenEvent): void;
  /** Removes the panel (no event open). */
  hide(): void;
}

function sameEvent(a: CalendarEvent, b: CalendarEvent): boolean {
  return (
    a.provider === b.provider &&
    a.eventId === b.eventId &&
    a.title === b.title &&
    a.startsAt === b.startsAt &&
    a.endsAt === b.endsAt &&
    a.timeCheck === b.timeCheck &&
    a.guests.join() === b.guests.join()
  );
}

export interface EventPanelOptions {
  /** Called after the leader tagged the event or changed its session (the grid's badges follow). */
  onSessionChange(): void;
  /**
   * How the panel tells the leader's input from a script's: `isTrustedInput` (the browser's
   * `isTrusted`). Only unit tests pass another: their DOM makes no trusted events.
   */
  isUserInput?: UserInputCheck;
}

/**
 * The one panel of a page, in a shadow root so neither the calendar's CSS nor ours leaks. It is
 * created once and moved to wherever the open event's anchor is after each re-render, so there is
 * never a second panel and the leader's half-typed note survives a re-render. We place it from our
 * own scoped watcher rather than WXT's `autoMount`, which observes the whole document and takes a
 * selector, not the element the host adapter found.
 *
 * The shadow root is closed and only this content script (its isolated world) holds it: a script
 * on the calendar page finds the host element with `shadowRoot === null` and no way to the
 * panel's nodes, so it can neither read the note nor reach a control to script; and the controls
 * ignore events the browser did not make from real input (user-input.ts), should a script ever
 * get hold of one.
 *
 * TODO(2026-12-07): what no shadow root can hide, because the panel is in the page's document: the
 * page's capture listeners on `window` see each key typed into the note (`key`, `InputEvent.data`),
 * `getSelection().toString()` returns text selected in it, and `document.execCommand` edits the
 * focused field with trusted `input` events (all seen in Chromium 156). Closing those takes the
 * panel's fields out of the page: an extension-origin iframe (WXT's `createIframeUi`).
 */
export async function createEventPanel(
  ctx: ContentScriptContext,
  { onSessionChange, isUserInput = isTrustedInput }: EventPanelOptions,
): Promise<EventPanelUi> {
  let anchor: HTMLElement | undefined;
  let shown: CalendarEvent | null = null;
  let root: HTMLElement | null = null;

  const ui = await createShadowRootUi(ctx, {
    name: 'dyad-panel',
    mode: 'closed',
    position: 'inline',
    anchor: () => anchor,
    append: 'last',
    css: panelCss,
    inheritStyles: true, // our :host rule resets everything itself, without !important on display
    isolateEvents: true, // typing in a note must not trigger the calendar's keyboard shortcuts
    onMount(container) {
      root = container;
    },
    onRemove() {
      if (root) render(null, root); // unmounts: a pending note save is flushed
    },
  });
  ui.shadowHost.setAttribute('data-dyad', 'panel');

  return {
    show(open) {
      const moved = ui.shadowHost.parentElement !== open.anchor;
      if (moved) {
        anchor = open.anchor;
        ui.mount();
      }
      // A move keeps the rendered tree (and a half-typed note); only a different event re-renders.
      if (!shown || !sameEvent(shown, open.event)) {
        shown = open.event;
        if (root)
          render(
            <UserInputCheckContext.Provider value={isUserInput}>
              <EventPanel key={`${open.event.provider}:${open.event.eventId}`} event={open.event} onSessionChange={onSessionChange} />
            </UserInputCheckContext.Provider>,
            root,
          );
      }
    },
    hide() {
      if (!shown && !ui.shadowHost.isConnected) return;
      shown = null;
      anchor = undefined;
      ui.remove();
    },
  };
}
