import { describe, expect, it } from 'vitest';
import { engagementRuleIssues } from '../../../worker/domain/engagement-rules';

const a = '00000000-0000-4000-8000-00000000000a';
const b = '00000000-0000-4000-8000-00000000000b';
const c = '00000000-0000-4000-8000-00000000000c';

describe('engagementRuleIssues', () => {
  it('accepts a reverse pairing of one mentor and one mentee', () => {
    expect(
      engagementRuleIssues(
        'reverse',
        [
          { participantId: a, role: 'mentor' },
          { participantId: b, role: 'mentee' },
        ],
        '2026-01-01',
        null,
      ),
    ).toEqual([]);
  });

  it('names a missing role and a role foreign to the kind', () => {
    const codes = engagementRuleIssues(
      'classic',
      [
        { participantId: a, role: 'mentor' },
        { participantId: b, role: 'host' },
      ],
      '2026-01-01',
      null,
    ).map((i) => i.code);

    expect(codes.sort()).toEqual(['invalid_role', 'role_count']);
  });

  it('refuses the same person twice', () => {
    const issues = engagementRuleIssues(
      'advisory',
      [
        { participantId: a, role: 'advisor' },
        { participantId: a, role: 'executive' },
      ],
      '2026-01-01',
      null,
    );

    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate', path: 'members.1.participantId' })]);
  });

  it('counts both ends of a rotation: 7 to 42 days', () => {
    const pair = [
      { participantId: a, role: 'rotator' as const },
      { participantId: c, role: 'host' as const },
    ];

    expect(engagementRuleIssues('rotation', pair, '2026-02-23', '2026-03-01')).toEqual([]); // 7 days across a month end
    expect(engagementRuleIssues('rotation', pair, '2026-02-24', '2026-03-01').map((i) => i.code)).toEqual(['rotation_length']);
    expect(engagementRuleIssues('rotation', pair, '2026-01-01', '2026-02-11')).toEqual([]); // 42 days
    expect(engagementRuleIssues('rotation', pair, '2026-01-01', '2026-02-12').map((i) => i.code)).toEqual(['rotation_length']);
  });

  it('refuses an end before the start', () => {
    expect(
      engagementRuleIssues(
        'classic',
        [
          { participantId: a, role: 'mentor' },
          { participantId: b, role: 'mentee' },
        ],
        '2026-05-01',
        '2026-04-30',
      ).map((i) => i.code),
    ).toEqual(['date_order']);
  });
});
