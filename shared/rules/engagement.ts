/**
 * The shape rules of an engagement, as plain constants with no zod: the Worker validates with them
 * and the dashboard checks its form with them before sending, without shipping zod to the page.
 */
import type { MemberRole } from '../engagement';
import type { ProgrammeKind } from '../programme';
import { daysBetween } from './days';

/**
 * Who may sit in an engagement of each programme kind, and how many (PRODUCT.md §2).
 * In reverse mentoring the mentor is the junior colleague and the mentee the senior leader.
 */
export const rolesByKind: Record<ProgrammeKind, Partial<Record<MemberRole, { min: number; max: number }>>> = {
  reverse: { mentor: { min: 1, max: 1 }, mentee: { min: 1, max: 1 } },
  classic: { mentor: { min: 1, max: 1 }, mentee: { min: 1, max: 1 } },
  advisory: { advisor: { min: 1, max: 50 }, executive: { min: 1, max: 50 } },
  rotation: { rotator: { min: 1, max: 1 }, host: { min: 1, max: 1 } },
};

/** A rotation lasts 7 to 42 days; its debrief is due within 14 days of its end. */
export const rotationDays = { min: 7, max: 42, debriefWithin: 14 } as const;

/**
 * How many days an engagement from `startsOn` to `endsOn` (`YYYY-MM-DD`) lasts, both days counted:
 * the length `rotationDays` bounds.
 *
 * @example spanDays('2026-12-01', '2026-12-07') // 7
 */
export const spanDays = (startsOn: string, endsOn: string) => daysBetween(startsOn, endsOn) + 1;
