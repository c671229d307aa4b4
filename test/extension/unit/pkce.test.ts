import { describe, expect, it } from 'vitest';
import { zOidcFinish, zOidcStart } from '../../../shared';
import { base64url, codeChallenge, codeVerifier } from '../../../extension/lib/pkce';

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 challenge of the RFC’s own example (appendix B)', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43-character verifier each time, which the API’s schemas accept', async () => {
    const first = codeVerifier();
    const second = codeVerifier();

    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(zOidcFinish.shape.codeVerifier.safeParse(first).success).toBe(true);
    expect(zOidcStart.shape.codeChallenge.safeParse(await codeChallenge(first)).success).toBe(true);
  });

  it('writes base64url without padding, and with - and _ for + and /', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array(32).fill(0))).toHaveLength(43);
  });
});
