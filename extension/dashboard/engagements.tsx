/** Engagements: create one, and see who is paired with whom in each programme. */
import { useState } from 'preact/hooks';
import { EngagementForm } from './engagement-form';
import { LoadState, Section } from './form-bits';
import { dayLabel, periodLabel } from './period';
import { useSession } from './session';
import { useLoad } from './use-load';

export function Engagements() {
  const { api, programmes } = useSession();
  const list = useLoad(() => api.engagements(), []);
  const [programmeId, setProgrammeId] = useState('');
  const name = (id: string) => programmes.find((p) => p.id === id)?.name ?? 'Unknown programme';
  const shown = (list.value?.engagements ?? [])
    .filter((e) => !programmeId || e.programmeId === programmeId)
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn));

  return (
    <div class="screen grid-1-1">
      <Section title="New engagement">
        <EngagementForm onCreated={() => list.reload()} />
      </Section>
      <Section title={`Engagements (${shown.length})`} hook="engagement-list">
        <select class="search" aria-label="Programme" value={programmeId} onChange={(e) => setProgrammeId(e.currentTarget.value)}>
          <option value="">All programmes</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <LoadState loading={list.loading} error={list.error} empty={!list.value} />
        <ul class="rows scroll">
          {shown.map((e) => (
            <li key={e.id} data-engagement={e.id}>
              <div class="grow">
                <strong>{e.members.map((m) => m.displayName).join(' · ')}</strong>
                <div class="muted small">
                  {name(e.programmeId)} · {e.members.map((m) => m.role).join(', ')} ·{' '}
                  <span class="nowrap">{e.endsOn ? periodLabel({ from: e.startsOn, to: e.endsOn }) : `since ${dayLabel(e.startsOn)}`}</span>
                </div>
              </div>
              <span class={`tag status-${e.status}`}>{e.status}</span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
