import { createRoute } from '@hono/zod-openapi';
import { zDimensionParam, zPopulation, zPopulationList, zPopulationPut } from '../../shared';
import { listPopulation, replacePopulation } from '../db/population';
import { nowIso } from '../domain/clock';
import { authenticate } from '../http/auth';
import { requireRole } from '../policy';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

const tags = ['population'];

export const population = router();
population.use('*', authenticate());
population.use('*', async function staffOnly(c, next) {
  requireRole(c.var.auth, 'coordinator', 'admin');
  await next();
});

population.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Population baselines, per dimension (coordinator, admin)',
    security: bearer,
    responses: { 200: json(zPopulationList, 'The baselines'), 401: errors[401], 403: errors[403] },
  }),
  async (c) => c.json({ dimensions: await listPopulation(c.env.DB, c.var.auth.orgId) }, 200),
);

population.openapi(
  createRoute({
    method: 'put',
    path: '/{dimension}',
    tags,
    summary: "Replace a dimension's baseline: the eligible population's count per group (coordinator, admin)",
    security: bearer,
    request: { params: zDimensionParam, body: jsonBody(zPopulationPut) },
    responses: { 200: json(zPopulation, 'The baseline'), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const { orgId } = c.var.auth;
    const { dimension } = c.req.valid('param');
    const now = nowIso();
    await replacePopulation(c.env.DB, orgId, dimension, c.req.valid('json').counts, now);
    const stored = (await listPopulation(c.env.DB, orgId)).find((p) => p.dimension === dimension)!;
    return c.json(stored, 200);
  },
);
