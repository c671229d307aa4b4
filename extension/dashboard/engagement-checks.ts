/**
 * The engagement form's own check before it sends anything: the same rules the Worker applies
 * (PRODUCT.md §2, from `shared/rules/engagement.ts`), so most mistakes show next to their field at
 * once. The API stays the judge: whatever it still refuses is shown the same way.
 */
import type { MemberRole, ProgrammeKind } from '../../shared';
import { rolesByKind, rotationDays, spanDays } from '../../shared/rules/engagement';
import type { Issue } from './form-errors';

export interface MemberDraft {
  participantId: string;
  role: MemberRole | '';
}

const day = /^\d{4}-\d{2}-\d{2}$/;

/** The roles a programme kind's engagements have, in the order to offer them. */
export const rolesOf = (kind: ProgrammeKind) => Object.keys(rolesByKind[kind]) as MemberRole[];

/** A fresh member list for a kind: one row per role it needs. */
export function membersFor(kind: ProgrammeKind): MemberDraft[] {
  return rolesOf(kind).map((role) => ({ participantId: '', role }));
}

export { spanDays };

/**
 * What is wrong with the form, as issues keyed like the API's (`members.1.participantId`,
 * `members`, `startsOn`, `endsOn`). Empty when it may be sent.
 *
 * @example engagementIssues('rotation', members, '2026-12-01', '2026-12-03') // [{ path: 'endsOn', message: 'A rotation lasts 7 to 42 days; this one lasts 3', … }]
 */
export function engagementIssues(kind: ProgrammeKind | null, members: readonly MemberDraft[], startsOn: string, endsOn: string): Issue[] {
  const issues: Issue[] = [];
  if (!kind) return [{ path: 'programmeId', message: 'Choose a programme', code: 'required' }];
  const allowed = rolesByKind[kind];
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (!m.participantId) issues.push({ path: `members.${i}.participantId`, message: 'Choose a person', code: 'required' });
    else if (seen.has(m.participantId))
      issues.push({ path: `members.${i}.participantId`, message: 'This person is already in the engagement', code: 'duplicate' });
    if (m.participantId) seen.add(m.participantId);
    if (!m.role) issues.push({ path: `members.${i}.role`, message: 'Choose a role', code: 'required' });
    else if (!allowed[m.role])
      issues.push({ path: `members.${i}.role`, message: `A ${kind} engagement has no ${m.role}`, code: 'invalid_role' });
  });
  for (const [role, { min, max }] of Object.entries(allowed) as [MemberRole, { min: number; max: number }][]) {
    const n = members.filter((m) => m.role === role).length;
    if (n < min || n > max) {
      issues.push({
        path: 'members',
        message: min === max ? `Needs exactly ${min} ${role}` : `Needs ${min} to ${max} ${role}s`,
        code: 'role_count',
      });
    }
  }
  if (!day.test(startsOn)) issues.push({ path: 'startsOn', message: 'Choose the start date', code: 'required' });
  if (endsOn && !day.test(endsOn)) issues.push({ path: 'endsOn', message: 'Not a date', code: 'invalid_format' });
  if (day.test(startsOn) && day.test(endsOn) && endsOn < startsOn) {
    issues.push({ path: 'endsOn', message: 'The end date is before the start date', code: 'date_order' });
  } else if (kind === 'rotation') {
    if (!endsOn)
      issues.push({
        path: 'endsOn',
        message: `A rotation needs an end date (${rotationDays.min} to ${rotationDays.max} days after it starts)`,
        code: 'required',
      });
    else if (day.test(startsOn) && day.test(endsOn)) {
      const n = spanDays(startsOn, endsOn);
      if (n < rotationDays.min || n > rotationDays.max) {
        issues.push({
          path: 'endsOn',
          message: `A rotation lasts ${rotationDays.min} to ${rotationDays.max} days; this one lasts ${n}`,
          code: 'rotation_length',
        });
      }
    }
  }
  return issues;
}
