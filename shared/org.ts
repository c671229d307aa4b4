import { z } from 'zod';
import { limits, zId, zTimestamp } from './common';
import { zAttributeKey } from './participant';

export const zOrgSettings = z.object({
  minGroupSize: z.int().min(3).max(10).meta({ description: 'k: figures resting on fewer than k people are suppressed' }),
  commentMinimum: z.int().min(1).max(1000),
  fiscalYearStartMonth: z.int().min(1).max(12),
  attributeDimensions: z
    .array(zAttributeKey)
    .max(limits.attributeDimensions)
    .refine((keys) => new Set(keys).size === keys.length, 'each dimension once')
    .meta({
      description:
        'The demographic dimensions the organisation collects (e.g. gender, age_band): the only attribute keys anyone may set. ' +
        'None by default — the organisation opts in to each, as some (ethnicity, disability) are special-category data.',
      example: ['gender', 'age_band'],
    }),
  // Optional so that an extension reading an older Worker's /v1/me (which has no such field) reads "off".
  extensionHealthReports: z
    .boolean()
    .optional()
    .meta({
      description:
        "Whether members' extensions send anonymous daily counts of which calendar selectors still match " +
        '(POST /v1/extension-health), so a calendar redesign shows on the dashboard the day it ships. Off by default.',
    }),
});
export type OrgSettings = z.infer<typeof zOrgSettings>;

export const zOrg = zOrgSettings
  .extend({
    id: zId,
    name: z.string(),
    slug: z.string().meta({ description: 'How people name the organisation when signing in (e.g. `northwind`)', example: 'northwind' }),
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Org' });
export type Org = z.infer<typeof zOrg>;

export const zOrgPatch = zOrgSettings.partial().strict();
export type OrgPatch = z.infer<typeof zOrgPatch>;

export const zOrgCreate = zOrgSettings
  .partial()
  .extend({
    name: z.string().trim().min(1).max(200),
    slug: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lower-case letters, digits and hyphens (max 40)')
      .optional()
      .meta({ description: 'Defaults to one made from the name' }),
    admin: z
      .object({
        displayName: z.string().trim().min(1).max(200),
        email: z
          .email()
          .max(254)
          .transform((e) => e.toLowerCase()),
      })
      .strict(),
  })
  .strict();
export type OrgCreate = z.infer<typeof zOrgCreate>;
