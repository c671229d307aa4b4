import { createRoute } from '@hono/zod-openapi';
import {
  zIdParam,
  zNote,
  zNoteList,
  zNoteParams,
  zNotePut,
  zPulse,
  zPulsePut,
  zSession,
  zSessionList,
  zSessionListQuery,
  zSessionPut,
} from '../../shared';
import { listReadableNotes } from '../db/notes';
import { getOwnPulse } from '../db/pulses';
import { listMemberSessions, toSession } from '../db/sessions';
import { applyWrite } from '../domain/apply-writes';
import { nowIso } from '../domain/clock';
import { notFound } from '../domain/errors';
import { visibleSession } from '../domain/read-session';
import { authenticate, bearerHash } from '../http/auth';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';
import { readsOnlyOwnNotes } from '../policy';

const memberErrors = { 400: errors[400], 401: errors[401], 404: errors[404] };

// The PUTs are batches of one (worker/domain/apply-writes.ts), which resolve the token in their own
// single read; the reads authenticate first.
const reads = [authenticate()];
const writes = [bearerHash()];

export const sessions = router();

sessions.openapi(
  createRoute({
    method: 'put',
    path: '/{id}',
    tags: ['sessions'],
    summary: 'Create or update a session (engagement member). The id is client-generated, so retries are safe.',
    description:
      'Tagging a calendar event that is already a session of the same engagement returns that session (200), never a duplicate. ' +
      'An edit whose `clientUpdatedAt` is not newer than the stored one changes nothing and returns the stored session.',
    security: bearer,
    middleware: writes,
    request: { params: zIdParam, body: jsonBody(zSessionPut) },
    responses: {
      201: json(zSession, 'Created'),
      200: json(zSession, 'The existing or updated session'),
      ...memberErrors,
      409: errors[409],
    },
  }),
  async (c) => {
    const op = { kind: 'session' as const, sessionId: c.req.valid('param').id, body: c.req.valid('json') };
    const result = await applyWrite(c.env.DB, c.var.tokenHash, op, nowIso());
    return c.json(result.body, result.status);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['sessions'],
    summary: "The caller's sessions (of engagements they are a member of), by start time",
    security: bearer,
    middleware: reads,
    request: { query: zSessionListQuery },
    responses: { 200: json(zSessionList, 'Sessions, oldest first (at most 2,000)'), 400: errors[400], 401: errors[401] },
  }),
  async (c) => {
    return c.json({ sessions: await listMemberSessions(c.env.DB, c.var.auth, c.req.valid('query')) }, 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['sessions'],
    summary: "One of the caller's sessions",
    security: bearer,
    middleware: reads,
    request: { params: zIdParam },
    responses: { 200: json(zSession, 'The session'), ...memberErrors },
  }),
  async (c) => c.json(toSession(await visibleSession(c.env.DB, c.var.auth, c.req.valid('param').id)), 200),
);

sessions.openapi(
  createRoute({
    method: 'put',
    path: '/{id}/notes/{noteId}',
    tags: ['notes'],
    summary: "Write the caller's note on a session (member). Private by default; shared notes are read by the engagement's members.",
    security: bearer,
    middleware: writes,
    request: { params: zNoteParams, body: jsonBody(zNotePut) },
    responses: { 201: json(zNote, 'Created'), 200: json(zNote, 'The stored note'), ...memberErrors, 403: errors[403] },
  }),
  async (c) => {
    const { id, noteId } = c.req.valid('param');
    const op = { kind: 'note' as const, sessionId: id, noteId, body: c.req.valid('json') };
    const result = await applyWrite(c.env.DB, c.var.tokenHash, op, nowIso());
    return c.json(result.body, result.status);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/notes',
    tags: ['notes'],
    summary: "Notes on a session: the caller's own and the engagement's shared notes",
    description: "With a coordinator or admin token, only the caller's own notes: coordinators never read anyone else's note.",
    security: bearer,
    middleware: reads,
    request: { params: zIdParam },
    responses: { 200: json(zNoteList, 'The notes'), ...memberErrors },
  }),
  async (c) => {
    const auth = c.var.auth;
    const session = await visibleSession(c.env.DB, auth, c.req.valid('param').id);
    return c.json({ notes: await listReadableNotes(c.env.DB, auth.orgId, session.id, auth.participantId, readsOnlyOwnNotes(auth)) }, 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'put',
    path: '/{id}/pulse',
    tags: ['pulse'],
    summary: "Answer the session's pulse (member); answering again replaces the answer",
    description:
      "Open from the session's start until 14 days after its end (409 outside it, or for a cancelled session). Only `value` is required.",
    security: bearer,
    middleware: writes,
    request: { params: zIdParam, body: jsonBody(zPulsePut) },
    responses: { 201: json(zPulse, 'Created'), 200: json(zPulse, 'The stored answer'), ...memberErrors, 409: errors[409] },
  }),
  async (c) => {
    const op = { kind: 'pulse' as const, sessionId: c.req.valid('param').id, body: c.req.valid('json') };
    const result = await applyWrite(c.env.DB, c.var.tokenHash, op, nowIso());
    return c.json(result.body, result.status);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/pulse',
    tags: ['pulse'],
    summary: "The caller's own pulse answer for a session (404 if not answered). Nobody reads anyone else's.",
    security: bearer,
    middleware: reads,
    request: { params: zIdParam },
    responses: { 200: json(zPulse, 'The answer'), ...memberErrors },
  }),
  async (c) => {
    const session = await visibleSession(c.env.DB, c.var.auth, c.req.valid('param').id);
    const pulse = await getOwnPulse(c.env.DB, c.var.auth, session.id);
    if (!pulse) throw notFound('pulse answer');
    return c.json(pulse, 200);
  },
);
