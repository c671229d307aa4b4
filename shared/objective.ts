import { z } from 'zod';
import { zClientUpdatedAt, zDate, zId, zTimestamp } from './common';
import { maxProgress, objectiveRules, objectiveStatuses } from './rules/objectives';

/**
 * A learning objective of an engagement, stated by its learner (mentee, rotator, executive): what,
 * the strategic goal or business cycle it serves, the signal of success and a target date. Its id
 * is the client's, so a retried write never makes a second one.
 */
export const zObjectivePut = z
  .object({
    engagementId: zId,
    what: z.string().trim().min(1).max(objectiveRules.whatChars),
    servesGoal: z
      .string()
      .trim()
      .min(1)
      .max(objectiveRules.goalChars)
      .meta({ description: 'The strategic goal or business cycle the objective serves' }),
    successSignal: z.string().trim().min(1).max(objectiveRules.signalChars),
    targetOn: zDate,
    status: z.enum(objectiveStatuses).default('open'),
    clientUpdatedAt: zClientUpdatedAt,
  })
  .strict()
  .meta({ id: 'ObjectivePut' });
export type ObjectivePut = z.infer<typeof zObjectivePut>;
export type ObjectivePutInput = z.input<typeof zObjectivePut>;

/** One self-rating of progress, dated; the history is every rating, oldest first. Written once (its id is the client's). */
export const zProgressPut = z
  .object({
    rating: z
      .int()
      .min(0)
      .max(maxProgress)
      .meta({ description: `0 (not started) to ${maxProgress} (achieved)` }),
    comment: z.string().trim().max(objectiveRules.progressCommentChars).default(''),
    clientUpdatedAt: zClientUpdatedAt,
  })
  .strict()
  .meta({ id: 'ProgressPut' });
export type ProgressPut = z.infer<typeof zProgressPut>;

export const zProgress = z
  .object({ id: zId, objectiveId: zId, rating: z.int(), comment: z.string(), ratedAt: zTimestamp })
  .meta({ id: 'Progress' });
export type Progress = z.infer<typeof zProgress>;

export const zObjective = z
  .object({
    id: zId,
    engagementId: zId,
    ownerId: zId,
    what: z.string(),
    servesGoal: z.string(),
    successSignal: z.string(),
    targetOn: zDate,
    status: z.enum(objectiveStatuses),
    /** Every self-rating, oldest first. */
    progress: z.array(zProgress),
    /** The sessions linked to this objective, by id. */
    sessionIds: z.array(zId),
    clientUpdatedAt: zTimestamp,
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'Objective' });
export type Objective = z.infer<typeof zObjective>;
export const zObjectiveList = z.object({ objectives: z.array(zObjective) }).meta({ id: 'ObjectiveList' });
/** `GET /v1/objectives`: the objectives of the caller's own engagements (one of them with `engagementId`). */
export const zObjectiveListQuery = z.object({ engagementId: zId.optional() });

/**
 * The objectives a session moved: the whole set, replacing the one before (a newer `clientUpdatedAt`
 * wins), so a one-click link from the calendar panel is one idempotent write.
 */
export const zSessionObjectivesPut = z
  .object({
    objectiveIds: z.array(zId).max(objectiveRules.linksPerSession),
    clientUpdatedAt: zClientUpdatedAt,
  })
  .strict()
  .meta({ id: 'SessionObjectivesPut' });
export type SessionObjectivesPut = z.infer<typeof zSessionObjectivesPut>;

export const zSessionObjectives = z
  .object({ sessionId: zId, objectiveIds: z.array(zId), clientUpdatedAt: zTimestamp, updatedAt: zTimestamp })
  .meta({ id: 'SessionObjectives' });
export type SessionObjectives = z.infer<typeof zSessionObjectives>;
