import { describe, expect, it } from 'vitest';
import { engagementIssues, membersFor, rolesOf, spanDays, type MemberDraft } from '../../../extension/dashboard/engagement-checks';

const rotator: MemberDraft = { participantId: 'a', role: 'rotator' };
const host: MemberDraft = { participantId: 'b', role: 'host' };
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe("the engagement form's own check", () => {
  it('offers the roles of the programme kind, one row per role needed', () => {
    expect(rolesOf('reverse')).toEqual(['mentor', 'mentee']);
    expect(membersFor('advisory')).toEqual([
      { participantId: '', role: 'advisor' },
      { participantId: '', role: 'executive' },
    ]);
  });

  it('accepts a rotation of 7 to 42 days, both days counted', () => {
    expect(spanDays('2026-12-01', '2026-12-07')).toBe(7);
    expect(engagementIssues('rotation', [rotator, host], '2026-12-01', '2026-12-07')).toEqual([]);
    expect(engagementIssues('rotation', [rotator, host], '2026-12-01', '2027-01-11')).toEqual([]);
  });

  it('refuses a rotation of 6 days or of 43, on the end date', () => {
    const short = engagementIssues('rotation', [rotator, host], '2026-12-01', '2026-12-06');
    const long = engagementIssues('rotation', [rotator, host], '2026-12-01', '2027-01-12');

    expect(short).toEqual([{ path: 'endsOn', message: 'A rotation lasts 7 to 42 days; this one lasts 6', code: 'rotation_length' }]);
    expect(long[0]?.message).toBe('A rotation lasts 7 to 42 days; this one lasts 43');
  });

  it('asks a rotation for its end date', () => {
    expect(paths(engagementIssues('rotation', [rotator, host], '2026-12-01', ''))).toEqual(['endsOn']);
  });

  it('refuses an end before the start', () => {
    expect(
      engagementIssues(
        'classic',
        [
          { participantId: 'a', role: 'mentor' },
          { participantId: 'b', role: 'mentee' },
        ],
        '2026-12-01',
        '2026-11-01',
      ),
    ).toEqual([{ path: 'endsOn', message: 'The end date is before the start date', code: 'date_order' }]);
  });

  it('needs exactly one mentor and one mentee in a dyad', () => {
    const issues = engagementIssues(
      'reverse',
      [
        { participantId: 'a', role: 'mentor' },
        { participantId: 'b', role: 'mentor' },
      ],
      '2026-12-01',
      '',
    );

    expect(issues.map((i) => i.message)).toEqual(['Needs exactly 1 mentor', 'Needs exactly 1 mentee']);
  });

  it('lets an advisory council have several advisors and executives', () => {
    const council: MemberDraft[] = [
      { participantId: 'a', role: 'advisor' },
      { participantId: 'b', role: 'advisor' },
      { participantId: 'c', role: 'executive' },
    ];

    expect(engagementIssues('advisory', council, '2026-12-01', '')).toEqual([]);
  });

  it('marks the member row with no person picked, or a person picked twice', () => {
    const issues = engagementIssues(
      'classic',
      [
        { participantId: 'a', role: 'mentor' },
        { participantId: '', role: 'mentee' },
      ],
      '2026-12-01',
      '',
    );
    const twice = engagementIssues(
      'classic',
      [
        { participantId: 'a', role: 'mentor' },
        { participantId: 'a', role: 'mentee' },
      ],
      '2026-12-01',
      '',
    );

    expect(paths(issues)).toEqual(['members.1.participantId']);
    expect(twice).toEqual([{ path: 'members.1.participantId', message: 'This person is already in the engagement', code: 'duplicate' }]);
  });

  it('asks for a programme first, and a start date', () => {
    expect(paths(engagementIssues(null, [], '', ''))).toEqual(['programmeId']);
    expect(
      paths(
        engagementIssues(
          'classic',
          [
            { participantId: 'a', role: 'mentor' },
            { participantId: 'b', role: 'mentee' },
          ],
          '',
          '',
        ),
      ),
    ).toEqual(['startsOn']);
  });
});
