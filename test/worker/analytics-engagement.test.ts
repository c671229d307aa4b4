import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';

describe('smoke', () => {
  it('all endpoints answer', async () => {
    const fx = await analyticsOrg();
    const p = await fx.programme('reverse');
    const [a, b] = await fx.people(2, 'P', { attributes: { gender: 'woman' } });
    const e = await fx.engagement(p, [[a!, 'mentor'], [b!, 'mentee']]);
    const s = await fx.session(e, '2026-02-03T10:00:00Z');
    await fx.pulse(s, a!, { value: 4, checkIn: true, at: '2026-03-01T00:00:00Z' });

    for (const path of ['alerts', 'representation?dimension=gender', 'pulse', 'engagement?format=csv', 'pulse?format=csv']) {
      const res = await fx.coordinator.get(`/v1/analytics/${path}${path.includes('?') ? '&' : '?'}asOf=2026-03-15`);
      console.log(path, res.status, typeof res.body === 'string' ? res.body : JSON.stringify(res.body).slice(0, 1500));
    }
  });
});

describe('round trips', () => {
  it('each analytics request makes at most 5 D1 round trips, reported in Server-Timing', async () => {
    const fx = await analyticsOrg();
    const p = await fx.programme('classic');

    for (const path of ['engagement', 'alerts', 'representation?dimension=gender', 'pulse', `engagement?programmeId=${p}`]) {
      const res = await fx.coordinator.get(`/v1/analytics/${path}`);
      const trips = Number(/d1;desc="(\d+) round trips"/.exec(res.headers.get('server-timing') ?? '')?.[1]);
      expect(res.status).toBe(200);
      expect(trips).toBeGreaterThanOrEqual(3);
      expect(trips).toBeLessThanOrEqual(5);
    }
  });
});
