import { z } from 'zod';
import { limits } from './common';

/**
 * One write of the extension's offline queue: any of the PUTs of the API, by path.
 * `ref` is the client's own handle for the write, echoed back in its result.
 */
export const zBatchOp = z.object({
  ref: z.string().max(100).optional(),
  method: z.literal('PUT'),
  path: z.string().max(200).meta({ example: '/v1/sessions/0b6d2f0e-6f1c-4c53-9d4e-5c1c2a6f7e10/pulse' }),
  body: z.unknown(),
});
export type BatchOp = z.infer<typeof zBatchOp>;

export const zBatchRequest = z
  .object({ ops: z.array(zBatchOp).min(1).max(limits.batchOps) })
  .strict()
  .meta({ id: 'BatchRequest' });
export type BatchRequest = z.infer<typeof zBatchRequest>;

export const zBatchResult = z.object({
  ref: z.string().optional(),
  status: z.int().meta({ description: 'The HTTP status the same PUT would have answered' }),
  body: z.unknown().meta({ description: 'The resource, or the error envelope' }),
});
export type BatchResult = z.infer<typeof zBatchResult>;
export const zBatchResponse = z.object({ results: z.array(zBatchResult) }).meta({ id: 'BatchResponse' });
export type BatchResponse = z.infer<typeof zBatchResponse>;
