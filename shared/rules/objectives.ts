/**
 * The rules of learning objectives (PRODUCT.md §6; the accountability issue), as plain constants:
 * the Worker enforces them, the side panel checks its form with them before queueing a write.
 */
import type { MemberRole } from '../engagement';

/**
 * Who states an engagement's objectives: the one who is there to learn — the mentee (in reverse
 * mentoring the senior leader), the rotator, the executive of a council. The other side reads them.
 */
export const learnerRoles = ['mentee', 'rotator', 'executive'] as const satisfies readonly MemberRole[];
export const isLearnerRole = (role: MemberRole) => (learnerRoles as readonly MemberRole[]).includes(role);

export const objectiveRules = {
  /** Each learner states one to five objectives per engagement. */
  perLearner: 5,
  /** `objectives_missing`: an active engagement with none this many days after it starts. */
  missingAfterDays: 21,
  whatChars: 500,
  goalChars: 300,
  signalChars: 500,
  progressCommentChars: 1000,
  /** A session moves at most this many objectives (all of one learner's). */
  linksPerSession: 5,
} as const;

/**
 * Self-rated progress, 0 to 4, each with the words the rater picks from: a scale short enough to
 * answer in one click, long enough to show movement between two ratings.
 */
export const progressLevels = ['Not started', 'First steps', 'Halfway', 'Mostly there', 'Achieved'] as const;
export const maxProgress = progressLevels.length - 1;

export const objectiveStatuses = ['open', 'achieved', 'dropped'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];
