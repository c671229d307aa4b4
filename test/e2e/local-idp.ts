/**
 * A real OpenID Connect provider on 127.0.0.1 (the `oidc-provider` package, its development login
 * and consent pages), for the console's single sign-on end to end: the browser is sent to it, signs
 * in as an email, and comes back to `/console/` with a code the Worker exchanges (with the console's
 * PKCE verifier) for an ID token it verifies. Anyone may sign in as any email: test use only.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import Provider from 'oidc-provider';

export interface LocalIdp {
  issuer: string;
  clientId: string;
  close(): Promise<void>;
}

/** Starts the provider for one public client (PKCE, no secret) redirecting to `redirectUri`. */
export async function startLocalIdp(redirectUri: string): Promise<LocalIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'dyad-console-e2e';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        // A public client over plain http on the loopback address: what oidc-provider calls native.
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    // The login name is the email (the development login page asks for one).
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: sub, email_verified: true }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // Put the email in the ID token itself, which is all the Worker reads.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  provider.on('server_error', (_ctx, error) => console.error('[local idp]', error));
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
