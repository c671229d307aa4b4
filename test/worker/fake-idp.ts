/// <reference types="node" />
/**
 * A stand-in OpenID provider for the Worker's sign-in tests, run by the vitest config in Node (the
 * Worker under test, in workerd, reaches it over 127.0.0.1 as it would reach Okta). It holds no
 * keys and signs nothing: each test makes its own keys and ID tokens with jose — right or wrong on
 * purpose — and hands this server what to publish (`POST /t/<tenant>/setup`). The real provider
 * (oidc-provider) signs the end-to-end tests in.
 */
import { createServer, type Server } from 'node:http';

interface Tenant {
  jwks: unknown;
  token: { status: number; body: unknown };
  /** The issuer the discovery document names; by default the tenant's own address. */
  issuer?: string;
  /** What the token endpoint was sent, for the test to read (`GET /t/<tenant>/requests`). */
  requests: string[];
}

export function startFakeIdp(): Promise<{ url: string; server: Server }> {
  const tenants = new Map<string, Tenant>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, t, id, ...rest] = url.pathname.split('/');
      const route = rest.join('/');
      const base = `http://${req.headers.host}/t/${id}`;
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (t !== 't' || !id) return send(404, { error: 'not_found' });
      if (req.method === 'POST' && route === 'setup') {
        tenants.set(id, { ...(JSON.parse(body) as Omit<Tenant, 'requests'>), requests: [] });
        return send(200, { ok: true });
      }
      const tenant = tenants.get(id);
      if (!tenant) return send(404, { error: 'no_tenant' });
      if (route === '.well-known/openid-configuration') {
        return send(200, {
          issuer: tenant.issuer ?? base,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          jwks_uri: `${base}/jwks`,
        });
      }
      if (route === 'jwks') return send(200, tenant.jwks);
      if (route === 'token' && req.method === 'POST') {
        tenant.requests.push(body);
        return send(tenant.token.status, tenant.token.body);
      }
      if (route === 'requests') return send(200, tenant.requests);
      return send(404, { error: 'not_found' });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.unref(); // never what keeps the test run alive
      resolve({ url: `http://127.0.0.1:${port}`, server });
    });
  });
}
