import { z } from 'zod';
import { limits, zClientUpdatedAt, zId, zTimestamp } from './common';

export const zVisibility = z.enum(['private', 'shared']);
export type Visibility = z.infer<typeof zVisibility>;

export const zActionItem = z
  .object({ text: z.string().trim().min(1).max(limits.actionItemChars), done: z.boolean().default(false) })
  .strict();
export type ActionItem = z.infer<typeof zActionItem>;

export const zNotePut = z
  .object({
    body: z.string().max(limits.noteChars),
    visibility: zVisibility.default('private'),
    actionItems: z.array(zActionItem).max(limits.actionItems).default([]),
    clientUpdatedAt: zClientUpdatedAt,
  })
  .strict()
  .meta({ id: 'NotePut' });
export type NotePut = z.infer<typeof zNotePut>;
export type NotePutInput = z.input<typeof zNotePut>;

export const zNote = z
  .object({
    id: zId,
    sessionId: zId,
    authorId: zId,
    body: z.string(),
    visibility: zVisibility,
    actionItems: z.array(z.object({ text: z.string(), done: z.boolean() })),
    clientUpdatedAt: zTimestamp,
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Note' });
export type Note = z.infer<typeof zNote>;

export const zNoteList = z.object({ notes: z.array(zNote) });
export const zNoteParams = z.object({ id: zId, noteId: zId });
