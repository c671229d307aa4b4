import { z } from 'zod';
import { zAnyDate } from './common';
import { healthHosts, healthLimits, hostOfSelector } from './rules/selector-health';

/**
 * Anonymous selector counts the extension sends once a day when its organisation opts in
 * (`Org.extensionHealthReports`). Counts about software, never about people: no page content,
 * event ids, titles, emails or any id of the sender — the schemas are strict, so nothing else fits.
 */
export const zHealthHost = z.enum(healthHosts);

export const zHealthRow = z
  .object({
    host: zHealthHost,
    version: z
      .string()
      .regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, 'an extension version, e.g. 0.1.0')
      .meta({ description: 'The extension version that counted', example: '0.1.0' }),
    selector: z
      .string()
      .regex(/^[a-z]+\.[A-Za-z]{1,40}$/, 'a selector name, e.g. outlook.when')
      .meta({ description: 'The selector, host-prefixed', example: 'outlook.when' }),
    variant: z
      .int()
      .min(0)
      .max(healthLimits.variants - 1)
      .nullable()
      .meta({ description: 'The variant that found the element (its index), or null for the misses: lookups no variant answered' }),
    hits: z.int().min(0).max(healthLimits.count),
    misses: z.int().min(0).max(healthLimits.count),
    day: zAnyDate.meta({ description: 'The UTC day the counts are from' }),
  })
  .strict()
  .refine((r) => hostOfSelector(r.selector) === r.host, { message: "the selector must be the host's", path: ['selector'] })
  .refine((r) => (r.variant === null ? r.hits === 0 : r.misses === 0), {
    message: 'hits belong to a variant, misses to no variant (null)',
    path: ['variant'],
  });
export type HealthRow = z.infer<typeof zHealthRow>;

const rowKey = (r: HealthRow) => `${r.day}|${r.host}|${r.version}|${r.selector}|${r.variant}`;

export const zHealthReport = z
  .object({
    rows: z
      .array(zHealthRow)
      .min(1)
      .max(healthLimits.reportRows)
      .refine((rows) => new Set(rows.map(rowKey)).size === rows.length, 'each (day, host, version, selector, variant) once'),
  })
  .strict()
  .meta({ id: 'HealthReport' });
export type HealthReport = z.infer<typeof zHealthReport>;

export const zHealthReportResult = z.object({ rows: z.int().meta({ description: 'Rows added to the aggregates' }) });

const zDayCount = z.object({ day: zAnyDate, hits: z.int(), misses: z.int() });

/** One selector of one host across the organisation, over the last days. */
export const zSelectorHealth = z.object({
  host: zHealthHost,
  selector: z.string(),
  hits: z.int(),
  misses: z.int(),
  lastHitDay: zAnyDate.nullable().meta({ description: 'The latest day any variant found the element' }),
  notFoundSince: zAnyDate
    .nullable()
    .meta({ description: 'Misses have outnumbered hits on every counted day since this one (null: healthy)' }),
  failingVersions: z.array(z.string()).meta({ description: 'Extension versions that reported misses since `notFoundSince`' }),
  days: z.array(zDayCount),
});
export type SelectorHealth = z.infer<typeof zSelectorHealth>;

export const zExtensionHealth = z
  .object({ from: zAnyDate, to: zAnyDate, selectors: z.array(zSelectorHealth) })
  .meta({ id: 'ExtensionHealth' });
export type ExtensionHealth = z.infer<typeof zExtensionHealth>;
