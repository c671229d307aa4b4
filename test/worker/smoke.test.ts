import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers /healthz', async () => {
  const res = await SELF.fetch('http://x/healthz');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});
