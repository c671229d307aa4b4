import { z } from 'zod';
import { zId, zTimestamp, limits } from './common';

export const zRole = z.enum(['participant', 'coordinator', 'admin']);
export type Role = z.infer<typeof zRole>;

export const zToken = z
  .object({
    id: zId,
    participantId: zId,
    role: zRole,
    label: z.string().nullable(),
    createdAt: zTimestamp,
    revokedAt: zTimestamp.nullable(),
  })
  .meta({ id: 'Token' });
export type Token = z.infer<typeof zToken>;

export const zTokenCreate = z
  .object({ role: zRole.default('participant'), label: z.string().trim().min(1).max(limits.textChars).optional() })
  .strict();
export type TokenCreate = z.infer<typeof zTokenCreate>;

export const zIssuedToken = z
  .object({ token: zToken, secret: z.string().meta({ description: 'The bearer token. Shown once; only its SHA-256 is stored.' }) })
  .meta({ id: 'IssuedToken' });
export type IssuedToken = z.infer<typeof zIssuedToken>;
