/**
 * Pulse: how sessions feel to the people in them — each question's mean over time, overall and by
 * programme kind, with the change against the previous period of equal length. Never one person's
 * answer: every figure counts only programme-months where at least k people answered (PRODUCT.md §5);
 * a figure that leaves some answers out for that reason is marked †.
 */
import type { PulseAnalytics, QuestionStats } from '../../shared';
import type { Filters } from './analytics-paths';
import { CsvLink } from './csv-link';
import { pulseSuppressionNote, showFigure } from './figures';
import { LoadState, Section } from './form-bits';
import { periodLabel } from './period';
import { kindLabel } from './labels';
import { PulseChart, questions } from './pulse-chart';
import { useSession } from './session';
import { DisclosureNote } from './disclosure-note';
import { SuppressionNote } from './suppression-note';
import { useLoad } from './use-load';

const mean = (v: number) => v.toFixed(2);
const change = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(2)}`;

export function Pulse({ filters }: { filters: Filters }) {
  const { api } = useSession();
  const result = useLoad(() => api.pulse(filters), [filters]);
  const data = result.value;
  const slices = data ? [data.overall, ...data.byKind, ...data.byMonth] : [];
  const anySuppressed = slices.some((slice) => slice.questions.some((q) => q.suppressed));
  const anyPartial = slices.some((slice) => slice.questions.some((q) => q.partial));

  return (
    <div class="screen pulse">
      <LoadState loading={result.loading} error={result.error} empty={!data} />
      {data && (
        <>
          <Section title="Pulse means by month" actions={<CsvLink hook="csv-pulse" endpoint="pulse" filters={filters} />}>
            <p class="period-line muted">
              {periodLabel(data.period)} · each question 1–5 · compared with {periodLabel(data.previousPeriod)}
            </p>
            <DisclosureNote disclosure={data.disclosure} unit="month" />
            <PulseChart data={data} />
            <SuppressionNote k={data.minGroupSize} show={anySuppressed} text={pulseSuppressionNote(data.minGroupSize)} />
          </Section>
          <Section title="Overall" hook="table-pulse">
            <QuestionTable data={data} />
            {anyPartial && (
              <p class="note" data-dyad="partial-note">
                † Leaves out the answers of programme-months where fewer than {data.minGroupSize} people, or people of fewer than{' '}
                {data.minGroupSize} pairings, answered the question, so that no figure here, compared with any other, can single anyone or
                any pairing out.
              </p>
            )}
          </Section>
        </>
      )}
    </div>
  );
}

function QuestionTable({ data }: { data: PulseAnalytics }) {
  const cell = (q: QuestionStats | undefined) => {
    const shown = q ? showFigure(q.suppressed ? { value: null, suppressed: true } : q.mean, mean) : { text: '—', suppressed: false };
    const partial = !!q?.partial && q.mean !== null;
    return (
      <td class={`num${shown.suppressed ? ' suppressed-cell' : ''}`} data-partial={partial ? 'true' : undefined}>
        {shown.text}
        {partial ? ' †' : ''}
      </td>
    );
  };
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th>Question</th>
            <th class="num">Mean</th>
            <th class="num">Change</th>
            <th class="num">Answers</th>
            <th>Scores 1–5</th>
            {data.byKind.map((k) => (
              <th key={k.kind} class="num" title="Mean, by programme kind">
                {kindLabel[k.kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {questions.map(({ id, label }) => {
            const q = data.overall.questions.find((x) => x.question === id);
            const n = (v: number | null | undefined) => (q?.suppressed ? 'suppressed' : (v ?? '—'));
            return (
              <tr key={id} data-question={id}>
                <td>{label}</td>
                {cell(q)}
                <td class="num">{q && !q.suppressed && q.change !== null ? change(q.change) : '—'}</td>
                <td class={`num${q?.suppressed ? ' suppressed-cell' : ''}`}>{n(q?.responses)}</td>
                <td>
                  {q?.distribution ? (
                    <Distribution counts={q.distribution} />
                  ) : q?.suppressed ? (
                    <span class="suppressed-cell">suppressed</span>
                  ) : (
                    '—'
                  )}
                </td>
                {data.byKind.map((k) => cell(k.questions.find((x) => x.question === id)))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Answers scoring 1 to 5 as a small 100 % bar. */
function Distribution({ counts }: { counts: readonly number[] }) {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return (
    <span class="distribution" title={counts.map((c, i) => `${i + 1}: ${c}`).join(', ')}>
      {counts.map((c, i) => (
        <i key={i} class={`score-${i + 1}`} style={{ width: `${(c / total) * 100}%` }} />
      ))}
    </span>
  );
}
