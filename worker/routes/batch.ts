import { createRoute } from '@hono/zod-openapi';
import { zBatchEnvelope, zBatchRequest, zBatchResponse } from '../../shared';
import { applyWrites } from '../domain/apply-writes';
import { nowIso } from '../domain/clock';
import { bearerHash } from '../http/auth';
import { toBatchResult } from '../http/errors';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

const route = {
  method: 'post' as const,
  path: '/',
  tags: ['batch'],
  summary: "Apply up to 100 writes in order, each on its own (the extension's offline queue)",
  description:
    'Each op is a `WriteOp`: `{ kind: "session", sessionId, body }`, `{ kind: "note", sessionId, noteId, body }` or ' +
    '`{ kind: "pulse", sessionId, body }`, with the body of the matching PUT. Results come in order, each with the status ' +
    'that PUT would have answered and, when accepted, the stored resource typed by `kind`; a refused op (malformed, not ' +
    "the caller's, stale rules) does not stop the others. A request that is not such an envelope is a 400 as a whole.",
  security: bearer,
  responses: { 200: json(zBatchResponse, 'One result per op, in order'), 400: errors[400], 401: errors[401], 413: errors[413] },
};

export const batch = router();
batch.use('*', bearerHash());

// Documented as the typed BatchRequest; served with only the envelope checked up front, so that each
// op is validated on its own by the domain (a malformed op refuses itself, not the batch).
batch.openAPIRegistry.registerPath(createRoute({ ...route, request: { body: jsonBody(zBatchRequest) } }));
batch.openapi(createRoute({ ...route, hide: true, request: { body: jsonBody(zBatchEnvelope) } }), async (c) => {
  const outcomes = await applyWrites(c.env.DB, c.var.tokenHash, c.req.valid('json').ops, nowIso());
  return c.json({ results: outcomes.map(toBatchResult) }, 200);
});
