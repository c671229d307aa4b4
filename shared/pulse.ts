import { z } from 'zod';
import { zClientUpdatedAt, zId, zTimestamp } from './common';

export { pulseQuestions, pulseQueueGraceDays, pulseWindowDays, type PulseQuestionId } from './rules/pulse';

export const zPulseQuestions = z
  .object({
    version: z.literal(1),
    questions: z.array(z.object({ id: z.string(), text: z.string(), required: z.boolean(), min: z.int(), max: z.int() })),
    checkIn: z.object({ text: z.string() }),
  })
  .meta({ id: 'PulseQuestions' });

const zScore = z.int().min(1).max(5);

export const zPulsePut = z
  .object({
    value: zScore,
    safety: zScore.nullable().optional(),
    applied: zScore.nullable().optional(),
    checkIn: z.boolean().default(false).meta({ description: 'Ask the coordinator to check in on this pairing (never says who asked)' }),
    clientUpdatedAt: zClientUpdatedAt,
  })
  .strict()
  .meta({ id: 'PulsePut' });
export type PulsePut = z.infer<typeof zPulsePut>;
export type PulsePutInput = z.input<typeof zPulsePut>;

/** The caller's own answer. No API returns anyone else's. */
export const zPulse = z
  .object({
    sessionId: zId,
    value: zScore,
    safety: zScore.nullable(),
    applied: zScore.nullable(),
    checkIn: z.boolean(),
    clientUpdatedAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Pulse' });
export type Pulse = z.infer<typeof zPulse>;
