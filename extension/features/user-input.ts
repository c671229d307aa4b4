import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';

/** Whether an event is the leader's own input (a click, a key press, typing) rather than a script's. */
export type UserInputCheck = (event: Event) => boolean;

/**
 * The browser's answer: `isTrusted` is true only for events the browser made from real input; an
 * event a script makes (`element.click()`, `dispatchEvent`) has it false, and no script can set
 * it (it is `[LegacyUnforgeable]`, https://dom.spec.whatwg.org/#dom-event-istrusted). The panel
 * sits in the calendar's DOM, so this is how it tells the leader from a script on the page.
 */
export const isTrustedInput: UserInputCheck = (event) => event.isTrusted === true;

/**
 * The check the panel's controls use: `isTrustedInput`, unless a unit test (whose DOM makes no
 * trusted events at all) provides one that recognises the events it plays as the leader's.
 */
export const UserInputCheckContext = createContext<UserInputCheck>(isTrustedInput);

/**
 * Every event handler of the panel goes through this: `fromUser(handler)` runs `handler` for the
 * leader's own input only. A script's event is dropped whole — no handler, and no default action,
 * so a scripted `click()` on a checkbox does not tick it (Chromium would then fire a *trusted*
 * `change`) — and the component renders again, so a field shows and sends what the leader typed,
 * not what the script put there.
 *
 * @example
 * const fromUser = useUserInput();
 * return <button type="button" onClick={fromUser(tag)}>Tag session</button>;
 */
export function useUserInput() {
  const isUserInput = useContext(UserInputCheckContext);
  // Preact puts a controlled field's `value` and `checked` back on each render.
  const [, setRenders] = useState(0);
  return function fromUser<E extends Event>(handler: (event: E) => unknown): (event: E) => void {
    return (event) => {
      if (isUserInput(event)) {
        handler(event);
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      setRenders((renders) => renders + 1);
    };
  };
}
