import { createRoute, z } from '@hono/zod-openapi';
import {
  zIdentityProvider,
  zIdentityProviderCreate,
  zIdentityProviderPatch,
  zIdParam,
  zIssuedInvitation,
  zOrg,
  zOrgCreate,
  zOrgPatch,
  zParticipant,
} from '../../shared';
import { getOrg, updateOrg } from '../db/orgs';
import { nowIso } from '../domain/clock';
import { createOrg } from '../domain/create-org';
import { addProvider, changeProvider, providersOf, removeProvider } from '../domain/manage-identity-providers';
import { inviteAdminAsOperator } from '../domain/operator-invitation';
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
          z.object({ org: zOrg, admin: zParticipant, adminInvitation: zIssuedInvitation }),
          "The organisation, its first admin, and that admin's invitation (its code shown once)",
        ),
        400: errors[400],
        401: errors[401],
      },
    }),
    async (c) => {
      await requireOperator(c.req.header('authorization'), c.env.BOOTSTRAP_TOKEN);
      return c.json(await createOrg(c.env.DB, c.req.valid('json'), new URL(c.req.url).origin, nowIso()), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orgs/{id}/admin-invitations',
      tags: ['organisation'],
      summary:
        "Invite one of an organisation's admins again (operator only), when no admin can sign in any more; in the organisation's audit log",
      security: bearer,
      request: { params: zIdParam, body: jsonBody(z.object({ adminId: z.uuid() }).strict()) },
      responses: { 201: json(zIssuedInvitation, 'The invitation'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      await requireOperator(c.req.header('authorization'), c.env.BOOTSTRAP_TOKEN);
      const { id } = c.req.valid('param');
      return c.json(await inviteAdminAsOperator(c.env.DB, id, c.req.valid('json').adminId, new URL(c.req.url).origin, nowIso()), 201);
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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/org/identity-providers',
      tags: ['identity'],
      summary: "The organisation's OpenID Connect providers (admin)",
      security: bearer,
      middleware: [authenticate()] as const,
      responses: { 200: json(z.object({ providers: z.array(zIdentityProvider) }), 'The providers'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => c.json({ providers: await providersOf(c.env.DB, c.var.auth) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/org/identity-providers',
      tags: ['identity'],
      summary: 'Add an OpenID Connect provider: issuer URL, client id, and which claim holds the email (admin)',
      security: bearer,
      middleware: [authenticate()] as const,
      request: { body: jsonBody(zIdentityProviderCreate) },
      responses: { 201: json(zIdentityProvider, 'The provider'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => c.json(await addProvider(c.env.DB, c.var.auth, c.req.valid('json'), nowIso()), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/org/identity-providers/{id}',
      tags: ['identity'],
      summary: 'Change a provider (admin)',
      security: bearer,
      middleware: [authenticate()] as const,
      request: { params: zIdParam, body: jsonBody(zIdentityProviderPatch) },
      responses: { 200: json(zIdentityProvider, 'The provider'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json(await changeProvider(c.env.DB, c.var.auth, c.req.valid('param').id, c.req.valid('json'), nowIso()), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/org/identity-providers/{id}',
      tags: ['identity'],
      summary: 'Remove a provider (admin): its sign-ins in progress cannot finish',
      security: bearer,
      middleware: [authenticate()] as const,
      request: { params: zIdParam },
      responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      await removeProvider(c.env.DB, c.var.auth, c.req.valid('param').id, nowIso());
      return c.body(null, 204);
    },
  );

/** The operator's routes need the BOOTSTRAP_TOKEN secret (compared in constant time). */
async function requireOperator(header: string | undefined, expected: string | undefined): Promise<void> {
  const secret = bearerOf(header);
  if (!expected || !secret || !(await secretsEqual(secret, expected))) {
    throw new ApiError(401, 'unauthorized', 'This needs the operator bootstrap token');
  }
}
