import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTrustedInput, UserInputCheckContext, useUserInput } from '../../../extension/features/user-input';
import { settle } from '../fake-background';
import { leaderInput } from '../panel-root';

/** A field and a button wired the way the panel's controls are: every handler through `fromUser`. */
function Form({ onSend }: { onSend(text: string): void }) {
  const [text, setText] = useState('');
  const fromUser = useUserInput();
  return (
    <>
      <input value={text} onInput={fromUser((e) => setText(e.currentTarget.value))} />
      <input type="checkbox" onClick={fromUser(() => onSend(`ticked ${text}`))} />
      <button type="button" onClick={fromUser(() => onSend(text))}>
        Send
      </button>
    </>
  );
}

const { leader, check } = leaderInput();
let container: HTMLElement;

function mount(onSend: (text: string) => void) {
  container = document.createElement('div');
  document.body.append(container);
  render(
    <UserInputCheckContext.Provider value={check}>
      <Form onSend={onSend} />
    </UserInputCheckContext.Provider>,
    container,
  );
  return {
    field: container.querySelector<HTMLInputElement>('input:not([type])')!,
    box: container.querySelector<HTMLInputElement>('input[type=checkbox]')!,
    button: container.querySelector('button')!,
  };
}
const clickEvent = () => new MouseEvent('click', { bubbles: true, cancelable: true });
function typeInto(field: HTMLInputElement, value: string, event = new Event('input', { bubbles: true })) {
  field.value = value;
  field.dispatchEvent(event);
}

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('useUserInput: only the leader’s own input acts', () => {
  it('runs the handler for the leader’s typing and clicks', async () => {
    const send = vi.fn();
    const { field, button } = mount(send);

    typeInto(field, 'Agenda', leader(new Event('input', { bubbles: true })));
    await settle();
    button.dispatchEvent(leader(clickEvent()));

    expect(send).toHaveBeenCalledWith('Agenda');
  });

  it('drops a script’s click whole: no handler, no default action, no listener after it', () => {
    const send = vi.fn();
    const { button, box } = mount(send);
    const later = vi.fn();
    button.addEventListener('click', later);
    const scripted = clickEvent();

    button.dispatchEvent(scripted);
    box.dispatchEvent(clickEvent());

    expect(send).not.toHaveBeenCalled();
    expect(later).not.toHaveBeenCalled();
    expect(scripted.defaultPrevented).toBe(true);
    // Cancelling the click is what undoes a scripted tick.
    expect(box.checked).toBe(false);
  });

  it('puts a field back to what the leader typed after a script changed it, so the script’s text is never sent', async () => {
    const send = vi.fn();
    const { field, button } = mount(send);
    typeInto(field, 'Mine', leader(new Event('input', { bubbles: true })));
    await settle();

    typeInto(field, 'Written by the page');
    await settle();
    button.dispatchEvent(leader(clickEvent()));

    expect(field.value).toBe('Mine');
    expect(send).toHaveBeenCalledExactlyOnceWith('Mine');
  });
});

describe('isTrustedInput: the check the extension ships', () => {
  it('takes events the browser made from real input', () => {
    // happy-dom makes no trusted events; this is how the browser marks one.
    const real = Object.defineProperty(new MouseEvent('click'), 'isTrusted', { value: true });

    expect(isTrustedInput(real)).toBe(true);
  });

  it('refuses events a script made, as every event of this DOM is', () => {
    const button = document.createElement('button');
    let clicked: Event | null = null;
    button.addEventListener('click', (event) => (clicked = event));

    button.click();

    expect(clicked).not.toBeNull();
    expect(isTrustedInput(clicked!)).toBe(false);
    expect(isTrustedInput(new Event('input'))).toBe(false);
  });
});
