/** Limits that bound every request (PRODUCT.md §3; issue: note ≤ 20,000 chars, batch ≤ 100, body ≤ 256 KB). */
export const limits = {
  bodyBytes: 256 * 1024,
  importBodyBytes: 2 * 1024 * 1024,
  importRows: 10_000,
  noteChars: 20_000,
  batchOps: 100,
  actionItems: 100,
  actionItemChars: 1000,
  textChars: 200,
  /**
   * Attribute dimensions an organisation may name (its settings), so also the attributes one person
   * holds: a participant could otherwise store thousands of keys on themselves (3,000 made /v1/me
   * 212 KB). Twenty is more than any HR or survey scheme asks (gender, ethnicity, age band,
   * disability, …), and few enough to read at a glance.
   */
  attributeDimensions: 20,
  /** A people search (`q`): longer than any name or email worth typing. */
  searchChars: 100,
  charterChars: 5_000,
  /** D1 binds at most 100 parameters per statement. */
  d1Params: 100,
} as const;

/**
 * Rate limits: at most `limit` requests per `windowSeconds` per key, counted in D1 so every Worker
 * instance sees the same count (worker/db/rate-limits.ts). Sign-in and redemption are keyed by the
 * caller's address (who is signing in is not known yet); the rest by the signed-in person.
 */
export const rateLimits = {
  /** Starting or finishing an OIDC sign-in, per address. */
  signIn: { limit: 20, windowSeconds: 600 },
  /** Redeeming an invitation, per address: codes are 256-bit, so this only slows a flood. */
  redeem: { limit: 10, windowSeconds: 600 },
  /** Refreshing an access token, per address. */
  refresh: { limit: 60, windowSeconds: 600 },
  /** Reading, revoking and inviting (credential endpoints), per person: enough to invite a cohort. */
  credentials: { limit: 300, windowSeconds: 600 },
  /** Analytics requests (JSON or CSV), per coordinator. */
  analytics: { limit: 120, windowSeconds: 60 },
} as const;
export type RateLimitName = keyof typeof rateLimits;
