import { engagementCursorOf, type EngagementListKey, type EngagementRow } from '../../shared';

/**
 * The per-engagement list of engagement analytics, in the order a coordinator works through it:
 * lapsed first, then at risk, then the longest without a session, ties by id (code-point order, the
 * same in every runtime) — and cut into pages by keyset (`EngagementListKey`).
 *
 * The database orders and pages the list (worker/db/analytics-engagement-list.ts); `byNeed` and
 * `pageOf` say the same in TypeScript, the oracle its tests check it against.
 */

/** What a row's place in the order rests on. */
type Ranked = Pick<EngagementRow, 'health' | 'daysSinceLastSession' | 'engagementId'>;

const rankOf = (health: EngagementRow['health']) => (health === 'lapsed' ? 0 : health === 'at_risk' ? 1 : 2);

/** A row's place in the order of need. */
export const keyOf = (row: Ranked): EngagementListKey => [rankOf(row.health), row.daysSinceLastSession, row.engagementId];

/** Negative when `a` comes first in the order of need. */
export function compareKeys(a: EngagementListKey, b: EngagementListKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return b[1] - a[1]; // most days first
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/** The rows in the order of need (a new array). */
export function byNeed<R extends Ranked>(rows: readonly R[]): R[] {
  // Each key made once, not once per comparison: thousands of rows.
  const keyed = rows.map((row) => ({ row, key: keyOf(row) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map((k) => k.row);
}

/**
 * One page of rows already in the order of need: the `limit` rows after `after` (from the start when
 * null), and the cursor of the next page if any row follows.
 *
 * @example pageOf(byNeed(rows), { limit: 50, after: null }) // { rows: [50 rows], nextCursor: 'WzAsMTIw…' }
 */
export function pageOf<R extends Ranked>(sorted: readonly R[], { limit, after }: { limit: number; after: EngagementListKey | null }) {
  let start = 0;
  if (after) {
    // Binary search: the first row strictly after the key (the key's own row may be gone by now).
    let hi = sorted.length;
    while (start < hi) {
      const mid = (start + hi) >> 1;
      if (compareKeys(keyOf(sorted[mid]!), after) <= 0) start = mid + 1;
      else hi = mid;
    }
  }
  const rows = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { rows, nextCursor: more && rows.length > 0 ? engagementCursorOf(keyOf(rows[rows.length - 1]!)) : null };
}

/**
 * The page to send from the rows the database gave after the cursor — `limit + 1` of them when
 * another page follows — and the cursor of that next page.
 */
export function cutPage<R extends Ranked>(rows: readonly R[], limit: number) {
  const page = rows.slice(0, limit);
  const more = rows.length > limit && page.length > 0;
  return { rows: page, nextCursor: more ? engagementCursorOf(keyOf(page[page.length - 1]!)) : null };
}
