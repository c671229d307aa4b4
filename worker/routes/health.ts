import { createRoute, z } from '@hono/zod-openapi';
import { json, router } from '../http/openapi';

export const health = router().openapi(
  createRoute({
    method: 'get',
    path: '/healthz',
    tags: ['meta'],
    summary: 'Liveness',
    responses: { 200: json(z.object({ ok: z.literal(true) }), 'The Worker is up') },
  }),
  (c) => c.json({ ok: true as const }, 200),
);
