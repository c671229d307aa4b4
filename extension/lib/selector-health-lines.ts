/**
 * What the options page shows of this browser's selector counts (pure, no extension APIs, so the
 * message table can name its types).
 */
import {
  type HealthHost,
  healthHosts,
  hostLabel,
  hostOfSelector,
  labelOfSelector,
  lastHitDay,
  notFoundSince,
  shortDay,
} from '../../shared/rules';
import type { SelectorCounts } from '../hosts/selector-counts';

/** The counts of this browser, per UTC day and selector name; `sentThrough` is the last day reported. */
export interface HealthLog {
  days: Record<string, SelectorCounts>;
  sentThrough: string | null;
}

/** One selector as the options page shows it. */
export interface SelectorHealthLine {
  name: string;
  label: string;
  lastMatched: string | null;
  /** Misses without a hit on every counted day since this one (this browser's own reading). */
  notFoundSince: string | null;
}

export interface HostHealth {
  host: HealthHost;
  label: string;
  selectors: SelectorHealthLine[];
  /** e.g. "Outlook: event time not found since 3 Dec". */
  warnings: string[];
}

/** Each host this browser has counted, its selectors and their warnings (pure). */
export function hostHealth(log: HealthLog): HostHealth[] {
  const bySelector = new Map<string, { day: string; hits: number; misses: number }[]>();
  for (const [day, counts] of Object.entries(log.days)) {
    for (const [name, tally] of Object.entries(counts)) {
      bySelector.set(name, [...(bySelector.get(name) ?? []), { day, hits: tally.hits.reduce((a, b) => a + b, 0), misses: tally.misses }]);
    }
  }
  return healthHosts
    .map((host) => {
      const selectors = [...bySelector.entries()]
        .filter(([name]) => hostOfSelector(name) === host)
        .map(([name, days]) => ({
          name,
          label: labelOfSelector(name),
          lastMatched: lastHitDay(days),
          notFoundSince: notFoundSince(days, true),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const warnings = selectors
        .filter((s) => s.notFoundSince)
        .map((s) => `${hostLabel[host]}: ${s.label} not found since ${shortDay(s.notFoundSince!)}`);
      return { host, label: hostLabel[host], selectors, warnings };
    })
    .filter((h) => h.selectors.length > 0);
}
