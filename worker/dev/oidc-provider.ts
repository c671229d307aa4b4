/// <reference types="node" />
/// <reference path="./oidc-provider-module.d.ts" />
/**
 * A local OpenID Connect provider, standing in for an organisation's Okta, Entra ID or Google
 * Workspace: `npm start` runs it beside the Worker for the demo organisation, and the end-to-end
 * tests run one per file. It is panva's `oidc-provider` (certified, MIT), configured here, never
 * reimplemented: discovery, JWKS, the authorization and token endpoints, PKCE and ID tokens are the
 * library's own, so the Worker is exercised against a real provider.
 *
 * People sign in on the library's development login page (any password; the login is the person's
 * email in lower case, as `npm start` prints it, which is also their account id and so the ID
 * token's `sub` — anything else gets the login page again). Selectors, for Playwright:
 *   login `input[name="login"]`, password `input[name="password"]`, submit `button[type="submit"]`.
 *
 * @example
 * const idp = await startLocalOidcProvider({
 *   port: 8788,
 *   accounts: [{ email: 'amara.okafor@northwind.example', name: 'Amara Okafor' }],
 *   workerOrigins: ['http://127.0.0.1:8787'],
 * });
 * // idp.issuer === 'http://127.0.0.1:8788', idp.clientId === 'dyad-demo'
 * await idp.close();
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { ProviderAccount } from 'oidc-provider';

/** The one client: the Worker, signing people in for the extension and the console. */
export const LOCAL_OIDC_CLIENT_ID = 'dyad-demo';

/** Where `npm start` runs it: beside the Worker's 8787. */
export const LOCAL_OIDC_PORT = 8788;

/** Someone the provider can sign in. */
export interface LocalAccount {
  email: string;
  name: string;
}

export interface LocalOidcProvider {
  /** `http://127.0.0.1:<port>`: what an `identity_providers` row names as its issuer. */
  issuer: string;
  clientId: string;
  close(): Promise<void>;
}

/**
 * What `chrome.identity.getRedirectURL()` returns: the extension's id (32 letters a–p) under
 * chromiumapp.org, which Chrome intercepts and hands back to `launchWebAuthFlow`.
 */
const extensionRedirect = /^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/;

/**
 * Starts the provider on 127.0.0.1:`port` (0: any free port) and resolves once it listens.
 * `workerOrigins` are the Worker's origins (`http://127.0.0.1:8787`): their `/console/` is an
 * allowed redirect URI, on 127.0.0.1 and on localhost alike.
 */
export async function startLocalOidcProvider({
  port = LOCAL_OIDC_PORT,
  accounts,
  workerOrigins,
}: {
  port?: number;
  accounts: readonly LocalAccount[];
  workerOrigins: readonly string[];
}): Promise<LocalOidcProvider> {
  // Listen first, so that port 0 gives the issuer its real port before the provider is made.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;

  try {
    const provider = await makeProvider(issuer, accounts, consoleRedirects(workerOrigins));
    handle = provider.callback();
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    issuer,
    clientId: LOCAL_OIDC_CLIENT_ID,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A browser's keep-alive connection must not hold the test (or Ctrl-C) up.
        server.closeAllConnections();
      }),
  };
}

/** `<origin>/console/` for each origin, with 127.0.0.1 and localhost both listed (oidc-provider compares exactly). */
function consoleRedirects(workerOrigins: readonly string[]): string[] {
  const uris = new Set<string>();
  for (const origin of workerOrigins) {
    const url = new URL(origin);
    const hosts = ['127.0.0.1', 'localhost'].includes(url.hostname) ? ['127.0.0.1', 'localhost'] : [url.hostname];
    for (const host of hosts) uris.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}/console/`);
  }
  return [...uris];
}

async function makeProvider(issuer: string, accounts: readonly LocalAccount[], redirectUris: string[]) {
  const { default: Provider, interactionPolicy } = await quietly(() => import('oidc-provider'));
  const byId = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));

  // A key of our own, made at each start: oidc-provider's built-in development keys are public.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `local-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };

  // Every authorization asks who is signing in, even when the browser has signed in before: the
  // demo (and a test) switches between the leader, the coordinator and the admin in one browser,
  // and a remembered session would silently sign the next one in as the last.
  const policy = interactionPolicy.base();
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check('dyad_login_every_time', 'Sign in for this authorization', (ctx) =>
        ctx.oidc.result?.login && ctx.oidc.account ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = await quietly(
    async () =>
      new Provider(issuer, {
        clients: [
          {
            client_id: LOCAL_OIDC_CLIENT_ID,
            // A public client: the Worker holds no client secret, PKCE (S256) protects the code instead.
            token_endpoint_auth_method: 'none',
            grant_types: ['authorization_code'],
            response_types: ['code'],
            scope: 'openid email profile',
            redirect_uris: redirectUris,
          },
        ],
        pkce: { required: () => true },
        jwks: { keys: [signingKey] },
        scopes: ['openid', 'email', 'profile'],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        interactions: { policy },
        async findAccount(_ctx, id): Promise<ProviderAccount | undefined> {
          const account = byId.get(id);
          if (!account) return undefined; // an unknown login gets the login page again
          return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name }) };
        },
        // The only client is first-party (Dyad itself): no consent page after the login.
        async loadExistingGrant(ctx) {
          const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
          if (grantId) return ctx.oidc.provider.Grant.find(grantId);
          if (!ctx.oidc.session.accountId) return undefined;
          const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
        // Email and name in the ID token itself, as Google, Entra ID and Okta put them there: the
        // Worker reads the email claim from the ID token (oidc-provider's default keeps scope
        // claims for the userinfo endpoint in the code flow).
        conformIdTokenClaims: false,
        // Seconds. Set, so the library does not warn about its defaults; all short — it is a demo.
        ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, IdToken: 3600, AccessToken: 3600 },
        cookies: { keys: [randomBytes(32).toString('base64url')] },
        // A plain page naming the error (a refused redirect URI, say), without the library's notice.
        renderError(ctx, out) {
          const text = Object.entries(out)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n');
          ctx.type = 'html';
          ctx.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><pre data-error="${escapeHtml(out.error ?? '')}">${escapeHtml(text)}</pre>`;
        },
      }),
  );

  // oidc-provider compares redirect URIs exactly (RFC 9700 §4.1.1), which cannot express "any
  // extension's chromiumapp.org address": each unpacked extension has its own id (the tests' does
  // too), so no list can name them. Its documented way to allow a pattern is overriding the
  // client's `redirectUriAllowed` (recipes/redirect_uri_wildcards.md); the pattern here is only the
  // exact shape Chrome gives, and everything else still goes through the exact check.
  const exactCheck = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function allowExtensionRedirects(uri: string): boolean {
    return extensionRedirect.test(uri) || exactCheck.call(this, uri);
  };
  return provider;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Runs `make` without the three notices oidc-provider prints about what this file chooses on
 * purpose — development interactions, the in-memory store, and Node 20 (the README's minimum, on
 * which the tests run it) — so `npm start` stays short. Any other warning is printed as usual.
 */
async function quietly<T>(make: () => Promise<T>): Promise<T> {
  const expected = [/devInteractions is enabled/, /in-memory adapter is used/, /Unsupported runtime/];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && expected.some((e) => e.test(args[0] as string))) return;
    warn(...args);
  };
  try {
    return await make();
  } finally {
    console.warn = warn;
  }
}
