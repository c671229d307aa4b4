import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from './errors';

/**
 * Asymmetric algorithms only: an HMAC-signed ID token would be "signed" with the client id's secret
 * (public clients have none), and `none` is no signature at all.
 */
export const idTokenAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Clocks differ; a minute either way is what OpenID providers and their clients commonly allow. */
const clockToleranceSeconds = 60;

/**
 * Verifies an ID token (OpenID Connect Core §3.1.3.7) with `jose`: signed by one of the issuer's
 * published keys with an asymmetric algorithm, from `issuer`, for `clientId` (and, when it names
 * several audiences, authorised for it), unexpired, not issued in the future, and carrying the
 * nonce this sign-in was started with — so a token issued for another sign-in cannot be replayed.
 * Anything else: 401, with jose's reason as details.
 */
export async function verifyIdToken(
  idToken: string,
  expected: { issuer: string; clientId: string; keys: JWTVerifyGetKey; nonce: string; nowMs: number },
): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, expected.keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: idTokenAlgorithms,
      currentDate: new Date(expected.nowMs),
      clockTolerance: clockToleranceSeconds,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }));
  } catch (err) {
    if (err instanceof errors.JOSEError) throw refused(err.code, err.message);
    throw err;
  }
  if (typeof payload.iat !== 'number' || payload.iat > expected.nowMs / 1000 + clockToleranceSeconds) {
    throw refused('ERR_JWT_CLAIM_VALIDATION_FAILED', '"iat" claim is in the future');
  }
  if (typeof payload.nonce !== 'string' || payload.nonce !== expected.nonce) {
    throw refused('ERR_JWT_CLAIM_VALIDATION_FAILED', payload.nonce === undefined ? 'the ID token has no nonce' : 'nonce mismatch');
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    throw refused('ERR_JWT_CLAIM_VALIDATION_FAILED', '"azp" claim does not name this client');
  }
  return payload;
}

const refused = (reason: string, message: string) =>
  unauthenticated(`The identity provider's sign-in was not accepted: ${message}`, { reason });
