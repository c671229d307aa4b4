import { z } from 'zod';
import { zId, zTimestamp, limits } from './common';
import { attributeKeyPattern } from './rules/attributes';
import { zRole } from './token';

const zText = z.string().trim().min(1).max(limits.textChars);

/** Attribute keys are free, chosen by the organisation (e.g. gender, ethnicity). */
export const zAttributeKey = z.string().regex(attributeKeyPattern, 'lower-case letters, digits and _ (max 40), starting with a letter');
const atMostDimensions = (attributes: Record<string, unknown>) => Object.keys(attributes).length <= limits.attributeDimensions;
const atMostMessage = `at most ${limits.attributeDimensions} attributes`;

export const zAttributes = z
  .record(zAttributeKey, zText)
  .refine(atMostDimensions, atMostMessage)
  .meta({
    description:
      "Demographic attributes, one per dimension the organisation names (`Org.attributeDimensions`). Write-only for coordinators: no API returns another person's attributes.",
    example: { gender: 'woman' },
  });
/** On update, `null` removes an attribute (of any dimension, also one the organisation no longer names). */
export const zAttributesPatch = z.record(zAttributeKey, zText.nullable()).refine(atMostDimensions, atMostMessage);

export const zParticipantStatus = z.enum(['active', 'inactive']);

export const zParticipant = z
  .object({
    id: zId,
    displayName: z.string(),
    email: z.string(),
    level: z.string().nullable(),
    function: z.string().nullable(),
    region: z.string().nullable(),
    status: zParticipantStatus,
    role: zRole.meta({ description: 'participant, coordinator or admin: what their sign-in lets them do. Only admins change it.' }),
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof zParticipant>;

/** The caller's own record: the only place attributes are ever returned. */
export const zSelf = zParticipant.extend({ attributes: z.record(z.string(), z.string()) }).meta({ id: 'Self' });
export type Self = z.infer<typeof zSelf>;

export const zParticipantCreate = z
  .object({
    displayName: zText,
    email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase()),
    level: zText.optional(),
    function: zText.optional(),
    region: zText.optional(),
    attributes: zAttributes.optional(),
  })
  .strict();
export type ParticipantCreate = z.infer<typeof zParticipantCreate>;

export const zParticipantPatch = z
  .object({
    displayName: zText,
    email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase()),
    level: zText.nullable(),
    function: zText.nullable(),
    region: zText.nullable(),
    status: zParticipantStatus,
    role: zRole,
    attributes: zAttributesPatch,
  })
  .partial()
  .strict();
export type ParticipantPatch = z.infer<typeof zParticipantPatch>;

export const zParticipantList = z.object({ participants: z.array(zParticipant), total: z.int() });

export const zParticipantListQuery = z.object({
  q: z
    .string()
    .max(limits.searchChars)
    .optional()
    .meta({ description: `Filter by name or email (substring, case-insensitive for ASCII; at most ${limits.searchChars} characters)` }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const zImportRowError = z.object({ row: z.int(), field: z.string().optional(), message: z.string() });
export type ImportRowError = z.infer<typeof zImportRowError>;
export const zImportResult = z
  .object({ created: z.int(), updated: z.int(), dryRun: z.boolean().meta({ description: 'True when nothing was written (a preview)' }) })
  .meta({ id: 'ImportResult' });
export const zImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Check the file and count what would change, without writing' }),
});
export type ImportResult = z.infer<typeof zImportResult>;
