import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { rateLimits } from '../../shared';
import { hit, windowOf } from '../../worker/db/rate-limits';
import { limitOf } from '../../worker/http/rate-limit';
import { call, pairOrg, tokenFor } from './support';

/**
 * Rate limits, counted in D1 so every Worker instance shares the count: the N+1th attempt in a
 * window gets 429 with Retry-After, and the next window starts afresh.
 */
describe('rate limits', () => {
  it('are the defaults unless the operator sets others in RATE_LIMITS; nonsense there changes nothing', () => {
    expect(limitOf({}, 'analytics')).toBe(rateLimits.analytics.limit);
    expect(limitOf({ RATE_LIMITS: 'analytics=600, redeem=50' }, 'analytics')).toBe(600);
    expect(limitOf({ RATE_LIMITS: 'analytics=600, redeem=50' }, 'redeem')).toBe(50);
    expect(limitOf({ RATE_LIMITS: 'redeem=0,analytics=lots,signIn' }, 'redeem')).toBe(rateLimits.redeem.limit);
    expect(limitOf({ RATE_LIMITS: 'redeem=0,analytics=lots,signIn' }, 'analytics')).toBe(rateLimits.analytics.limit);
  });

  it('counts per key in fixed windows: the N+1th hit is refused, with the seconds left, and the next window recovers', async () => {
    const key = `test-${crypto.randomUUID()}`;
    const { limit, windowSeconds } = rateLimits.redeem;
    const start = windowOf('redeem', Date.UTC(2026, 0, 1, 12, 0, 0)).start * 1000;
    const at = start + 3000;

    const within = [];
    for (let i = 0; i < limit; i++) within.push((await hit(env.DB, 'redeem', key, at)).ok);
    const over = await hit(env.DB, 'redeem', key, at);
    const other = await hit(env.DB, 'redeem', `${key}-other`, at);
    const next = await hit(env.DB, 'redeem', key, start + windowSeconds * 1000);

    expect(within.every(Boolean)).toBe(true);
    expect(over).toMatchObject({ ok: false, window: { retryAfterSeconds: windowSeconds - 3 } });
    expect(other.ok).toBe(true);
    expect(next.ok).toBe(true);
  });

  it('redeeming: the N+1th attempt from one address gets 429 with Retry-After; another address is not slowed', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const attempt = (from: string) =>
      call('POST', '/v1/auth/invitations/redeem', {
        body: { code: 'dyad_inv_guess', client: 'api' },
        headers: { 'cf-connecting-ip': from },
      });

    const statuses = [];
    for (let i = 0; i < rateLimits.redeem.limit; i++) statuses.push((await attempt(ip)).status);
    const over = await attempt(ip);
    const elsewhere = await attempt(`${ip}-elsewhere`);

    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({
      error: { code: 'rate_limited', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } },
    });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(elsewhere.status).toBe(401);
  });

  it('signing in: the N+1th look-up of sign-in options from one address gets 429', async () => {
    const ip = `203.0.113.1-${crypto.randomUUID()}`;
    const ask = () => call('GET', '/v1/auth/sign-in-options?org=nobody', { headers: { 'cf-connecting-ip': ip } });

    for (let i = 0; i < rateLimits.signIn.limit; i++) expect((await ask()).status).toBe(404);
    const over = await ask();

    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('analytics: the N+1th request of a coordinator in a minute gets 429 with Retry-After; another coordinator is not slowed', async () => {
    const { coordinator, admin, people } = await pairOrg();
    const other = await tokenFor(admin, people.olu.id, 'coordinator');

    // Start early in a window, so that the loop's few seconds never straddle two.
    const { retryAfterSeconds } = windowOf('analytics', Date.now());
    if (retryAfterSeconds < 20) await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000 + 200));
    const statuses = new Set<number>();
    for (let i = 0; i < rateLimits.analytics.limit; i++) statuses.add((await coordinator.get('/v1/analytics/alerts')).status);
    const over = await coordinator.get('/v1/analytics/alerts');
    const others = await call('GET', '/v1/analytics/alerts', { token: other });

    expect(statuses).toEqual(new Set([200]));
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(rateLimits.analytics.windowSeconds);
    expect(others.status).toBe(200);
  });
});
