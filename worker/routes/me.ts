import { createRoute } from '@hono/zod-openapi';
import { zCredential, zIdParam, zMe, zMyCredentials } from '../../shared';
import { listInvitations } from '../db/invitations';
import { nowIso } from '../domain/clock';
import { listCredentials, revokeCredential } from '../domain/credentials';
import { readMe } from '../domain/read-me';
import { authenticate } from '../http/auth';
import { bearer, errors, json, router } from '../http/openapi';
import { limit } from '../http/rate-limit';

export const me = router();
me.use('*', authenticate());
me.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['me'],
    summary: 'Who the token belongs to: the participant (with their own attributes), role and organisation',
    security: bearer,
    responses: { 200: json(zMe, 'The caller'), 401: errors[401] },
  }),
  async (c) => c.json(await readMe(c.env.DB, c.var.auth), 200),
);

me.openapi(
  createRoute({
    method: 'get',
    path: '/credentials',
    tags: ['identity'],
    summary: "The caller's own credentials (how, which app, created, last used, revoked) and the invitations made for them",
    security: bearer,
    responses: { 200: json(zMyCredentials, 'Your sign-ins'), 401: errors[401], 429: errors[429] },
  }),
  async (c) => {
    const auth = c.var.auth;
    await limit(c.env, 'credentials', auth.participantId);
    const [credentials, invitations] = await Promise.all([
      listCredentials(c.env.DB, auth),
      listInvitations(c.env.DB, auth.orgId, auth.participantId, nowIso()),
    ]);
    return c.json({ credentials, invitations }, 200);
  },
);

me.openapi(
  createRoute({
    method: 'delete',
    path: '/credentials/{id}',
    tags: ['identity'],
    summary: 'Revoke one of your credentials: its access tokens stop at once',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: json(zCredential, 'The revoked credential'), 401: errors[401], 404: errors[404], 429: errors[429] },
  }),
  async (c) => {
    await limit(c.env, 'credentials', c.var.auth.participantId);
    return c.json(await revokeCredential(c.env.DB, c.var.auth, c.req.valid('param').id, nowIso()), 200);
  },
);
