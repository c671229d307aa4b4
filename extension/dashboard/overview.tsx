/**
 * The overview: the programme at a glance for the chosen period and programme — headline figures,
 * sessions per month, engagement health, what needs attention, and the tables behind them.
 */
import type { ComponentChildren } from 'preact';
import type { EngagementAnalytics } from '../../shared';
import { AlertsTable } from './alerts-table';
import type { Filters } from './analytics-paths';
import { CsvLink } from './csv-link';
import { EngagementList } from './engagement-list';
import { days, formatPercent, showFigure, type Shown } from './figures';
import { LoadState, Section } from './form-bits';
import { HealthChart } from './health-chart';
import { periodLabel } from './period';
import { kindLabel } from './labels';
import { SessionsChart } from './sessions-chart';
import { useSession } from './session';
import { SuppressionNote } from './suppression-note';
import { useLoad } from './use-load';

export function Overview({ filters }: { filters: Filters }) {
  const { api, programmes } = useSession();
  const engagement = useLoad(() => api.engagement(filters), [filters]);
  const alerts = useLoad(() => api.alerts(filters), [filters.programmeId]);
  const data = engagement.value;
  const t = data?.totals;

  return (
    <div class="screen overview" aria-busy={engagement.loading}>
      <LoadState loading={engagement.loading} error={engagement.error} empty={!data} />
      {data && t && (
        <>
          <p class="period-line muted">
            {periodLabel(data.period)} · figures as of {data.period.asOf}
          </p>
          <div class="figures">
            <FigureCard
              hook="figure-active-engagements"
              label="Active engagements"
              shown={showFigure(t.activeEngagements)}
              raw={t.activeEngagements}
            >
              {t.activeParticipants} participants
            </FigureCard>
            <FigureCard hook="figure-sessions" label="Sessions held" shown={showFigure(t.sessionsHeld)} raw={t.sessionsHeld}>
              {t.sessionsCancelled} cancelled · in the period
            </FigureCard>
            <FigureCard
              hook="figure-commitment"
              label="Commitment met"
              shown={showFigure(t.commitmentMetRate, formatPercent)}
              raw={t.commitmentMetRate}
            >
              {t.commitmentMetRate === null ? 'No quarter in this period has ended yet' : `of ${t.commitmentEligible} engagement-quarters`}
            </FigureCard>
            <FigureCard
              hook="figure-response-rate"
              label="Pulse response rate"
              shown={showFigure(t.pulseResponseRate, formatPercent)}
              raw={t.pulseResponseRate.value}
            >
              {t.pulseResponseRate.suppressed
                ? `No released month with ${data.minGroupSize} respondents from ${data.minGroupSize} pairings`
                : 'answers per member per session, in released months'}
            </FigureCard>
            <FigureCard
              hook="figure-median-gap"
              label="Median gap between sessions"
              shown={showFigure(t.medianDaysBetweenSessions, (v) => days(Math.round(v)))}
              raw={t.medianDaysBetweenSessions}
            >
              between consecutive sessions
            </FigureCard>
          </div>
          <SuppressionNote k={data.minGroupSize} show={t.pulseResponseRate.suppressed} />

          <div class="grid-2-1">
            <Section
              title="Sessions per month, by programme"
              actions={<CsvLink hook="csv-months" endpoint="engagement" filters={filters} extra={{ table: 'months' }} />}
            >
              <SessionsChart data={data} programmes={programmes} />
            </Section>
            <Section title="Engagement health">
              <HealthChart health={t.health} />
            </Section>
          </div>
        </>
      )}

      <Section title="Needs attention" hook="alerts" actions={<CsvLink hook="csv-alerts" endpoint="alerts" filters={filters} />}>
        <p class="muted small">
          Active engagements as of today{alerts.value ? ` (${alerts.value.period.asOf})` : ''}; the period filter does not apply.
        </p>
        <LoadState loading={alerts.loading} error={alerts.error} empty={!alerts.value} />
        {alerts.value && <AlertsTable alerts={alerts.value.alerts} />}
      </Section>

      {data && (
        <>
          <Section
            title="By programme"
            hook="table-programmes"
            actions={<CsvLink hook="csv-programmes" endpoint="engagement" filters={filters} extra={{ table: 'programmes' }} />}
          >
            <ProgrammeTable data={data} />
            <SuppressionNote k={data.minGroupSize} show={data.byProgramme.some((p) => p.pulseResponseRate.suppressed)} />
          </Section>
          <Section
            title={`Engagements (${data.engagementCount})`}
            hook="table-engagements"
            actions={<CsvLink hook="csv-engagements" endpoint="engagement" filters={filters} extra={{ table: 'engagements' }} />}
          >
            <EngagementList first={data} filters={filters} />
          </Section>
        </>
      )}
    </div>
  );
}

function FigureCard({
  hook,
  label,
  shown,
  raw,
  children,
}: {
  hook: string;
  label: string;
  shown: Shown;
  raw: number | null;
  children: ComponentChildren;
}) {
  return (
    <div
      class={`figure${shown.suppressed ? ' suppressed' : ''}`}
      data-dyad={hook}
      data-value={raw ?? ''}
      data-suppressed={String(shown.suppressed)}
    >
      <span class="label">{label}</span>
      <strong class="big" data-dyad="figure-value">
        {shown.text}
      </strong>
      <span class="muted small">{children}</span>
    </div>
  );
}

function ProgrammeTable({ data }: { data: EngagementAnalytics }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th>Programme</th>
            <th class="num">Active engagements</th>
            <th class="num">Participants</th>
            <th class="num">Held</th>
            <th class="num">Cancelled</th>
            <th class="num">Commitment met</th>
            <th class="num">Median gap</th>
            <th class="num">Pulse response</th>
          </tr>
        </thead>
        <tbody>
          {data.byProgramme.map((p) => {
            const rate = showFigure(p.pulseResponseRate, formatPercent);
            return (
              <tr key={p.programmeId} data-programme={p.programmeId}>
                <td>
                  {p.name}
                  <div class="muted small">{kindLabel[p.kind]}</div>
                </td>
                <td class="num">{p.activeEngagements}</td>
                <td class="num">{p.activeParticipants}</td>
                <td class="num">{p.sessionsHeld}</td>
                <td class="num">{p.sessionsCancelled}</td>
                <td class="num">{showFigure(p.commitmentMetRate, formatPercent).text}</td>
                <td class="num">{showFigure(p.medianDaysBetweenSessions, (v) => days(Math.round(v))).text}</td>
                <td class={`num${rate.suppressed ? ' suppressed-cell' : ''}`}>{rate.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
