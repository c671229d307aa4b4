import { z } from 'zod';
import { limits, zErrorEnvelope, zId } from './common';
import { zNote, zNotePut } from './note';
import { pulseQueueGraceDays, zPulse, zPulsePut } from './pulse';
import { zSession, zSessionPut } from './session';

/**
 * Every write a client sends, as one discriminated union on `kind`: what it writes (`kind` and
 * the client-generated ids) and its body (the same schema as the REST PUT). The extension's
 * offline queue stores exactly this; the Worker dispatches on `kind` through one table.
 *
 * To add a kind of write (an objective, a journal entry, …): add its member here, its success
 * schema to `writeResultSchemas`, and its entry in the Worker's table of writes.
 */
export const zSessionWrite = z
  .object({ kind: z.literal('session'), sessionId: zId, body: zSessionPut })
  .strict()
  .meta({ id: 'SessionWrite', description: 'PUT /v1/sessions/{sessionId}' });
export const zNoteWrite = z
  .object({ kind: z.literal('note'), sessionId: zId, noteId: zId, body: zNotePut })
  .strict()
  .meta({ id: 'NoteWrite', description: 'PUT /v1/sessions/{sessionId}/notes/{noteId}' });
export const zPulseWrite = z
  .object({ kind: z.literal('pulse'), sessionId: zId, body: zPulsePut })
  .strict()
  .meta({ id: 'PulseWrite', description: 'PUT /v1/sessions/{sessionId}/pulse' });

export const zWriteOp = z.discriminatedUnion('kind', [zSessionWrite, zNoteWrite, zPulseWrite]).meta({ id: 'WriteOp' });
/** A write as parsed (defaults applied): what the queue stores and the Worker applies. */
export type WriteOp = z.infer<typeof zWriteOp>;
export type WriteOpInput = z.input<typeof zWriteOp>;
export type WriteKind = WriteOp['kind'];
export const writeKinds = ['session', 'note', 'pulse'] as const satisfies readonly WriteKind[];
export const zWriteKind = z.enum(writeKinds);
/** The member of the union for one kind. */
export type WriteOf<K extends WriteKind> = Extract<WriteOp, { kind: K }>;

/** What a write of each kind answers when it is accepted (200 or 201). */
export const writeResultSchemas = { session: zSession, note: zNote, pulse: zPulse } as const satisfies Record<WriteKind, z.ZodType>;
export type WriteResultBody<K extends WriteKind = WriteKind> = z.infer<(typeof writeResultSchemas)[K]>;

/** `ref` is the client's own handle for the write, echoed back in its result. */
const zRef = z.string().max(100).optional();

/** How long the write waited in the client's offline queue before this request (see `pulseAnsweredAt`). */
const zQueuedMs = z
  .int()
  .min(0)
  .optional()
  .meta({
    description:
      "Milliseconds this write waited in the client's offline queue before this request (now − when it was queued, on the client's clock). " +
      `A pulse counts as answered that long before it arrived, reaching back at most ${pulseQueueGraceDays} days; absent means now.`,
  });

export const zBatchItem = z.object({ ref: zRef, queuedMs: zQueuedMs, op: zWriteOp }).strict().meta({ id: 'BatchItem' });
export type BatchItem = z.infer<typeof zBatchItem>;
/** An item as a client sends it (defaults not yet applied). */
export type BatchItemInput = z.input<typeof zBatchItem>;

export const zBatchRequest = z
  .object({ ops: z.array(zBatchItem).min(1).max(limits.batchOps) })
  .strict()
  .meta({ id: 'BatchRequest' });
export type BatchRequest = z.infer<typeof zBatchRequest>;

/**
 * The batch as the Worker first checks it: the envelope only (1 to 100 items, each `{ ref?, op }`),
 * so that each `op` is then checked against `zWriteOp` on its own and a malformed one refuses only
 * itself. `/openapi.json` documents `zBatchRequest`.
 */
export const zBatchEnvelope = z
  .object({
    ops: z
      .array(zBatchItem.extend({ op: z.unknown() }))
      .min(1)
      .max(limits.batchOps),
  })
  .strict();

const accepted = <K extends WriteKind>(kind: K) =>
  z.object({
    ref: zRef,
    ok: z.literal(true),
    kind: z.literal(kind),
    status: z.union([z.literal(200), z.literal(201)]),
    body: writeResultSchemas[kind],
  });

/** A write refused on its own (its status is what the same PUT would have answered); the others still apply. */
export const zRefusedWrite = z.object({
  ref: zRef,
  ok: z.literal(false),
  kind: zWriteKind.optional().meta({ description: 'Absent when the op was not a write of a known kind' }),
  status: z.int().min(400).max(599),
  body: zErrorEnvelope,
});

export const zBatchResult = z
  .union([accepted('session'), accepted('note'), accepted('pulse'), zRefusedWrite])
  .meta({ id: 'BatchResult', description: 'One per op, in order: the resource written (typed by `kind`), or why it was refused' });
export type BatchResult = z.infer<typeof zBatchResult>;
export type AcceptedWrite<K extends WriteKind = WriteKind> = Extract<BatchResult, { ok: true; kind: K }>;
export const zBatchResponse = z.object({ results: z.array(zBatchResult) }).meta({ id: 'BatchResponse' });
export type BatchResponse = z.infer<typeof zBatchResponse>;
