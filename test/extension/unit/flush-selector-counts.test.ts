import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { countHit, countMiss, takeCounts } from '../../../extension/hosts/selector-counts';
import { flushSelectorCounts } from '../../../extension/lib/flush-selector-counts';
import { fakeBackground, settle } from '../fake-background';

beforeEach(() => {
  fakeBrowser.reset();
  takeCounts();
});

describe('the calendar tab hands its selector counts to the background', () => {
  it('when the page is hidden, once, and not again with nothing new', async () => {
    const received = fakeBackground({ 'health.record': () => null });
    const stop = new AbortController();
    flushSelectorCounts(stop.signal);
    countHit('outlook.when', 1);
    countMiss('outlook.title');

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    stop.abort();

    expect(received).toEqual([
      {
        dyad: 'health.record',
        payload: { counts: { 'outlook.when': { hits: [0, 1], misses: 0 }, 'outlook.title': { hits: [], misses: 1 } } },
      },
    ]);
  });

  it('about once a minute, and keeps counts a failed send could not deliver', async () => {
    vi.useFakeTimers();
    const received = fakeBackground({}); // no handler: the background answers with an error
    const stop = new AbortController();
    flushSelectorCounts(stop.signal, 60_000);
    countHit('google.when', 0);

    await vi.advanceTimersByTimeAsync(60_000);
    vi.useRealTimers();
    await settle();
    stop.abort();

    expect(received.map((m) => m.dyad)).toEqual(['health.record']);
    expect(takeCounts()).toEqual({ 'google.when': { hits: [1], misses: 0 } });
  });
});
