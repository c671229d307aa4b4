import { createRoute } from '@hono/zod-openapi';
import { zEngagement, zEngagementCreate, zEngagementList, zEngagementListQuery, zEngagementPatch, zIdParam } from '../../shared';
import { listEngagements } from '../db/engagements';
import { nowIso } from '../domain/clock';
import { createEngagement, patchEngagement, readEngagement } from '../domain/manage-engagements';
import { authenticate } from '../http/auth';
import { engagementMemberFilter, requireRole } from '../policy';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

const tags = ['engagements'];

export const engagements = router();
engagements.use('*', authenticate());

engagements.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'List engagements: staff see all, a participant only their own',
    security: bearer,
    request: { query: zEngagementListQuery },
    responses: { 200: json(zEngagementList, 'The engagements, with members'), 400: errors[400], 401: errors[401] },
  }),
  async (c) => {
    const auth = c.var.auth;
    const filter = { ...c.req.valid('query'), memberId: engagementMemberFilter(auth) };
    return c.json({ engagements: await listEngagements(c.env.DB, auth.orgId, filter) }, 200);
  },
);

engagements.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One engagement (staff: any; participant: their own)',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: json(zEngagement, 'The engagement'), 401: errors[401], 404: errors[404] },
  }),
  async (c) => c.json(await readEngagement(c.env.DB, c.var.auth, c.req.valid('param').id), 200),
);

engagements.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Create an engagement (coordinator, admin)',
    description:
      'Roles by programme kind: reverse and classic — one mentor and one mentee; advisory — advisors and executives; ' +
      'rotation — one rotator and one host, 7 to 42 days (both ends counted), endsOn required.',
    security: bearer,
    request: { body: jsonBody(zEngagementCreate) },
    responses: { 201: json(zEngagement, 'The engagement'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    requireRole(c.var.auth, 'coordinator', 'admin');
    return c.json(await createEngagement(c.env.DB, c.var.auth, c.req.valid('json'), nowIso()), 201);
  },
);

engagements.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Change an engagement (coordinator, admin); `members` replaces the member list',
    security: bearer,
    request: { params: zIdParam, body: jsonBody(zEngagementPatch) },
    responses: { 200: json(zEngagement, 'The engagement'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    requireRole(c.var.auth, 'coordinator', 'admin');
    const { id } = c.req.valid('param');
    return c.json(await patchEngagement(c.env.DB, c.var.auth, id, c.req.valid('json'), nowIso()), 200);
  },
);
