import { createRoute } from '@hono/zod-openapi';
import { zBatchRequest, zBatchResponse } from '../../shared';
import { nowIso } from '../domain/clock';
import { applyBatch } from '../domain/apply-batch';
import { authenticate } from '../http/auth';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';

export const batch = router();
batch.use('*', authenticate());
batch.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['batch'],
    summary: "Apply up to 100 PUTs in order, each on its own (the extension's offline queue)",
    description:
      'Each op is `{ ref?, method: "PUT", path, body }` for `/v1/sessions/:id`, `/v1/sessions/:id/notes/:noteId` or `/v1/sessions/:id/pulse`. ' +
      'Results come in order, each with the status and body that PUT would have answered; one refused op does not stop the others.',
    security: bearer,
    request: { body: jsonBody(zBatchRequest) },
    responses: { 200: json(zBatchResponse, 'One result per op, in order'), 400: errors[400], 401: errors[401], 413: errors[413] },
  }),
  async (c) => c.json({ results: await applyBatch(c.env.DB, c.var.auth, c.req.valid('json').ops, nowIso()) }, 200),
);
