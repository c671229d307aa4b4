import { lastHitDay, notFoundSince, type DayCount, type SelectorHealth } from '../../shared';
import type { HealthAggregate } from '../db/extension-health';

/**
 * Per host and selector: totals, the days (variants and versions summed), the last day with a
 * hit, and since when misses have outnumbered hits (`notFoundSince`, the many-browsers reading),
 * with the versions that missed since then. Pure, over the aggregate rows.
 */
export function summariseHealth(rows: readonly HealthAggregate[]): SelectorHealth[] {
  const bySelector = new Map<string, HealthAggregate[]>();
  for (const r of rows) {
    const key = `${r.host}|${r.selector}`;
    bySelector.set(key, [...(bySelector.get(key) ?? []), r]);
  }
  return [...bySelector.values()]
    .map((group) => {
      const byDay = new Map<string, DayCount>();
      for (const r of group) {
        const d = byDay.get(r.day) ?? { day: r.day, hits: 0, misses: 0 };
        d.hits += r.hits;
        d.misses += r.misses;
        byDay.set(r.day, d);
      }
      const days = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
      const since = notFoundSince(days, false);
      const failingVersions = since ? [...new Set(group.filter((r) => r.day >= since && r.misses > 0).map((r) => r.version))].sort() : [];
      return {
        host: group[0]!.host,
        selector: group[0]!.selector,
        hits: days.reduce((n, d) => n + d.hits, 0),
        misses: days.reduce((n, d) => n + d.misses, 0),
        lastHitDay: lastHitDay(days),
        notFoundSince: since,
        failingVersions,
        days,
      };
    })
    .sort((a, b) => a.host.localeCompare(b.host) || a.selector.localeCompare(b.selector));
}
