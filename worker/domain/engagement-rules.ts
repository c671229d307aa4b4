import { daysBetween, rolesByKind, rotationDays, type Member, type MemberRole, type ProgrammeKind } from '../../shared';

export interface RuleIssue {
  path: string;
  message: string;
  code: string;
}

/**
 * What is wrong with an engagement's shape for its programme kind (PRODUCT.md §2):
 * roles by kind and their counts, distinct members, dates in order, and a rotation's length.
 *
 * @example engagementRuleIssues('reverse', [{ participantId: a, role: 'mentor' }], '2026-01-01', null) // one issue: no mentee
 */
export function engagementRuleIssues(
  kind: ProgrammeKind,
  members: readonly Member[],
  startsOn: string,
  endsOn: string | null,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const allowed = rolesByKind[kind];
  const ids = new Set<string>();
  members.forEach((m, i) => {
    if (ids.has(m.participantId)) issues.push({ path: `members.${i}.participantId`, message: 'A person appears twice', code: 'duplicate' });
    ids.add(m.participantId);
    if (!allowed[m.role]) {
      issues.push({
        path: `members.${i}.role`,
        message: `A ${kind} engagement has no ${m.role}; roles are ${Object.keys(allowed).join(', ')}`,
        code: 'invalid_role',
      });
    }
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
  if (endsOn !== null && endsOn < startsOn) {
    issues.push({ path: 'endsOn', message: 'endsOn must not be before startsOn', code: 'date_order' });
  }
  if (kind === 'rotation') {
    if (endsOn === null) issues.push({ path: 'endsOn', message: 'A rotation needs an end date', code: 'required' });
    else {
      const days = daysBetween(startsOn, endsOn) + 1; // both days count
      if (days < rotationDays.min || days > rotationDays.max) {
        issues.push({
          path: 'endsOn',
          message: `A rotation lasts ${rotationDays.min} to ${rotationDays.max} days; this one lasts ${days}`,
          code: 'rotation_length',
        });
      }
    }
  }
  return issues;
}
