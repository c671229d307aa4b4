import { createRoute, z } from '@hono/zod-openapi';
import {
  zIdParam,
  zImportQuery,
  zImportResult,
  zInvitation,
  zInvitationCreate,
  zIssuedInvitation,
  zParticipant,
  zParticipantCreate,
  zParticipantList,
  zParticipantListQuery,
  zParticipantPatch,
  zSelf,
} from '../../shared';
import { listParticipants } from '../db/participants';
import { nowIso } from '../domain/clock';
import { importParticipants } from '../domain/import-participants';
import { createInvitation, invitationsOf } from '../domain/invitations';
import { limit } from '../http/rate-limit';
import { createParticipant, patchParticipant, readParticipant } from '../domain/manage-participants';
import { authenticate } from '../http/auth';
import { requireRole } from '../policy';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

const tags = ['participants'];
const zParticipantView = z.union([zSelf, zParticipant]).meta({
  description: 'A participant; attributes are included only when the caller is that participant',
});

export const participants = router();
participants.use('*', authenticate());

participants.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'List participants (coordinator, admin). Attributes are never listed.',
    security: bearer,
    request: { query: zParticipantListQuery },
    responses: { 200: json(zParticipantList, 'A page of participants'), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    requireRole(c.var.auth, 'coordinator', 'admin');
    return c.json(await listParticipants(c.env.DB, c.var.auth.orgId, c.req.valid('query')), 200);
  },
);

participants.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Add a participant (coordinator, admin). Attributes are write-only.',
    security: bearer,
    request: { body: jsonBody(zParticipantCreate) },
    responses: { 201: json(zParticipant, 'The participant'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
  }),
  async (c) => {
    requireRole(c.var.auth, 'coordinator', 'admin');
    return c.json(await createParticipant(c.env.DB, c.var.auth, c.req.valid('json'), nowIso()), 201);
  },
);

participants.openapi(
  createRoute({
    method: 'post',
    path: '/import',
    tags,
    summary: 'Create or update participants from CSV (coordinator, admin), all or nothing',
    description:
      'Columns: `displayName,email,level,function,region,attr:<dimension>,…` (displayName and email required). ' +
      'Rows are matched to existing participants by email. An empty cell is "no value" for a new person and "unchanged" for an existing one. ' +
      'Any row error answers 400 with `details.rows: [{ row, field, message }]` and nothing is written. ' +
      '`?dryRun=true` checks and counts without writing: the preview before committing.',
    security: bearer,
    request: { query: zImportQuery, body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
    responses: {
      200: json(zImportResult, 'How many were created and updated'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      413: errors[413],
    },
  }),
  async (c) => {
    requireRole(c.var.auth, 'coordinator', 'admin');
    const { dryRun } = c.req.valid('query');
    return c.json(await importParticipants(c.env.DB, c.var.auth, await c.req.text(), nowIso(), { dryRun }), 200);
  },
);

participants.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One participant: staff see anyone without attributes; a participant sees only themselves',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: json(zParticipantView, 'The participant'), 400: errors[400], 401: errors[401], 404: errors[404] },
  }),
  async (c) => c.json(await readParticipant(c.env.DB, c.var.auth, c.req.valid('param').id), 200),
);

participants.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: "Change a participant (staff), or one's own attributes (anyone). `attributes: { key: null }` removes one.",
    security: bearer,
    request: { params: zIdParam, body: jsonBody(zParticipantPatch) },
    responses: {
      200: json(zParticipantView, 'The participant'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
      409: errors[409],
    },
  }),
  async (c) => c.json(await patchParticipant(c.env.DB, c.var.auth, c.req.valid('param').id, c.req.valid('json'), nowIso()), 200),
);

participants.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/invitations',
    tags: ['identity'],
    summary:
      'Invite a person to sign in (coordinator: participants; admin: anyone). The code is shown once; the credential it becomes is only ever shown to its redeemer.',
    security: bearer,
    request: { params: zIdParam, body: jsonBody(zInvitationCreate) },
    responses: {
      201: json(zIssuedInvitation, 'The invitation, its code and link'),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
      409: errors[409],
      429: errors[429],
    },
  }),
  async (c) => {
    const auth = c.var.auth;
    requireRole(auth, 'coordinator', 'admin');
    await limit(c.env, 'credentials', auth.participantId);
    const origin = new URL(c.req.url).origin;
    return c.json(await createInvitation(c.env.DB, auth, c.req.valid('param').id, c.req.valid('json'), origin, nowIso()), 201);
  },
);

participants.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/invitations',
    tags: ['identity'],
    summary: "A person's invitations and whether each was used — never a code or a credential (coordinator, admin)",
    security: bearer,
    request: { params: zIdParam },
    responses: {
      200: json(z.object({ invitations: z.array(zInvitation) }), 'The invitations'),
      401: errors[401],
      403: errors[403],
      404: errors[404],
      429: errors[429],
    },
  }),
  async (c) => {
    const auth = c.var.auth;
    requireRole(auth, 'coordinator', 'admin');
    await limit(c.env, 'credentials', auth.participantId);
    return c.json({ invitations: await invitationsOf(c.env.DB, auth, c.req.valid('param').id, nowIso()) }, 200);
  },
);
