import { z } from 'zod';
import { zAnyDate, zDate, zId, zTimestamp } from './common';
import { dateRange, isAnswerablePeriod } from './rules/calendar';
import { zMemberRole, zEngagementStatus } from './engagement';
import { zProgrammeKind } from './programme';

/**
 * Query of every analytics endpoint. `from`/`to` default to the fiscal quarter containing `asOf`;
 * `asOf` defaults to today (UTC). Dates are inclusive calendar days in UTC.
 */
const zAnalyticsQueryBase = z.object({
  programmeId: zId.optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  asOf: zDate.optional(),
  format: z.enum(['json', 'csv']).default('json').meta({ description: '`csv` returns text/csv built from the same suppressed result' }),
});

/** An analytics query, with endpoint-specific fields, checked for `from ≤ to`. */
export const analyticsQuery = <T extends z.ZodRawShape>(extra: T) =>
  zAnalyticsQueryBase
    .extend(extra)
    .refine(
      (q) => {
        const { from, to } = q as { from?: string; to?: string };
        return !from || !to || from <= to;
      },
      {
        message: 'from must not be after to',
        path: ['to'],
        when: (payload) => payload.issues.length === 0,
      },
    )
    .refine(
      (q) => {
        const { from, to } = q as { from?: string; to?: string };
        return !from || !to || from > to || isAnswerablePeriod({ from, to });
      },
      {
        message: `a period may be at most ${dateRange.maxPeriodYears} years long`,
        path: ['to'],
        when: (payload) => payload.issues.length === 0,
      },
    );

export const zAnalyticsQuery = analyticsQuery({});
export type AnalyticsQuery = z.infer<typeof zAnalyticsQueryBase>;

export const zHealth = z.enum(['healthy', 'at_risk', 'lapsed']);
export type Health = z.infer<typeof zHealth>;

/**
 * A figure about people. Resting on 1 to k−1 people it is suppressed: `value: null, suppressed: true`
 * (PRODUCT.md §5). Zero is shown as zero.
 */
export const zFigure = z.object({ value: z.number().nullable(), suppressed: z.boolean() }).meta({ id: 'Figure' });
export type Figure = z.infer<typeof zFigure>;

export const zPeriodOut = z.object({ from: zDate, to: zDate, asOf: zDate });

/**
 * How a result's protected figures were released (shared/rules/disclosure.ts): the closed periods
 * they come from, frozen when first read; the periods of the request still waiting for release;
 * and how many population-shaping writes were made while the released periods were open.
 */
export const zDisclosure = z
  .object({
    released: z.array(
      z.object({
        period: z
          .string()
          .meta({ description: 'A fiscal quarter by its first day `2026-07-01` (representation), or a month `2026-09` (pulse)' }),
        from: zDate,
        to: zDate,
        frozenAt: zTimestamp.meta({ description: 'When the facts of this period were first read and frozen' }),
      }),
    ),
    pending: z.array(
      z.object({ period: z.string(), from: zDate, to: zDate, releasesOn: zDate.meta({ description: 'First day its figures appear' }) }),
    ),
    populationChanges: z.int().meta({
      description:
        'Writes that shaped the population (people created or imported, attributes set, pairings created, changed, paused or ' +
        're-membered, people deactivated) made while the released periods were open, up to their freezing — see the audit log',
    }),
  })
  .meta({ id: 'Disclosure' });
export type Disclosure = z.infer<typeof zDisclosure>;

const zAnalyticsHead = {
  period: zPeriodOut,
  programmeId: zId.nullable(),
  minGroupSize: z.int().meta({ description: 'k: figures about people resting on fewer than k are suppressed' }),
};

export const zEngagementMemberBrief = z.object({ participantId: zId, displayName: z.string(), role: zMemberRole });

export const zEngagementRow = z.object({
  engagementId: zId,
  programmeId: zId,
  programmeName: z.string(),
  kind: zProgrammeKind,
  status: zEngagementStatus,
  members: z.array(zEngagementMemberBrief),
  startsOn: zDate,
  endsOn: zDate.nullable(),
  sessionsHeld: z.int(),
  sessionsCancelled: z.int(),
  expected: z
    .number()
    .meta({ description: 'Sessions the commitment asks for over the days this engagement ran in the period (1 decimal)' }),
  expectedIntervalDays: z.number(),
  lastSessionAt: z.string().nullable(),
  daysSinceLastSession: z.int(),
  health: zHealth.nullable().meta({ description: 'null unless the engagement is active' }),
});
export type EngagementRow = z.infer<typeof zEngagementRow>;

