import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { limits } from '../shared';
import type { AppEnv } from './env';
import { countD1RoundTrips } from './http/d1-round-trips';
import { envelope, onError } from './http/errors';
import { validationHook } from './http/openapi';
import { wellFormedBody } from './http/well-formed-body';
import { analytics } from './routes/analytics';
import { batch } from './routes/batch';
import { engagements } from './routes/engagements';
import { extensionHealth } from './routes/extension-health';
import { health } from './routes/health';
import { me } from './routes/me';
import { orgs } from './routes/orgs';
import { participants } from './routes/participants';
import { population } from './routes/population';
import { programmes } from './routes/programmes';
import { pulseQuestionsRoute } from './routes/pulse-questions';
import { sessions } from './routes/sessions';
import { audit } from './routes/audit';
import { auth } from './routes/auth';
import { invitations } from './routes/invitations';

/** The Dyad API: every resource a sub-app, one error envelope, one OpenAPI document. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound((c) => c.json(envelope('not_found', 'No such route'), 404));

  const tooLarge = (max: number) =>
    bodyLimit({
      maxSize: max,
      onError: (c) => c.json(envelope('payload_too_large', `Body larger than ${max} bytes`), 413),
    });
  const importLimit = tooLarge(limits.importBodyBytes);
  const bodyLimitDefault = tooLarge(limits.bodyBytes);
  app.use('*', function limitBody(c, next) {
    return (c.req.path === '/v1/participants/import' ? importLimit : bodyLimitDefault)(c, next);
  });

  // A batch's ops are checked one by one (worker/domain/apply-writes.ts): a malformed op refuses only itself.
  app.use(
    '*',
    wellFormedBody({ checkedOnTheirOwn: { '/v1/batch': (path) => path.length === 3 && path[0] === 'ops' && path[2] === 'op' } }),
  );

  app.use('*', countD1RoundTrips());

  // The console is the Worker's static assets under /console/ (wrangler.toml [assets]).
  app.get('/', (c) => c.redirect('/console/', 302));
  app.route('/', health);
  app.route('/v1', orgs);
  app.route('/v1/me', me);
  app.route('/v1/participants', participants);
  app.route('/v1/auth', auth);
  app.route('/v1/invitations', invitations);
  app.route('/v1/audit', audit);
  app.route('/v1/programmes', programmes);
  app.route('/v1/engagements', engagements);
  app.route('/v1/sessions', sessions);
  app.route('/v1/pulse', pulseQuestionsRoute);
  app.route('/v1/batch', batch);
  app.route('/v1/population', population);
  app.route('/v1/analytics', analytics);
  app.route('/v1/extension-health', extensionHealth);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Dyad API',
      version: '1',
      description:
        'Executive mentorship programmes, measurable without exposing anyone. Errors: `{ "error": { "code", "message", "details" } }`.',
    },
  });
  return app;
}
