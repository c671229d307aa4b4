import { z } from 'zod';

export const zRole = z.enum(['participant', 'coordinator', 'admin']);
export type Role = z.infer<typeof zRole>;
