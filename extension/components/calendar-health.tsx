import { shortDay } from '../../shared/rules';
import type { HostHealth } from '../lib/selector-health-lines';

/**
 * "Calendar health" on the options page: for each calendar this browser has read, when each
 * selector last matched, and a warning for each that has only missed since some day — the sign
 * that the calendar changed its page and Dyad no longer reads it.
 */
export function CalendarHealth({ hosts }: { hosts: HostHealth[] | null }) {
  return (
    <section class="stack" data-dyad="calendar-health">
      <h2>Calendar health</h2>
      {!hosts ? (
        <p class="muted">Loading…</p>
      ) : hosts.length === 0 ? (
        <p class="muted" data-dyad="health-empty">
          Nothing read yet: open Google Calendar or Outlook on the web.
        </p>
      ) : (
        hosts.map((host) => (
          <div key={host.host} data-dyad="health-host" data-host={host.host}>
            <h3>{host.label}</h3>
            {host.warnings.map((warning) => (
              <p key={warning} class="warning" data-dyad="health-warning">
                {warning}
              </p>
            ))}
            <ul>
              {host.selectors.map((s) => (
                <li key={s.name} data-dyad="health-selector" data-selector={s.name}>
                  {s.label}: {s.lastMatched ? `last matched ${shortDay(s.lastMatched)}` : 'never matched'}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
