import { describe, expect, it } from 'vitest';
import { limits } from '../../shared';
import { call } from './support';

describe('GET /openapi.json', () => {
  it('documents every route of the API from the validating schemas', async () => {
    const res = await call('GET', '/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths).sort();
    expect(paths).toEqual(
      [
        '/healthz',
        '/v1/orgs',
        '/v1/org',
        '/v1/me',
        '/v1/participants',
        '/v1/participants/import',
        '/v1/participants/{id}',
        '/v1/participants/{id}/invitations',
        '/v1/invitations/{id}',
        '/v1/me/credentials',
        '/v1/me/credentials/{id}',
        '/v1/auth/sign-in-options',
        '/v1/auth/oidc/start',
        '/v1/auth/oidc/finish',
        '/v1/auth/invitations/redeem',
        '/v1/auth/refresh',
        '/v1/auth/sign-out',
        '/v1/orgs/{id}/admin-invitations',
        '/v1/org/identity-providers',
        '/v1/org/identity-providers/{id}',
        '/v1/audit',
        '/v1/programmes',
        '/v1/programmes/{id}',
        '/v1/engagements',
        '/v1/engagements/{id}',
        '/v1/sessions',
        '/v1/sessions/{id}',
        '/v1/sessions/{id}/notes',
        '/v1/sessions/{id}/notes/{noteId}',
        '/v1/sessions/{id}/pulse',
        '/v1/pulse/questions',
        '/v1/batch',
        '/v1/population',
        '/v1/population/{dimension}',
        '/v1/analytics/engagement',
        '/v1/analytics/alerts',
        '/v1/analytics/representation',
        '/v1/analytics/pulse',
        '/v1/extension-health',
      ].sort(),
    );
  });

  it('derives request bodies from the shared schemas (a session PUT requires engagementId and clientUpdatedAt)', async () => {
    const res = await call('GET', '/openapi.json');

    const put = res.body.paths['/v1/sessions/{id}'].put;
    const schema = put.requestBody.content['application/json'].schema;
    const resolved = schema.$ref ? res.body.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(resolved.required).toEqual(expect.arrayContaining(['engagementId', 'startsAt', 'endsAt', 'source', 'clientUpdatedAt']));
    expect(resolved.properties.source.properties.provider.enum).toEqual(['google', 'outlook', 'ics', 'manual']);
  });

  it('documents the batch as typed writes: BatchRequest of WriteOps (one member per kind) and results typed by kind', async () => {
    const res = await call('GET', '/openapi.json');

    const post = res.body.paths['/v1/batch'].post;
    const schemas = res.body.components.schemas;
    expect(post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/BatchRequest');
    expect(schemas.BatchRequest.properties.ops.items.$ref).toBe('#/components/schemas/BatchItem');
    expect(schemas.BatchItem.properties.op.$ref).toBe('#/components/schemas/WriteOp');
    expect(schemas.WriteOp.discriminator).toEqual({
      propertyName: 'kind',
      mapping: {
        session: '#/components/schemas/SessionWrite',
        note: '#/components/schemas/NoteWrite',
        pulse: '#/components/schemas/PulseWrite',
      },
    });
    expect(schemas.SessionWrite.properties.body.$ref).toBe('#/components/schemas/SessionPut');
    const accepted = schemas.BatchResult.anyOf.filter((r: any) => r.properties.ok.enum[0] === true);
    expect(accepted.map((r: any) => [r.properties.kind.enum[0], r.properties.body.$ref])).toEqual([
      ['session', '#/components/schemas/Session'],
      ['note', '#/components/schemas/Note'],
      ['pulse', '#/components/schemas/Pulse'],
    ]);
  });

  it('documents the hardening: details in every error, the dimensions an organisation collects, how long a queued write waited', async () => {
    const res = await call('GET', '/openapi.json');

    const schemas = res.body.components.schemas;
    const error = schemas.Error.properties.error;
    expect(error.required).toEqual(expect.arrayContaining(['code', 'message', 'details']));
    expect(schemas.Org.properties.attributeDimensions).toMatchObject({ type: 'array', maxItems: limits.attributeDimensions });
    expect(schemas.Org.required).toContain('attributeDimensions');
    expect(schemas.BatchItem.properties.queuedMs).toMatchObject({ type: 'integer', minimum: 0 });
    expect(schemas.BatchItem.required ?? []).not.toContain('queuedMs');
  });
});
