import type { Alerts, EngagementAnalytics, Figure, PulseAnalytics, QuestionStats, Representation } from '../../shared';
import { toCsv } from '../domain/csv';

/** A figure in CSV: its value, or `suppressed`. */
export const csvFigure = (f: Figure) => (f.suppressed ? 'suppressed' : f.value);

/** The tables of engagement analytics as CSV, from the already-suppressed result. */
export const engagementCsv = {
  engagements: (r: EngagementAnalytics) =>
    toCsv(
      [
        'engagementId',
        'programme',
        'kind',
        'status',
        'members',
        'startsOn',
        'endsOn',
        'sessionsHeld',
        'sessionsCancelled',
        'expected',
        'expectedIntervalDays',
        'lastSessionAt',
        'daysSinceLastSession',
        'health',
      ],
      r.engagements.map((e) => [
        e.engagementId,
        e.programmeName,
        e.kind,
        e.status,
        e.members.map((m) => `${m.displayName} (${m.role})`).join('; '),
        e.startsOn,
        e.endsOn,
        e.sessionsHeld,
        e.sessionsCancelled,
        e.expected,
        e.expectedIntervalDays,
        e.lastSessionAt,
        e.daysSinceLastSession,
        e.health,
      ]),
    ),
  programmes: (r: EngagementAnalytics) =>
    toCsv(
      [
        'programmeId',
        'programme',
        'kind',
        'sessionsHeld',
        'sessionsCancelled',
        'activeEngagements',
        'activeParticipants',
        'commitmentMetRate',
        'commitmentEligible',
        'medianDaysBetweenSessions',
        'pulseResponseRate',
      ],
      [
        ...r.byProgramme.map((p) => [
          p.programmeId,
          p.name,
          p.kind,
          p.sessionsHeld,
          p.sessionsCancelled,
          p.activeEngagements,
          p.activeParticipants,
          p.commitmentMetRate,
          p.commitmentEligible,
          p.medianDaysBetweenSessions,
          csvFigure(p.pulseResponseRate),
        ]),
        [
          '',
          'All',
          '',
          r.totals.sessionsHeld,
          r.totals.sessionsCancelled,
          r.totals.activeEngagements,
          r.totals.activeParticipants,
          r.totals.commitmentMetRate,
          r.totals.commitmentEligible,
          r.totals.medianDaysBetweenSessions,
          csvFigure(r.totals.pulseResponseRate),
        ],
      ],
    ),
  months: (r: EngagementAnalytics) =>
    toCsv(
      ['month', 'sessionsHeld', 'sessionsCancelled', 'pulseResponseRate'],
      r.byMonth.map((m) => [m.month, m.sessionsHeld, m.sessionsCancelled, csvFigure(m.pulseResponseRate)]),
    ),
};

/** Alerts as CSV: reasons, never who asked for a check-in. */
export const alertsCsv = (r: Alerts) =>
  toCsv(
    ['engagementId', 'programme', 'kind', 'members', 'reasons', 'health', 'daysSinceLastSession', 'heldThisQuarter', 'expectedByNow'],
    r.alerts.map((a) => [
      a.engagementId,
      a.programmeName,
      a.kind,
      a.members.map((m) => `${m.displayName} (${m.role})`).join('; '),
      a.reasons.join(' '),
      a.health,
      a.daysSinceLastSession,
      a.heldThisQuarter,
      a.expectedByNow,
    ]),
  );

const orSuppressed = (suppressed: boolean, value: string | number | boolean | null) => (suppressed ? 'suppressed' : value);

/** Representation as CSV: suppressed groups say so in every figure derived from people. */
export const representationCsv = (r: Representation) =>
  toCsv(
    [
      'group',
      'participants',
      'share',
      'population',
      'populationShare',
      'representationIndex',
      'selectionRate',
      'impactRatio',
      'adverseImpact',
      'sessionsPerParticipant',
      'seniorMinutesPerParticipant',
    ],
    r.groups.map((g) => [
      g.group,
      orSuppressed(g.suppressed, g.participants),
      orSuppressed(g.suppressed, g.share),
      g.population,
      g.populationShare,
      orSuppressed(g.suppressed, g.representationIndex),
      orSuppressed(g.suppressed, g.selectionRate),
      orSuppressed(g.suppressed, g.impactRatio),
      orSuppressed(g.suppressed, g.adverseImpact),
      orSuppressed(g.suppressed, g.sessionsPerParticipant),
      orSuppressed(g.suppressed, g.seniorMinutesPerParticipant),
    ]),
  );

/**
 * Pulse as CSV: one row per (slice, question), from the same released result — a suppressed
 * figure says `suppressed`, a slice of months not yet released is empty.
 */
export const pulseCsv = (r: PulseAnalytics) => {
  const row = (slice: string, key: string, q: QuestionStats, extra: [number | null, number | null] = [null, null]) => [
    slice,
    key,
    q.question,
    orSuppressed(q.suppressed, q.responses),
    orSuppressed(q.suppressed, q.mean),
    ...(q.distribution ?? [1, 2, 3, 4, 5].map(() => (q.suppressed ? 'suppressed' : null))),
    q.partial,
    extra[0],
    extra[1],
  ];
  return toCsv(
    [
      'slice',
      'key',
      'question',
      'responses',
      'mean',
      'score1',
      'score2',
      'score3',
      'score4',
      'score5',
      'partial',
      'previousMean',
      'change',
    ],
    [
      ...r.overall.questions.map((q) => row('all', '', q, [q.previousMean, q.change])),
      ...r.byKind.flatMap((s) => s.questions.map((q) => row('kind', s.kind, q))),
      ...r.byMonth.flatMap((s) => s.questions.map((q) => row('month', s.month, q))),
    ],
  );
};
