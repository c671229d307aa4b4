/**
 * "Engagement health": how many active engagements are healthy, at risk (no session for over 1.5 ×
 * their expected interval) or lapsed (over 3 ×) — PRODUCT.md §4. Counts of engagements a
 * coordinator administers: never suppressed.
 */
import type { EngagementAnalytics, Health } from '../../shared';
import { scaleLinear, shares } from './chart-scale';
import { formatPercent } from './figures';
import { useWidth } from './use-width';

export const healthLabel: Record<Health, string> = { healthy: 'Healthy', at_risk: 'At risk', lapsed: 'Lapsed' };
const order: Health[] = ['healthy', 'at_risk', 'lapsed'];

const row = 40;
const labelW = 70;
const countW = 84;

export function HealthChart({ health }: { health: EngagementAnalytics['totals']['health'] }) {
  const [ref, W] = useWidth<HTMLElement>(320);
  const counts = order.map((h) => health[h]);
  const parts = shares(counts);
  const max = Math.max(1, ...counts);
  const x = scaleLinear([0, max], [0, W - labelW - countW]);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <figure class="chart" data-dyad="chart-health" ref={ref}>
      <svg
        width={W}
        height={row * 3 + 8}
        viewBox={`0 0 ${W} ${row * 3 + 8}`}
        role="img"
        aria-label={`Engagement health of ${total} active engagements`}
      >
        {order.map((h, i) => (
          <g key={h} transform={`translate(0 ${i * row + 6})`} data-health={h} data-count={health[h]}>
            <text class="axis" x="0" y={row / 2 - 4} dy="0.32em">
              {healthLabel[h]}
            </text>
            <rect class="track" x={labelW} y="4" width={W - labelW - countW} height={row - 16} rx="3" />
            <rect class={`health-${h}`} x={labelW} y="4" width={x(health[h])} height={row - 16} rx="3" />
            <text class="value" x={W - countW + 8} y={row / 2 - 4} dy="0.32em">
              {health[h]} <tspan class="muted">({formatPercent(parts[i]!)})</tspan>
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="muted">
        Of {total} active engagement{total === 1 ? '' : 's'} that have started. At risk: no session for over 1.5 × the expected interval;
        lapsed: over 3 ×.
      </figcaption>
    </figure>
  );
}
