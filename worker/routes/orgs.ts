import { createRoute, z } from '@hono/zod-openapi';
import { zOrg, zOrgCreate, zOrgPatch, zParticipant } from '../../shared';
import { getOrg, updateOrg } from '../db/orgs';
import { nowIso } from '../domain/clock';
import { createOrg } from '../domain/create-org';
import { secretsEqual } from '../domain/token-secrets';
import { authenticate, bearerOf } from '../http/auth';
import { requireRole } from '../policy';
import { ApiError } from '../http/errors';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

export const orgs = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs',
      tags: ['organisation'],
      summary: 'Create an organisation (operator only: Bearer = the BOOTSTRAP_TOKEN secret)',
      security: bearer,
      request: { body: jsonBody(zOrgCreate) },
      responses: {
        201: json(
          z.object({ org: zOrg, admin: zParticipant, adminToken: z.string() }),
          'The organisation, its first admin, and the admin token (shown once)',
        ),
        400: errors[400],
        401: errors[401],
      },
    }),
    async (c) => {
      const secret = bearerOf(c.req.header('authorization'));
      const expected = c.env.BOOTSTRAP_TOKEN;
      if (!expected || !secret || !(await secretsEqual(secret, expected))) {
        throw new ApiError(401, 'unauthorized', 'Creating an organisation needs the operator bootstrap token');
      }
      return c.json(await createOrg(c.env.DB, c.req.valid('json'), nowIso()), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/org',
      tags: ['organisation'],
      summary: "Change the organisation's settings (admin)",
      security: bearer,
      middleware: [authenticate()] as const,
      request: { body: jsonBody(zOrgPatch) },
      responses: { 200: json(zOrg, 'The organisation'), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const auth = c.var.auth;
      requireRole(auth, 'admin');
      await updateOrg(c.env.DB, auth.orgId, c.req.valid('json'), nowIso());
      return c.json((await getOrg(c.env.DB, auth.orgId))!, 200);
    },
  );
