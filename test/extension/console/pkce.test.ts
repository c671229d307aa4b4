import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64url, codeChallenge, codeVerifier, keepVerifier, takeVerifier } from '../../../extension/console/pkce';

describe('PKCE (RFC 7636)', () => {
  it('makes a fresh 43-character base64url verifier each time', () => {
    const verifiers = Array.from({ length: 20 }, codeVerifier);

    for (const v of verifiers) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(20);
  });

  it("sends the verifier's SHA-256 in base64url without padding (S256)", async () => {
    const verifier = codeVerifier();

    const challenge = await codeChallenge(verifier);

    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('encodes bytes that base64 would write with + / and =', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(base64url(new Uint8Array([0xff]))).toBe('_w');
  });

  it('keeps the verifier for its sign-in only, and gives it back once', () => {
    keepVerifier('state-a', 'verifier-a');
    keepVerifier('state-b', 'verifier-b');

    expect(takeVerifier('state-a')).toBe('verifier-a');
    expect(takeVerifier('state-a')).toBeNull();
    expect(takeVerifier('state-b')).toBe('verifier-b');
  });
});
