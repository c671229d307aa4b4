import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { zErrorEnvelope } from '../../shared';
import type { AppEnv } from '../env';
import { envelope, issuesOf } from './errors';

/** Every validation failure answers the error envelope with zod's issues as details. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) return c.json(envelope('invalid_input', 'Invalid input', issuesOf(result.error)), 400);
};

/** A sub-app whose validation errors use the envelope. */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** A required JSON body: without `required`, a request with no JSON content type would skip validation. */
export const jsonBody = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const json = <T extends ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const error = (description: string) => json(zErrorEnvelope, description);

/** The error answers a route can give, for the OpenAPI document. */
export const errors = {
  400: error('Invalid input; nothing was written'),
  401: error('No or bad token'),
  403: error('Your role may not do this'),
  404: error('Absent, or not visible to the caller'),
  409: error('Conflict with the stored state'),
  413: error('Body too large'),
  415: error('The body is not JSON'),
  429: error('Too many requests: retry after `Retry-After` seconds'),
} as const;

export const bearer = [{ bearer: [] }];
