import { createRoute } from '@hono/zod-openapi';
import { zMe } from '../../shared';
import { getOrg } from '../db/orgs';
import { getAttributes, getParticipant } from '../db/participants';
import { authenticate } from '../http/auth';
import { bearer, errors, json, router } from '../http/openapi';

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
  async (c) => {
    const { orgId, participantId, role } = c.var.auth;
    const [participant, attributes, org] = await Promise.all([
      getParticipant(c.env.DB, orgId, participantId),
      getAttributes(c.env.DB, orgId, participantId),
      getOrg(c.env.DB, orgId),
    ]);
    return c.json({ participant: { ...participant!, attributes }, role, org: org! }, 200);
  },
);
