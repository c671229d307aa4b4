import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TagRequest } from '../../../extension/lib/messages';
import { flush } from '../../../extension/lib/queue';
import { write } from '../../../extension/lib/storage';
import { engagementId, FakeApi, signedInAs } from './fake-api';

export const hour = 3600_000;

/**
 * Before each test: a fresh fake browser (`fakeBrowser.reset()`), a fresh fake API behind `fetch`,
 * and a signed-in leader. Returns a getter for the test's API.
 */
export function signedInWithFakeApi(): () => FakeApi {
  let api: FakeApi;
  beforeEach(async () => {
    fakeBrowser.reset();
    api = new FakeApi();
    vi.stubGlobal('fetch', api.fetch);
    await write({ auth: signedInAs() });
  });
  // Work a test started and did not wait for (a refresh after a read, a flush after a write)
  // finishes before the next test's reset, so it cannot write into that test's storage.
  afterEach(async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await flush('alarm');
    }
  });
  return () => api;
}

/** A calendar event to tag, starting `startsInHours` from now (default: two hours ago), an hour long. */
export function event(eventId: string, startsInHours = -2, lengthHours = 1): TagRequest {
  const startsAt = new Date(Date.now() + startsInHours * hour);
  return {
    provider: 'google',
    eventId,
    title: `Event ${eventId}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + lengthHours * hour).toISOString(),
    engagementId,
  };
}

/** Makes writes with the network down, and lets the flushes they start fail before it comes back. */
export async function offline<T>(api: FakeApi, writes: () => Promise<T>): Promise<T> {
  api.offline = true;
  const result = await writes();
  await flush('alarm');
  api.offline = false;
  return result;
}
