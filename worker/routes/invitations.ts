import { createRoute } from '@hono/zod-openapi';
import { zIdParam, zInvitation } from '../../shared';
import { nowIso } from '../domain/clock';
import { revokeInvitation } from '../domain/invitations';
import { authenticate } from '../http/auth';
import { bearer, errors, json, router } from '../http/openapi';
import { limit } from '../http/rate-limit';
import { requireStaff } from '../policy';

export const invitations = router();
invitations.use('*', authenticate());
invitations.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags: ['identity'],
    summary: 'Withdraw a pending invitation (coordinator: of participants; admin: any)',
    security: bearer,
    request: { params: zIdParam },
    responses: {
      200: json(zInvitation, 'The invitation'),
      401: errors[401],
      403: errors[403],
      404: errors[404],
      409: errors[409],
      429: errors[429],
    },
  }),
  async (c) => {
    requireStaff(c.var.auth);
    await limit(c.env, 'credentials', c.var.auth.participantId);
    return c.json(await revokeInvitation(c.env.DB, c.var.auth, c.req.valid('param').id, nowIso()), 200);
  },
);
