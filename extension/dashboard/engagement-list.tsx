/**
 * The overview's engagement list: most in need first (lapsed, at risk, then the longest without a
 * session), a page at a time — the API sends a page with a cursor for the next, since a large
 * organisation has thousands of engagements. "Show more" appends the next page; a change of filters
 * starts again from the first page the overview loaded.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EngagementAnalytics, EngagementRow } from '../../shared';
import { membersLabel } from './alerts-table';
import type { Filters } from './analytics-paths';
import { formatNumber } from './figures';
import { healthLabel } from './health-chart';
import { useSession } from './session';

export function EngagementList({ first, filters }: { first: EngagementAnalytics; filters: Filters }) {
  const { api } = useSession();
  const [rows, setRows] = useState<EngagementRow[]>(first.engagements);
  const [cursor, setCursor] = useState<string | null>(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A new first page (new filters, or a reload) replaces whatever was shown.
  useEffect(() => {
    setRows(first.engagements);
    setCursor(first.nextCursor);
    setError(null);
    setLoading(false);
  }, [first]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const next = await api.engagement(filters, cursor);
      setRows((shown) => [...shown, ...next.engagements]);
      setCursor(next.nextCursor);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };

  if (rows.length === 0) return <p class="muted">No engagement in this period.</p>;
  return (
    <div data-dyad="overview-engagements" aria-busy={loading} data-shown={rows.length} data-count={first.engagementCount}>
      <p class="muted small">Most in need first: lapsed, then at risk, then the longest without a session.</p>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>Members</th>
              <th>Programme</th>
              <th>Status</th>
              <th>Health</th>
              <th class="num">Held / expected</th>
              <th class="num">Days since last</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.engagementId} data-dyad="engagement-row" data-engagement={e.engagementId}>
                <td>{membersLabel(e.members)}</td>
                <td>{e.programmeName}</td>
                <td>{e.status}</td>
                <td>{e.health ? <span class={`health-tag health-${e.health}`}>{healthLabel[e.health]}</span> : '—'}</td>
                <td class="num">
                  {e.sessionsHeld} / {formatNumber(e.expected)}
                </td>
                <td class="num">{e.daysSinceLastSession}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="list-more">
        <span class="muted small" data-dyad="engagements-shown">
          {rows.length} of {first.engagementCount} shown
        </span>{' '}
        {cursor && (
          <button type="button" data-dyad="engagements-more" disabled={loading} onClick={more}>
            {loading ? 'Loading…' : 'Show more'}
          </button>
        )}
      </p>
      {error && (
        <p class="error" role="alert">
          Could not load more: {error}
        </p>
      )}
    </div>
  );
}
