import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Envelope, MessageTable, MessageType } from '../../extension/lib/messages';

type Handlers = { [T in MessageType]?: (payload: MessageTable[T]['req']) => MessageTable[T]['res'] | Promise<MessageTable[T]['res']> };

/**
 * Answers the content script's messages the way the background does (`{ ok, value }`), from
 * `handlers`; an unhandled message is answered with an error. Returns the messages received.
 */
export function fakeBackground(handlers: Handlers): Envelope[] {
  const received: Envelope[] = [];
  fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
    const envelope = message as Envelope;
    received.push(envelope);
    const handler = handlers[envelope.dyad] as ((payload: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: `no handler for ${envelope.dyad}` };
    try {
      return { ok: true, value: await handler(envelope.payload) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
  return received;
}

/** Lets MutationObserver callbacks, microtasks and zero-delay timers run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Counts MutationObservers that are observing something, by wrapping the global class. */
export function countObservers() {
  const Original = globalThis.MutationObserver;
  const active = new Set<MutationObserver>();
  let created = 0;
  class Counted extends Original {
    constructor(callback: MutationCallback) {
      super(callback);
      created++;
    }
    override observe(target: Node, options?: MutationObserverInit) {
      active.add(this);
      super.observe(target, options);
    }
    override disconnect() {
      active.delete(this);
      super.disconnect();
    }
  }
  globalThis.MutationObserver = Counted;
  return {
    get active() {
      return active.size;
    },
    get created() {
      return created;
    },
    restore() {
      globalThis.MutationObserver = Original;
    },
  };
}
