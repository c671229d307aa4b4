/** Programmes: the list, and the form to create one or edit the one picked. */
import { useState } from 'preact/hooks';
import type { Programme } from '../../shared';
import { Section } from './form-bits';
import { kindLabel } from './labels';
import { ProgrammeForm } from './programme-form';
import { useSession } from './session';

export function Programmes() {
  const { programmes, reloadProgrammes } = useSession();
  const [editing, setEditing] = useState<Programme | null>(null);
  return (
    <div class="screen grid-1-1">
      <Section title={editing ? `Edit “${editing.name}”` : 'New programme'}>
        <ProgrammeForm
          key={editing?.id ?? 'new'}
          programme={editing}
          onSaved={() => reloadProgrammes()}
          onCancel={editing ? () => setEditing(null) : undefined}
        />
      </Section>
      <Section title={`Programmes (${programmes.length})`} hook="programme-list">
        {programmes.length === 0 ? (
          <p class="muted">No programme yet: create the first one.</p>
        ) : (
          <ul class="rows">
            {programmes.map((p) => (
              <li key={p.id} data-programme={p.id} class={editing?.id === p.id ? 'selected' : ''}>
                <div class="grow">
                  <strong>{p.name}</strong>
                  {p.status === 'archived' && <span class="tag"> archived</span>}
                  <div class="muted small">
                    {kindLabel[p.kind]} · {p.minSessionsPerQuarter} session{p.minSessionsPerQuarter === 1 ? '' : 's'} a quarter
                  </div>
                  {p.charter && <div class="charter small">{p.charter}</div>}
                </div>
                <button type="button" data-dyad="programme-edit" onClick={() => setEditing(p)}>
                  Edit
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
