import { createRoute } from '@hono/zod-openapi';
import {
  defaultMinSessionsPerQuarter,
  zIdParam,
  zProgramme,
  zProgrammeCreate,
  zProgrammeList,
  zProgrammePatch,
  type Programme,
} from '../../shared';
import { getProgramme, insertProgramme, listProgrammes, updateProgramme } from '../db/programmes';
import { nowIso } from '../domain/clock';
import { authenticate } from '../http/auth';
import { requireRole } from '../policy';
import { notFound } from '../http/errors';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

const tags = ['programmes'];

export const programmes = router();
programmes.use('*', authenticate());

programmes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'List programmes (any role)',
    security: bearer,
    responses: { 200: json(zProgrammeList, 'The programmes'), 401: errors[401] },
  }),
  async (c) => c.json({ programmes: await listProgrammes(c.env.DB, c.var.auth.orgId) }, 200),
);

programmes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One programme (any role)',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: json(zProgramme, 'The programme'), 401: errors[401], 404: errors[404] },
  }),
  async (c) => {
    const programme = await getProgramme(c.env.DB, c.var.auth.orgId, c.req.valid('param').id);
    if (!programme) throw notFound('programme');
    return c.json(programme, 200);
  },
);

programmes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Create a programme (coordinator, admin). The commitment defaults to 2 sessions a quarter, advisory 1.',
    security: bearer,
    request: { body: jsonBody(zProgrammeCreate) },
    responses: { 201: json(zProgramme, 'The programme'), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    const auth = c.var.auth;
    requireRole(auth, 'coordinator', 'admin');
    const input = c.req.valid('json');
    const now = nowIso();
    const programme: Programme = {
      id: crypto.randomUUID(),
      name: input.name,
      kind: input.kind,
      charter: input.charter,
      minSessionsPerQuarter: input.minSessionsPerQuarter ?? defaultMinSessionsPerQuarter[input.kind],
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await insertProgramme(c.env.DB, auth.orgId, programme);
    return c.json(programme, 201);
  },
);

programmes.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Change a programme (coordinator, admin). Its kind is fixed.',
    security: bearer,
    request: { params: zIdParam, body: jsonBody(zProgrammePatch) },
    responses: { 200: json(zProgramme, 'The programme'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
  }),
  async (c) => {
    const auth = c.var.auth;
    requireRole(auth, 'coordinator', 'admin');
    const before = await getProgramme(c.env.DB, auth.orgId, c.req.valid('param').id);
    if (!before) throw notFound('programme');
    const after: Programme = { ...before, ...c.req.valid('json'), updatedAt: nowIso() };
    await updateProgramme(c.env.DB, auth.orgId, after);
    return c.json(after, 200);
  },
);
