import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  credentialLifetimes,
  dayMs,
  zOidcFinish,
  zOidcStart,
  zOidcStartReply,
  zRedeem,
  zRefresh,
  zSignedIn,
  zSignInOptions,
  zSignInOptionsQuery,
  type SignedIn,
} from '../../shared';
import { findSignInOptions } from '../db/identity-providers';
import type { AppEnv } from '../env';
import { nowIso } from '../domain/clock';
import { refresh, revokeCredential } from '../domain/credentials';
import { notFound, unauthenticated } from '../domain/errors';
import { redeemInvitation } from '../domain/invitations';
import { finishSignIn, startSignIn } from '../domain/oidc-sign-in';
import { authenticate } from '../http/auth';
import { bearer, errors, json, jsonBody, router } from '../http/openapi';
import { addressOf, limit } from '../http/rate-limit';

const tags = ['identity'];

/**
 * The console's refresh token: an HttpOnly cookie (script on the page can never read it), SameSite
 * Strict (no other site's page can make the browser send it) and sent only to /v1/auth, where it is
 * exchanged for an access token in the response body. The API itself reads only bearer tokens, so a
 * cookie never authorises a request by itself and there is nothing to forge across sites.
 */
const refreshCookie = 'dyad_refresh';
const cookiePath = '/v1/auth';

function keepRefreshCookie(c: Context<AppEnv>, refreshToken: string) {
  const url = new URL(c.req.url);
  // Browsers accept Secure cookies from http://localhost and http://127.0.0.1 (they count as secure contexts).
  setCookie(c, refreshCookie, refreshToken, {
    path: cookiePath,
    httpOnly: true,
    sameSite: 'Strict',
    secure: url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname),
    maxAge: Math.floor((credentialLifetimes.refreshTtlDays * dayMs) / 1000),
  });
}

/** Sends a sign-in's reply; for the console, the refresh token goes in the cookie instead. */
function reply(c: Context<AppEnv>, result: SignedIn & { refreshSecret: string }, client: string) {
  const { refreshSecret, ...signedIn } = result;
  if (client === 'console') keepRefreshCookie(c, refreshSecret);
  return c.json(signedIn, 200);
}

export const auth = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/sign-in-options',
      tags,
      summary: 'How to sign in to an organisation: its name and identity providers (public, so the sign-in page can offer them)',
      request: { query: zSignInOptionsQuery },
      responses: { 200: json(zSignInOptions, 'The organisation and its providers'), 400: errors[400], 404: errors[404], 429: errors[429] },
    }),
    async (c) => {
      await limit(c.env, 'signIn', addressOf(c.req));
      const found = await findSignInOptions(c.env.DB, c.req.valid('query').org);
      if (!found) throw notFound('organisation', { path: 'org' });
      return c.json({ org: found.org, providers: found.providers.map(({ id, label, issuer }) => ({ id, label, issuer })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/oidc/start',
      tags,
      summary: 'Start a sign-in through an identity provider (authorization code + PKCE): returns the address to open',
      request: { body: jsonBody(zOidcStart) },
      responses: {
        200: json(zOidcStartReply, 'Where to send the person'),
        400: errors[400],
        401: errors[401],
        404: errors[404],
        429: errors[429],
      },
    }),
    async (c) => {
      await limit(c.env, 'signIn', addressOf(c.req));
      return c.json(await startSignIn(c.env.DB, c.req.valid('json'), Date.now()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/oidc/finish',
      tags,
      summary:
        "Finish a sign-in: the Worker exchanges the code, verifies the ID token against the provider's keys, finds the person by email and issues a credential",
      request: { body: jsonBody(zOidcFinish) },
      responses: {
        200: json(zSignedIn, 'Signed in'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        429: errors[429],
      },
    }),
    async (c) => {
      await limit(c.env, 'signIn', addressOf(c.req));
      const result = await finishSignIn(c.env.DB, c.req.valid('json'), Date.now());
      return reply(c, result, result.refreshToken === undefined ? 'console' : 'other');
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/invitations/redeem',
      tags,
      summary: 'Redeem an invitation (single use): a credential only the redeemer sees',
      request: { body: jsonBody(zRedeem) },
      responses: { 200: json(zSignedIn, 'Signed in'), 400: errors[400], 401: errors[401], 429: errors[429] },
    }),
    async (c) => {
      await limit(c.env, 'redeem', addressOf(c.req));
      const input = c.req.valid('json');
      return reply(c, await redeemInvitation(c.env.DB, input, nowIso()), input.client);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/refresh',
      tags,
      summary: "A new access token for a refresh token (rotated; the console's comes from its cookie)",
      request: { body: jsonBody(zRefresh) },
      responses: { 200: json(zSignedIn, 'A fresh access token'), 400: errors[400], 401: errors[401], 429: errors[429] },
    }),
    async (c) => {
      await limit(c.env, 'refresh', addressOf(c.req));
      const fromBody = c.req.valid('json').refreshToken;
      const presented = fromBody ?? getCookie(c, refreshCookie);
      if (!presented) throw unauthenticated('Not signed in');
      try {
        const { signedIn, refreshToken } = await refresh(c.env.DB, presented, nowIso());
        if (fromBody === undefined) keepRefreshCookie(c, refreshToken);
        return c.json(fromBody === undefined ? signedIn : { ...signedIn, refreshToken }, 200);
      } catch (err) {
        if (fromBody === undefined) deleteCookie(c, refreshCookie, { path: cookiePath });
        throw err;
      }
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sign-out',
      tags,
      summary: 'Sign out: revokes the credential this request was made with',
      security: bearer,
      middleware: [authenticate()] as const,
      responses: { 204: { description: 'Signed out' }, 401: errors[401] },
    }),
    async (c) => {
      await revokeCredential(c.env.DB, c.var.auth, c.var.auth.tokenId, nowIso());
      deleteCookie(c, refreshCookie, { path: cookiePath });
      return c.body(null, 204);
    },
  );
