import type { AnalyticsQuery, Org } from '../../shared';
import { invalid } from '../domain/errors';
import { dateRange, fiscalQuarterOf, isAnswerablePeriod, quartersWithin, type Period } from './calendar';

export interface Scope {
  period: Period;
  asOf: string;
  k: number;
  programmeId: string | null;
  fiscalYearStartMonth: number;
  /** Fiscal quarters wholly inside the period and over by `asOf`. */
  completedQuarters: Period[];
}

/** The period, as-of date and privacy threshold of a query, with the organisation's defaults; a period the API does not answer is refused (400). */
export function scopeOf(query: AnalyticsQuery, org: Org, today: string): Scope {
  const asOf = query.asOf ?? today;
  const quarter = fiscalQuarterOf(asOf, org.fiscalYearStartMonth);
  const period = { from: query.from ?? quarter.from, to: query.to ?? quarter.to };
  if (period.from > period.to) {
    // One end given, the other defaulted past it: the given end wins, over a single day.
    if (query.from) period.to = period.from;
    else period.from = period.to;
  }
  // Checked again after the defaults: `from=2001-01-01` alone runs to the end of this quarter.
  if (!isAnswerablePeriod(period))
    throw invalid(
      `A period may be at most ${dateRange.maxPeriodYears} years long, in the years ${dateRange.firstYear}–${dateRange.lastYear}`,
      {
        period,
      },
    );
  return {
    period,
    asOf,
    k: org.minGroupSize,
    programmeId: query.programmeId ?? null,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    completedQuarters: quartersWithin(period, org.fiscalYearStartMonth).filter((q) => q.to < asOf),
  };
}
