import { beforeEach, describe, expect, it } from 'vitest';
import { describeSpan, fromFields, toFields } from '../../../extension/lib/local-span';
import { flush } from '../../../extension/lib/queue';
import { setTime, tagSession } from '../../../extension/lib/sessions';
import type { FakeApi } from './fake-api';
import { event, hour, signedInWithFakeApi } from './support';

const getApi = signedInWithFakeApi();
let api: FakeApi;
beforeEach(() => {
  api = getApi();
});

describe('a session’s time as the leader reads and types it (local time)', () => {
  it('round-trips a span through a day and two clock times', () => {
    const startsAt = new Date(2026, 8, 28, 15, 0).toISOString();
    const endsAt = new Date(2026, 8, 28, 16, 45).toISOString();

    expect(toFields(startsAt, endsAt)).toEqual({ date: '2026-09-28', start: '15:00', end: '16:45' });
    expect(fromFields(toFields(startsAt, endsAt))).toEqual({ startsAt, endsAt });
  });

  it('reads an end before the start as the next day, keeps an equal one, and gives nulls for what is incomplete', () => {
    expect(fromFields({ date: '2026-09-28', start: '23:30', end: '00:15' }).endsAt).toBe(new Date(2026, 8, 29, 0, 15).toISOString());
    expect(fromFields({ date: '2026-09-28', start: '10:00', end: '10:00' })).toEqual({
      startsAt: new Date(2026, 8, 28, 10).toISOString(),
      endsAt: new Date(2026, 8, 28, 10).toISOString(),
    });
    expect(fromFields({ date: '', start: '10:00', end: '11:00' })).toEqual({ startsAt: null, endsAt: null });
    expect(fromFields({ date: '2026-09-28', start: '10:00', end: '' }).endsAt).toBeNull();
  });

  it('says the end’s day only when it differs, and what is unknown', () => {
    const start = new Date(2026, 8, 28, 23, 30).toISOString();
    const sameDay = describeSpan(start, new Date(2026, 8, 28, 23, 55).toISOString());
    const nextDay = describeSpan(start, new Date(2026, 8, 29, 0, 15).toISOString());

    expect(sameDay.split(' – ')[1]).not.toMatch(/29/);
    expect(nextDay.split(' – ')[1]).toMatch(/29/);
    expect(describeSpan(null, null)).toBe('Time unknown');
    expect(describeSpan(start, null)).toMatch(/end unknown$/);
  });
});

describe('saving a session’s time', () => {
  it('refuses to tag a meeting of no length (the API would refuse it too)', async () => {
    await expect(tagSession(event('zero', -2, 0))).rejects.toThrow('no length');
    expect(api.sessions.size).toBe(0);
  });

  it('corrects a tagged session’s end, and the API gets the new time', async () => {
    const tagged = await tagSession(event('overran', -3, 1));
    const endsAt = new Date(Date.parse(tagged.endsAt) + hour / 2).toISOString();

    const saved = await setTime(tagged.id, { startsAt: tagged.startsAt, endsAt });
    await flush('manual');

    expect(saved).toMatchObject({ startsAt: tagged.startsAt, endsAt });
    expect([...api.sessions.values()].map((s) => s.endsAt)).toEqual([endsAt]);
    await expect(setTime(tagged.id, { startsAt: endsAt, endsAt })).rejects.toThrow('end after the start');
  });
});