const zPulseResponseRate = zFigure.meta({
  description:
    'Pulse answers / chances to answer (held sessions × members), over the released months of the period (the pulse’s releases: ' +
    'periods widen to whole months) whose programme-months have k or more respondents from k or more engagements; each such ' +
    'programme-month’s answers perturbed by its answerers’ record keys (2 decimals, at most 1). Suppressed when the scope has ' +
    'programme-months but none above that floor; null when it has no held session in a released month',
});

const zEngagementFigures = {
  sessionsHeld: z.int(),
  sessionsCancelled: z.int(),
  activeEngagements: z.int(),
  activeParticipants: z.int(),
  commitmentMetRate: z.number().nullable(),
  commitmentEligible: z.int().meta({ description: '(engagement, completed quarter) pairs the rate is over' }),
  medianDaysBetweenSessions: z.number().nullable(),
  pulseResponseRate: zPulseResponseRate,
};

export const zEngagementAnalytics = z
  .object({
    ...zAnalyticsHead,
    totals: z.object({ ...zEngagementFigures, health: z.object({ healthy: z.int(), at_risk: z.int(), lapsed: z.int() }) }),
    byProgramme: z.array(z.object({ programmeId: zId, name: z.string(), kind: zProgrammeKind, ...zEngagementFigures })),
    byMonth: z.array(
      z.object({
        month: z.string(),
        sessionsHeld: z.int(),
        sessionsCancelled: z.int(),
        pulseResponseRate: zPulseResponseRate,
        byProgramme: z.array(z.object({ programmeId: zId, sessionsHeld: z.int(), sessionsCancelled: z.int() })),
      }),
    ),
    engagements: z.array(zEngagementRow).meta({
      description: 'One page of the engagements, most in need first (see `nextCursor`); `format=csv&table=engagements` returns every one',
    }),
    engagementCount: z.int().meta({ description: 'Engagements in the whole list, across every page' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'EngagementAnalytics' });
export type EngagementAnalytics = z.infer<typeof zEngagementAnalytics>;

/** How many engagements one page of engagement analytics holds (`limit`). */
export const engagementPageSize = { default: 50, max: 200 } as const;

/**
 * Where a page of the engagement list resumes: the last row's place in the order of need —
 * `[rank, daysSinceLastSession, engagementId]`, rank 0 lapsed, 1 at risk, 2 anything else. A keyset,
 * not an offset, so a page never repeats or skips a row because rows before it moved.
 */
export const zEngagementListKey = z.tuple([z.int().min(0).max(2), z.int().min(0), zId]);
export type EngagementListKey = z.infer<typeof zEngagementListKey>;

const base64url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/** The opaque `cursor` for a key (base64url of its JSON: clients only pass it back). */
export const engagementCursorOf = (key: EngagementListKey): string => base64url(JSON.stringify(key));

/** A `cursor` as the API reads it: anything but a cursor the API made is refused (400). */
export const zEngagementCursor = z
  .string()
  .max(200)
  .transform((cursor, ctx) => {
    try {
      return JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave' });
      return z.NEVER;
    }
  })
  .pipe(zEngagementListKey)
  .meta({ description: '`nextCursor` of the previous page; the first page without it' });

export const zAlertReason = z.enum([
  'at_risk',
  'lapsed',
  'behind_commitment',
  'check_in_requested',
  'repeated_cancellations',
  'debrief_missing',
]);
export type AlertReason = z.infer<typeof zAlertReason>;

export const zAlert = z.object({
  engagementId: zId,
  programmeId: zId,
  programmeName: z.string(),
  kind: zProgrammeKind,
  members: z.array(zEngagementMemberBrief),
  reasons: z.array(zAlertReason),
  health: zHealth,
  daysSinceLastSession: z.int(),
  heldThisQuarter: z.int(),
  expectedByNow: z.int(),
});
export type Alert = z.infer<typeof zAlert>;

export const zAlerts = z.object({ ...zAnalyticsHead, alerts: z.array(zAlert) }).meta({ id: 'Alerts' });
export type Alerts = z.infer<typeof zAlerts>;

export const zRepresentationQuery = analyticsQuery({
  dimension: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .meta({ description: 'An attribute key, e.g. gender' }),
  role: zMemberRole.optional().meta({ description: 'Only people holding this role; all roles if absent' }),
});
export type RepresentationQuery = z.infer<typeof zRepresentationQuery>;

export const zRepresentationGroup = z.object({
  group: z.string().meta({
    description:
      "A group of the dimension's catalogue (its baseline), `other` for values the baseline does not list, `undisclosed` for no value",
  }),
  suppressed: z.boolean(),
  participants: z
    .int()
    .nullable()
    .meta({ description: 'People in the group, with its persistent noise of −2 … +2 (cell-key perturbation)' }),
  share: z.number().nullable().meta({ description: 'participants / totalParticipants' }),
  population: z.int().nullable(),
  populationShare: z.number().nullable(),
  representationIndex: z.number().nullable(),
  selectionRate: z.number().nullable(),
  impactRatio: z.number().nullable(),
  adverseImpact: z.boolean().nullable().meta({ description: 'impactRatio < 0.8 — the four-fifths rule, 29 CFR 1607.4(D)' }),
  sessionsPerParticipant: z.number().nullable().meta({ description: 'Held sessions (a perturbed sum) / participants' }),
  seniorMinutesPerParticipant: z
    .number()
    .nullable()
    .meta({ description: 'Minutes with an executive-level counterpart (a perturbed sum) / participants' }),
});
export type RepresentationGroup = z.infer<typeof zRepresentationGroup>;

export const zRepresentation = z
  .object({
    ...zAnalyticsHead,
    dimension: z.string(),
    role: zMemberRole.nullable(),
    suppressed: z.boolean().meta({
      description:
        'The whole result is withheld: the quarter is not released yet, fewer than k people, or fewer than k outside the largest group',
    }),
    totalParticipants: z.int().nullable().meta({ description: 'Exact: how many people the programmes engage (programme activity)' }),
    groups: z.array(zRepresentationGroup),
    disclosure: zDisclosure,
  })
  .meta({ id: 'Representation' });
export type Representation = z.infer<typeof zRepresentation>;

export const zQuestionStats = z.object({
  question: z.enum(['value', 'safety', 'applied']),
  suppressed: z.boolean().meta({
    description:
      'There are answers in released months, but none in a programme-month of k or more respondents from k or more engagements: nothing is shown',
  }),
  partial: z.boolean().meta({
    description:
      'Some answers are left out: those of programme-months below the floor — fewer than k respondents, or answers from fewer than k ' +
      'engagements (false when suppressed)',
  }),
  responses: z.int().nullable().meta({
    description: 'The sum of `distribution`; null when suppressed, or when none of the slice’s months is released yet',
  }),
  mean: z.number().nullable().meta({ description: 'Mean of `distribution`, 2 decimals' }),
  distribution: z
    .array(z.int())
    .nullable()
    .meta({
      description:
        'Responses scoring 1, 2, 3, 4, 5: the sum of the released cells, each score perturbed by its answerers’ record keys ' +
        '(cell-key perturbation: half the time unchanged, never by more than 9; an empty score shows 0 or more) — the same cell ' +
        'always shows the same figure',
    }),
});
export type QuestionStats = z.infer<typeof zQuestionStats>;

export const zPulseSlice = z.object({ questions: z.array(zQuestionStats) });

export const zPulseAnalytics = z
  .object({
    ...zAnalyticsHead,
    overall: z.object({
      questions: z.array(zQuestionStats.extend({ previousMean: z.number().nullable(), change: z.number().nullable() })),
    }),
    previousPeriod: z.object({ from: zAnyDate, to: zAnyDate }),
    byKind: z.array(zPulseSlice.extend({ kind: zProgrammeKind })),
    byMonth: z.array(zPulseSlice.extend({ month: z.string() })),
    disclosure: zDisclosure,
  })
  .meta({ id: 'PulseAnalytics' });
export type PulseAnalytics = z.infer<typeof zPulseAnalytics>;
