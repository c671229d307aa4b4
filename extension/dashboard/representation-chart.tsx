/**
 * "Who takes part, against who could": for a dimension and role, each group's share of participants
 * beside its share of the eligible population, and its impact ratio against the four-fifths line
 * (29 CFR 1607.4(D)); groups under the line are highlighted. Suppressed groups are drawn hatched,
 * never as zero; population shares come from the baseline and are always shown (PRODUCT.md §4, §5).
 */
import type { Representation } from '../../shared';
import { scaleLinear } from './chart-scale';
import { formatPercent } from './figures';
import { useWidth } from './use-width';

/** The four-fifths rule: an impact ratio under 0.8 is evidence of adverse impact. */
export const FOUR_FIFTHS = 0.8;

export interface GroupRow {
  group: string;
  suppressed: boolean;
  share: number | null;
  populationShare: number | null;
  impactRatio: number | null;
  adverse: boolean;
  /** No baseline for this group (e.g. `undisclosed`): no population figures to compare with. */
  noBaseline: boolean;
}

/** The chart's rows, in the API's order. Pure, for tests. */
export function groupRows(data: Pick<Representation, 'groups'>): GroupRow[] {
  return data.groups.map((g) => ({
    group: g.group,
    suppressed: g.suppressed,
    share: g.suppressed ? null : g.share,
    populationShare: g.populationShare,
    impactRatio: g.suppressed ? null : g.impactRatio,
    adverse: !g.suppressed && g.adverseImpact === true,
    noBaseline: g.population === null,
  }));
}

/** A group or dimension key for people: "non_binary" → "Non binary", "30_39" → "30–39". */
export const groupLabel = (g: string) => (g.charAt(0).toUpperCase() + g.slice(1)).replace(/^(\d+)_(\d+)$/, '$1–$2').replace(/_/g, ' ');

const ROW = 50;
const HEAD = 30;
const gap = 48;
/** About the width of a character of the chart's 12 px labels. */
const charW = 7;
const maxLabelChars = 30;

/** A group's label, cut to fit the label column (the full name is in the row's tooltip). */
export function fitLabel(label: string, chars = maxLabelChars): string {
  return label.length <= chars ? label : `${label.slice(0, chars - 1).trimEnd()}…`;
}

/** Where the two panels sit in a chart `W` px wide, after a label column fitting the longest label. */
export function panels(W: number, longestLabel = 14) {
  const labelW = Math.min(maxLabelChars, Math.max(12, longestLabel)) * charW + 16;
  const shareX = labelW;
  const room = Math.max(300, W - labelW - gap - 50);
  const shareW = Math.round(room * 0.56);
  const ratioX = shareX + shareW + gap;
  return { shareX, shareW, ratioX, ratioW: room - shareW };
}

export function RepresentationChart({ data }: { data: Representation }) {
  const [ref, W] = useWidth<HTMLElement>(760);
  const rows = groupRows(data);
  const { shareX, shareW, ratioX, ratioW } = panels(W, Math.max(0, ...rows.map((r) => groupLabel(r.group).length)));
  const maxShare = Math.max(0.1, ...rows.flatMap((r) => [r.share ?? 0, r.populationShare ?? 0]));
  const sx = scaleLinear([0, Math.min(1, Math.ceil(maxShare * 10) / 10)], [0, shareW - 50]);
  const rx = scaleLinear([0, 1], [0, ratioW]);
  const H = HEAD + rows.length * ROW + 6;
  const lineX = ratioX + rx(FOUR_FIFTHS);

  return (
    <figure class="chart" data-dyad="chart-representation" ref={ref}>
      <ul class="legend">
        <li>
          <i class="share" /> Share of participants
        </li>
        <li>
          <i class="population" /> Share of eligible population
        </li>
        <li>
          <i class="adverse" /> Impact ratio under four-fifths (adverse impact)
        </li>
      </ul>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Representation by ${data.dimension}`}>
        <text class="axis head" x={shareX} y="14">
          Share (participants vs population)
        </text>
        <text class="axis head" x={ratioX} y="14">
          Impact ratio
        </text>
        {rows.map((r, i) => {
          const top = HEAD + i * ROW;
          return (
            <g
              key={r.group}
              data-group={r.group}
              data-suppressed={String(r.suppressed)}
              data-adverse={String(r.adverse)}
              class={r.adverse ? 'adverse-row' : ''}
            >
              {r.adverse && <rect class="highlight" x="0" y={top} width={W} height={ROW - 4} rx="4" />}
              <text class="axis group" x="8" y={top + ROW / 2 - 2} dy="0.32em">
                <title>{groupLabel(r.group)}</title>
                {fitLabel(groupLabel(r.group))}
              </text>
              {r.suppressed ? (
                <g>
                  <rect x={shareX} y={top + 8} width={shareW - 50} height="16" fill="url(#dyad-hatch)" />
                  <text class="suppressed-label" x={shareX + 8} y={top + 16} dy="0.32em">
                    suppressed
                  </text>
                </g>
              ) : (
                <g>
                  <rect class="bar-share" x={shareX} y={top + 8} width={sx(r.share ?? 0)} height="16" rx="2" />
                  <text class="value" x={shareX + sx(r.share ?? 0) + 5} y={top + 16} dy="0.32em">
                    {formatPercent(r.share ?? 0)}
                  </text>
                </g>
              )}
              {r.noBaseline ? (
                <text class="muted-text" x={shareX} y={top + 34} dy="0.32em">
                  no population baseline
                </text>
              ) : (
                <g>
                  <rect class="bar-population" x={shareX} y={top + 29} width={sx(r.populationShare ?? 0)} height="9" rx="2" />
                  <text class="value muted-text" x={shareX + sx(r.populationShare ?? 0) + 5} y={top + 34} dy="0.32em">
                    {formatPercent(r.populationShare ?? 0)}
                  </text>
                </g>
              )}
              {r.suppressed ? (
                <rect x={ratioX} y={top + 12} width={ratioW} height="18" fill="url(#dyad-hatch)" />
              ) : r.impactRatio === null ? (
                <text class="muted-text" x={ratioX} y={top + 21} dy="0.32em">
                  {r.noBaseline ? 'n/a' : '—'}
                </text>
              ) : (
                <g>
                  <rect
                    class={r.adverse ? 'bar-adverse' : 'bar-ratio'}
                    x={ratioX}
                    y={top + 12}
                    width={rx(r.impactRatio)}
                    height="18"
                    rx="2"
                  />
                  <text class={`value${r.adverse ? ' adverse-text' : ''}`} x={ratioX + rx(r.impactRatio) + 5} y={top + 21} dy="0.32em">
                    {r.impactRatio.toFixed(2)}
                  </text>
                </g>
              )}
            </g>
          );
        })}
        {/* Drawn last, over the rows' highlights. */}
        <line class="four-fifths" x1={lineX} x2={lineX} y1={HEAD - 8} y2={H - 2} />
        <text class="axis four-fifths-label" x={lineX} y={HEAD - 12} text-anchor="middle">
          0.8
        </text>
      </svg>
    </figure>
  );
}
