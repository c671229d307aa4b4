import { createRoute } from '@hono/zod-openapi';
import { daysBefore, healthLimits, utcDay, zExtensionHealth, zHealthReport, zHealthReportResult } from '../../shared';
import { summariseHealth } from '../analytics/extension-health';
import { listHealth } from '../db/extension-health';
import { recordExtensionHealth } from '../domain/record-extension-health';
import { authenticate } from '../http/auth';
import { envelope } from '../http/errors';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';
import { requireHealthReader, requireHealthReportsOptIn } from '../policy';

const tags = ['extension health'];

export const extensionHealth = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary:
        "Add the extension's anonymous selector counts to the organisation's daily aggregates (any member; the organisation must opt in)",
      description:
        'Counts only — host, extension version, selector, variant, hits, misses, day; the aggregates record nothing of who sent them. ' +
        `At most ${healthLimits.reportRows} rows; at most ${healthLimits.reportsPerTokenDay} reports per token per UTC day (then 429 with Retry-After).`,
      security: bearer,
      middleware: [authenticate()] as const,
      request: { body: jsonBody(zHealthReport) },
      responses: {
        200: json(zHealthReportResult, 'The counts were added'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        413: errors[413],
        429: json(errors[400].content['application/json'].schema, 'Past the daily cap; try again after Retry-After seconds'),
      },
    }),
    async (c) => {
      requireHealthReportsOptIn(c.var.org);
      const outcome = await recordExtensionHealth(
        c.env.DB,
        // The cap is per credential: its access tokens change every few minutes, the credential does not.
        { orgId: c.var.auth.orgId, tokenHash: c.var.auth.tokenId },
        c.req.valid('json'),
        Date.now(),
      );
      if (!outcome.ok) {
        c.header('Retry-After', String(outcome.retryAfterSeconds));
        return c.json(envelope('rate_limited', 'Enough reports from this token today'), 429);
      }
      return c.json({ rows: outcome.rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: `Selector health over the last ${healthLimits.reportDays} days, per host and selector (coordinator, admin)`,
      security: bearer,
      middleware: [authenticate()] as const,
      responses: { 200: json(zExtensionHealth, 'Selector health'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireHealthReader(c.var.auth);
      const to = utcDay(Date.now());
      const from = daysBefore(to, healthLimits.reportDays - 1);
      return c.json({ from, to, selectors: summariseHealth(await listHealth(c.env.DB, c.var.auth.orgId, from)) }, 200);
    },
  );
