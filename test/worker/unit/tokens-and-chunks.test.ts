import { describe, expect, it } from 'vitest';
import { chunk, placeholders } from '../../../worker/db/chunk';
import { hashToken, newTokenSecret, secretsEqual } from '../../../worker/domain/token-secrets';

describe('token secrets', () => {
  it('carry 256 random bits and differ every time', () => {
    const a = newTokenSecret();
    const b = newTokenSecret();

    expect(a).toMatch(/^dyad_[A-Za-z0-9_-]{43}$/); // 32 bytes in base64url
    expect(a).not.toBe(b);
  });

  it('are stored as their SHA-256, never as themselves', async () => {
    expect(await hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compare equal only when identical', async () => {
    expect(await secretsEqual('same', 'same')).toBe(true);
    expect(await secretsEqual('same', 'sane')).toBe(false);
  });
});

describe('chunk: D1 binds at most 100 parameters per statement', () => {
  it('splits 250 ids, one bind reserved for the organisation, into lists of 99', () => {
    const parts = chunk(
      Array.from({ length: 250 }, (_, i) => i),
      1,
      1,
    );

    expect(parts.map((p) => p.length)).toEqual([99, 99, 52]);
  });

  it('sizes multi-column rows so that no statement exceeds the limit', () => {
    const parts = chunk(
      Array.from({ length: 40 }, (_, i) => i),
      7,
    );

    expect(Math.max(...parts.map((p) => p.length * 7))).toBeLessThanOrEqual(100);
    expect(parts.flat()).toHaveLength(40);
  });

  it('numbers placeholders after the reserved ones', () => {
    expect(placeholders(3, 1)).toBe('?2, ?3, ?4');
  });
});
