/**
 * "Sessions per month, by programme": stacked bars of held sessions. Session counts are programme
 * activity a coordinator administers, never suppressed (PRODUCT.md §5 rule 2).
 */
import type { EngagementAnalytics, Programme } from '../../shared';
import { bands, colourOf, niceTicks, scaleLinear, stack } from './chart-scale';
import { monthLabel } from './period';
import { useWidth } from './use-width';

const H = 240;
const M = { top: 16, right: 12, bottom: 28, left: 36 };

export interface MonthStack {
  month: string;
  total: number;
  segments: { programmeId: string; name: string; colour: string; held: number; start: number; end: number }[];
}

/**
 * The bars: one per month, a segment per programme (in the programmes' order, so colours match the
 * legend everywhere). Pure, for tests.
 */
export function monthStacks(byMonth: EngagementAnalytics['byMonth'], programmes: readonly Pick<Programme, 'id' | 'name'>[]): MonthStack[] {
  return byMonth.map(({ month, byProgramme }) => {
    const held = programmes.map((p) => byProgramme.find((b) => b.programmeId === p.id)?.sessionsHeld ?? 0);
    const spans = stack(held);
    return {
      month,
      total: held.reduce((a, b) => a + b, 0),
      segments: programmes
        .map((p, i) => ({ programmeId: p.id, name: p.name, colour: colourOf(i), held: held[i]!, ...spans[i]! }))
        .filter((s) => s.held > 0),
    };
  });
}

/** Bars no wider than `max` px, centred in their band: three months across a wide card stay bars, not slabs. */
function shrink(b: { x: number; width: number; centre: number }, max: number) {
  return b.width <= max ? b : { ...b, x: b.centre - max / 2, width: max };
}

export function SessionsChart({ data, programmes }: { data: EngagementAnalytics; programmes: readonly Programme[] }) {
  const [ref, W] = useWidth<HTMLElement>(640);
  // Programmes shown: the filtered one, or all that exist (in the org's order, for stable colours).
  const shown = programmes
    .map((p, i) => ({ ...p, colour: colourOf(i) }))
    .filter((p) => (data.programmeId ? p.id === data.programmeId : true));
  const stacks = monthStacks(data.byMonth, programmes);
  const ticks = niceTicks(Math.max(0, ...stacks.map((s) => s.total)), 4);
  const top = ticks[ticks.length - 1]!;
  const y = scaleLinear([0, top], [H - M.bottom, M.top]);
  const slots = bands(stacks.length, W - M.left - M.right, stacks.length > 6 ? 0.3 : 0.45).map((b) => shrink(b, 90));
  const total = stacks.reduce((a, s) => a + s.total, 0);

  return (
    <figure class="chart" data-dyad="chart-sessions" ref={ref}>
      <ul class="legend">
        {shown.map((p) => (
          <li key={p.id}>
            <i style={{ background: p.colour }} />
            {p.name}
          </li>
        ))}
      </ul>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Sessions held per month: ${total} in the period`}>
        {ticks.map((t) => (
          <g key={t} class="grid">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" text-anchor="end">
              {t}
            </text>
          </g>
        ))}
        {stacks.map((s, i) => {
          const slot = slots[i]!;
          const x = M.left + slot.x;
          return (
            <g key={s.month} data-month={s.month} data-total={s.total}>
              {s.segments.map((seg) => (
                <rect
                  key={seg.programmeId}
                  x={x}
                  width={slot.width}
                  y={y(seg.end)}
                  height={Math.max(0, y(seg.start) - y(seg.end))}
                  fill={seg.colour}
                >
                  <title>{`${monthLabel(s.month)} — ${seg.name}: ${seg.held} held`}</title>
                </rect>
              ))}
              <text class="value" x={M.left + slot.centre} y={y(s.total) - 4} text-anchor="middle">
                {s.total}
              </text>
              <text class="axis" x={M.left + slot.centre} y={H - M.bottom + 16} text-anchor="middle">
                {monthLabel(s.month, stacks.length > 6)}
              </text>
            </g>
          );
        })}
        <line class="baseline" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      </svg>
      {stacks.length === 0 && <figcaption class="muted">No month in this period.</figcaption>}
    </figure>
  );
}
