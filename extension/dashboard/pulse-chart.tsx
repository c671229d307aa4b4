/**
 * "Pulse over time": each question's monthly mean (1–5). A month whose mean rests on fewer than k
 * respondents is suppressed: the line breaks there and the month is drawn hatched, never as a dip
 * to zero (PRODUCT.md §5 rule 5).
 */
import type { PulseAnalytics } from '../../shared';
import { bands, scaleLinear } from './chart-scale';
import { monthLabel } from './period';
import { useWidth } from './use-width';

export type Question = 'value' | 'safety' | 'applied';
export const questions: { id: Question; label: string; colour: string }[] = [
  { id: 'value', label: 'Valuable', colour: '#0072b2' },
  { id: 'safety', label: 'Could speak candidly', colour: '#009e73' },
  { id: 'applied', label: 'Will act on it', colour: '#d55e00' },
];

export interface MonthPoint {
  month: string;
  /** Per question: the mean, or null (suppressed, or no answer). */
  means: Record<Question, number | null>;
  suppressed: Record<Question, boolean>;
}

/** Per month, each question's mean and whether it is suppressed. Pure, for tests. */
export function monthPoints(byMonth: PulseAnalytics['byMonth']): MonthPoint[] {
  return byMonth.map(({ month, questions: qs }) => {
    const means = { value: null, safety: null, applied: null } as Record<Question, number | null>;
    const suppressed = { value: false, safety: false, applied: false } as Record<Question, boolean>;
    for (const q of qs) {
      means[q.question] = q.suppressed ? null : q.mean;
      suppressed[q.question] = q.suppressed;
    }
    return { month, means, suppressed };
  });
}

/**
 * The line's path through the months that have a value; a gap (suppressed or no answer) lifts
 * the pen, so the line never bridges a hidden month.
 *
 * @example linePath([1, null, 3], (i) => i * 10, (v) => v) // 'M0,1 M20,3'
 */
export function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${d ? ' ' : ''}${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

const H = 240;
const M = { top: 14, right: 16, bottom: 28, left: 34 };

export function PulseChart({ data }: { data: PulseAnalytics }) {
  const [ref, W] = useWidth<HTMLElement>(640);
  const points = monthPoints(data.byMonth);
  const slots = bands(points.length, W - M.left - M.right, 0);
  const x = (i: number) => M.left + slots[i]!.centre;
  const y = scaleLinear([1, 5], [H - M.bottom, M.top]);

  return (
    <figure class="chart" data-dyad="chart-pulse" ref={ref}>
      <ul class="legend">
        {questions.map((q) => (
          <li key={q.id}>
            <i style={{ background: q.colour }} />
            {q.label}
          </li>
        ))}
      </ul>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Pulse means by month">
        {[1, 2, 3, 4, 5].map((t) => (
          <g key={t} class="grid">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" text-anchor="end">
              {t}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const slot = slots[i]!;
          const hidden = questions.filter((q) => p.suppressed[q.id]);
          return (
            <g key={p.month} data-month={p.month} data-suppressed={String(hidden.length > 0)}>
              {hidden.length > 0 && (
                <g>
                  <rect
                    x={M.left + slot.x + 4}
                    y={M.top}
                    width={slot.width - 8}
                    height={H - M.top - M.bottom}
                    fill="url(#dyad-hatch)"
                    opacity="0.7"
                  />
                  <text class="suppressed-label" x={M.left + slot.centre} y={M.top + 14} text-anchor="middle">
                    {hidden.length === questions.length ? 'suppressed' : `${hidden.length} suppressed`}
                  </text>
                </g>
              )}
              <text class="axis" x={M.left + slot.centre} y={H - M.bottom + 16} text-anchor="middle">
                {monthLabel(p.month, points.length > 6)}
              </text>
            </g>
          );
        })}
        {questions.map((q) => {
          const values = points.map((p) => p.means[q.id]);
          return (
            <g key={q.id} data-question={q.id}>
              <path d={linePath(values, x, y)} fill="none" stroke={q.colour} stroke-width="2.5" stroke-linejoin="round" />
              {values.map((v, i) =>
                v === null ? null : (
                  <circle key={i} cx={x(i)} cy={y(v)} r="3.5" fill={q.colour}>
                    <title>{`${monthLabel(points[i]!.month)} — ${q.label}: ${v.toFixed(2)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      {points.length === 0 && <figcaption class="muted">No month in this period.</figcaption>}
    </figure>
  );
}
