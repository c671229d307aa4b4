import { vi } from 'vitest';
import type { UserInputCheck } from '../../extension/features/user-input';

/**
 * The panel's closed shadow root, caught as `attachShadow` returns it to the content script (the
 * only holder of it; `host.shadowRoot` is null). Call before the panel is created; undo with
 * `vi.restoreAllMocks()`.
 *
 * @example const panelRoot = catchPanelRoot(); await createEventPanel(…); panelRoot()!.querySelector('[data-dyad-action="tag"]')
 */
export function catchPanelRoot(): () => ShadowRoot | null {
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  return () => {
    for (const result of attach.mock.results) {
      const root = result.value as ShadowRoot | undefined;
      if (root?.host.getAttribute('data-dyad') === 'panel') return root;
    }
    return null;
  };
}

/**
 * The leader's hand in a DOM that makes no trusted events: the panel is given `check`, which
 * accepts the events played through `leader` and nothing else — exactly as the browser's
 * `isTrusted` accepts real input and no script's event.
 *
 * @example const { leader, check } = leaderInput(); button.dispatchEvent(leader(new MouseEvent('click', { bubbles: true })));
 */
export function leaderInput(): { leader<E extends Event>(event: E): E; check: UserInputCheck } {
  const played = new WeakSet<Event>();
  return {
    leader(event) {
      played.add(event);
      return event;
    },
    check: (event) => played.has(event),
  };
}
