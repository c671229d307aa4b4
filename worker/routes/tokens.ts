import { createRoute } from '@hono/zod-openapi';
import { zIdParam, zToken } from '../../shared';
import { nowIso } from '../domain/clock';
import { revoke } from '../domain/issue-token';
import { authenticate } from '../http/auth';
import { bearer, errors, json, router } from '../http/openapi';

export const tokens = router();
tokens.use('*', authenticate());
tokens.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags: ['tokens'],
    summary: 'Revoke a token (coordinator: participant tokens; admin: any; anyone: their own)',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: json(zToken, 'The revoked token'), 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => c.json(await revoke(c.env.DB, c.var.auth, c.req.valid('param').id, nowIso()), 200),
);
