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
