import { describe, expect, it } from 'vitest';
import background from '../../../extension/entrypoints/background';
import { flush } from '../../../extension/lib/queue';
import { refresh } from '../../../extension/lib/refresh';
import { send } from '../../../extension/lib/send';
import { tagSession } from '../../../extension/lib/sessions';
import { read, write } from '../../../extension/lib/storage';
import { dayMs } from '../../../shared/rules/days';
import { event, offline, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();

/** A session tagged `daysAgo` days ago on another device: in the API, not in this (fresh) profile. */
async function taggedElsewhere(daysAgo: number) {
  const tagged = await tagSession(event(`old-${daysAgo}`, -daysAgo * 24));
  await flush('manual');
  await write({ sessions: {} });
  await refresh();
  return tagged;
}

const range = (fromDaysAgo: number, toDaysAgo: number) => ({
  from: new Date(Date.now() - fromDaysAgo * dayMs).toISOString(),
  to: new Date(Date.now() - toDaysAgo * dayMs).toISOString(),
});

describe('dates before the local copy’s (a leader paging back, a fresh profile)', () => {
  it('the regular refresh keeps only 45 days back: an older session is not in the local copy', async () => {
    const old = await taggedElsewhere(100);

    expect(Object.keys((await read('sessions')).sessions)).not.toContain(old.id);
    expect(getApi().sessions.has(old.id)).toBe(true);
  });

  it('lists a range the grid shows by asking the API for it, so last spring’s chips get their badge', async () => {
    background.main();
    const old = await taggedElsewhere(100);

    const listed = await send('sessions.list', range(110, 90));

    expect(listed.map((s) => s.source.eventId)).toEqual(['old-100']);
    expect((await read('sessions')).sessions[old.id]).toBeDefined();
  });

  it('finds an old event’s session from the event’s own start, so the panel does not offer Tag again', async () => {
    background.main();
    const old = await taggedElsewhere(100);

    const withoutDate = await send('session.forEvent', { provider: 'google', eventId: 'old-100' });
    const withDate = await send('session.forEvent', { provider: 'google', eventId: 'old-100', around: old.startsAt });

    expect(withoutDate).toBeNull();
    expect(withDate?.id).toBe(old.id);
  });

  it('answers from the local copy, without failing, when the API cannot be reached', async () => {
    background.main();
    const api = getApi();
    await taggedElsewhere(100);

    const listed = await offline(api, () => send('sessions.list', range(110, 90)));

    expect(listed).toEqual([]);
  });
});
