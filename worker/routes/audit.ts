import { createRoute } from '@hono/zod-openapi';
import { zAuditPage, zAuditQuery } from '../../shared';
import { listAudit } from '../db/audit';
import { authenticate } from '../http/auth';
import { bearer, errors, json, router } from '../http/openapi';
import { requireAuditReader } from '../policy';

export const audit = router();
audit.use('*', authenticate());
audit.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary:
      'The audit log, newest first (admin): invitations, credentials issued and revoked, role and status changes, and every analytics request. No route changes it.',
    security: bearer,
    request: { query: zAuditQuery },
    responses: { 200: json(zAuditPage, 'A page of entries'), 400: errors[400], 401: errors[401], 403: errors[403] },
  }),
  async (c) => {
    requireAuditReader(c.var.auth);
    return c.json(await listAudit(c.env.DB, c.var.auth.orgId, c.req.valid('query')), 200);
  },
);
