/**
 * "Needs attention": engagements with reasons to act (PRODUCT.md §4, alerts), most urgent first.
 * A check-in request never says who asked.
 */
import type { Alert, AlertReason } from '../../shared';
import { days } from './figures';
import { healthLabel } from './health-chart';

export const reasonLabel: Record<AlertReason, string> = {
  lapsed: 'Lapsed',
  at_risk: 'At risk',
  behind_commitment: 'Behind commitment',
  check_in_requested: 'Check-in requested',
  repeated_cancellations: 'Repeated cancellations',
  debrief_missing: 'Debrief missing',
};

/** "Ada Lovelace (mentor) & Grace Hopper (mentee)". */
export const membersLabel = (members: Alert['members']) => members.map((m) => `${m.displayName} (${m.role})`).join(' · ');

export function AlertsTable({ alerts }: { alerts: readonly Alert[] }) {
  if (alerts.length === 0)
    return (
      <p class="muted" data-dyad="alerts-empty">
        No engagement needs attention today.
      </p>
    );
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th>Engagement</th>
            <th>Reasons</th>
            <th class="num">Days since last session</th>
            <th class="num" title="Sessions held this quarter, against what the commitment expects by today">
              Held / expected
            </th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.engagementId} data-dyad="alert-row" data-engagement={a.engagementId}>
              <td>
                <div class="who">{membersLabel(a.members)}</div>
                <div class="muted">{a.programmeName}</div>
              </td>
              <td>
                <ul class="reasons">
                  {a.reasons.map((r) => (
                    <li key={r} class={`reason reason-${r}`} data-reason={r}>
                      {reasonLabel[r]}
                    </li>
                  ))}
                </ul>
              </td>
              <td class="num" data-dyad="alert-days" title={`Health: ${healthLabel[a.health]}`}>
                {days(a.daysSinceLastSession)}
              </td>
              <td class="num">
                {a.heldThisQuarter} <span class="muted">/ {a.expectedByNow}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
