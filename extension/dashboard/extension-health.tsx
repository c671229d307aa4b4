/**
 * Extension health: for each calendar and selector, what members' extensions found over the last
 * 14 days, the last day anything matched, and a warning when misses have outnumbered hits on every
 * day since some day — a calendar redesign that stops capture, seen the day it ships. Counts about
 * software, not people: nothing here is per person, so no suppression applies.
 */
import type { SelectorHealth } from '../../shared';
import { hostLabel, labelOfSelector, shortDay } from '../../shared/rules/selector-health';
import { LoadState, Section } from './form-bits';
import { useSession } from './session';
import { useLoad } from './use-load';

/** e.g. "Outlook · event time: not found since 3 Dec (v0.1.0)". */
export function healthWarning(s: SelectorHealth): string | null {
  if (!s.notFoundSince) return null;
  const versions = s.failingVersions.length ? ` (${s.failingVersions.map((v) => `v${v}`).join(', ')})` : '';
  return `${hostLabel[s.host]} · ${labelOfSelector(s.selector)}: not found since ${shortDay(s.notFoundSince)}${versions}`;
}

export function ExtensionHealth() {
  const { api, me } = useSession();
  const health = useLoad(() => api.extensionHealth(), []);
  const selectors = health.value?.selectors ?? [];
  const warnings = selectors.map(healthWarning).filter((w): w is string => w !== null);

  return (
    <div class="screen">
      <Section title="Extension health" hook="extension-health">
        <LoadState loading={health.loading} error={health.error} empty={!health.value} />
        {health.value && (
          <>
            <p class="muted">
              {shortDay(health.value.from)} – {shortDay(health.value.to)}, from the anonymous daily reports of members' extensions.
            </p>
            {warnings.map((w) => (
              <p key={w} class="warning" role="alert" data-dyad="extension-health-warning">
                {w}
              </p>
            ))}
            {selectors.length === 0 ? (
              <p class="muted" data-dyad="extension-health-empty">
                {me.org.extensionHealthReports
                  ? 'No reports yet: extensions send one a day.'
                  : 'No reports: an admin can turn on extension health reports in Settings.'}
              </p>
            ) : (
              <div class="table-wrap">
                <table class="table" data-dyad="extension-health-table">
                  <thead>
                    <tr>
                      <th>Calendar</th>
                      <th>Selector</th>
                      <th class="num">Hits</th>
                      <th class="num">Misses</th>
                      <th>Last day with hits</th>
                    </tr>
                  </thead>
                  <tbody>
                    {selectors.map((s) => (
                      <tr key={`${s.host}.${s.selector}`} data-selector={s.selector} class={s.notFoundSince ? 'warning' : ''}>
                        <td>{hostLabel[s.host]}</td>
                        <td>{labelOfSelector(s.selector)}</td>
                        <td class="num">{s.hits}</td>
                        <td class="num">{s.misses}</td>
                        <td>{s.lastHitDay ? shortDay(s.lastHitDay) : 'none'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Section>
    </div>
  );
}
