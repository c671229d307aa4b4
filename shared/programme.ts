import { z } from 'zod';
import { zId, zTimestamp, limits } from './common';

export const zProgrammeKind = z.enum(['reverse', 'advisory', 'rotation', 'classic']);
export type ProgrammeKind = z.infer<typeof zProgrammeKind>;
export const zProgrammeStatus = z.enum(['active', 'archived']);

/**
 * The default commitment (sessions per quarter) when a programme does not state one:
 * 2, advisory councils 1 (PRODUCT.md §2). Rotations last 2–4 weeks; we expect two
 * check-ins with the host while one runs, so they default to 2 as well.
 */
export const defaultMinSessionsPerQuarter: Record<ProgrammeKind, number> = {
  reverse: 2,
  classic: 2,
  advisory: 1,
  rotation: 2,
};

export const zProgramme = z
  .object({
    id: zId,
    name: z.string(),
    kind: zProgrammeKind,
    charter: z.string(),
    minSessionsPerQuarter: z.int(),
    status: zProgrammeStatus,
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Programme' });
export type Programme = z.infer<typeof zProgramme>;

export const zProgrammeCreate = z
  .object({
    name: z.string().trim().min(1).max(limits.textChars),
    kind: zProgrammeKind,
    charter: z.string().max(limits.charterChars).default(''),
    minSessionsPerQuarter: z.int().min(0).max(52).optional().meta({ description: 'Default: 2; advisory 1' }),
  })
  .strict();
export type ProgrammeCreate = z.infer<typeof zProgrammeCreate>;

/** The kind is fixed once created: engagements' roles depend on it. */
export const zProgrammePatch = z
  .object({
    name: z.string().trim().min(1).max(limits.textChars),
    charter: z.string().max(limits.charterChars),
    minSessionsPerQuarter: z.int().min(0).max(52),
    status: zProgrammeStatus,
  })
  .partial()
  .strict();
export type ProgrammePatch = z.infer<typeof zProgrammePatch>;

export const zProgrammeList = z.object({ programmes: z.array(zProgramme) });
