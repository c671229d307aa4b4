/** People: find someone, add someone, invite them to sign in, and (admins) set their role. */
import { useEffect, useState } from 'preact/hooks';
import type { Participant } from '../../shared';
import { LoadState, Section } from './form-bits';
import { InvitationPanel } from './invitation-panel';
import { ParticipantForm } from './participant-form';
import { PersonRole } from './person-role';
import { useSession } from './session';
import { useLoad } from './use-load';

export function People() {
  const { api } = useSession();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Participant | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(t);
  }, [query]);
  const people = useLoad(() => api.participants(search, 100), [search]);

  return (
    <div class="screen grid-1-1">
      <div class="column">
        <Section title={selected ? selected.displayName : 'Sign-in'} hook="person">
          {selected ? (
            <>
              <p class="muted small">{selected.email}</p>
              <PersonRole
                key={`role-${selected.id}`}
                person={selected}
                onChanged={(p) => {
                  setSelected(p);
                  people.reload();
                }}
              />
              <InvitationPanel key={selected.id} person={selected} />
            </>
          ) : (
            <p class="muted">Pick a person in the list to invite them to sign in, or to see their invitations.</p>
          )}
        </Section>
        <Section title="Add a person">
          <ParticipantForm
            onAdded={(p) => {
              setSelected(p);
              setQuery(p.email);
            }}
          />
        </Section>
      </div>
      <Section title={`People${people.value ? ` (${people.value.total})` : ''}`} hook="people-list">
        <input
          type="search"
          class="search"
          data-dyad="people-search"
          placeholder="Search by name or email"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <LoadState loading={people.loading} error={people.error} empty={!people.value} />
        {people.value && (
          <ul class="rows people">
            {people.value.participants.map((p) => (
              <li key={p.id} data-participant={p.id} class={selected?.id === p.id ? 'selected' : ''}>
                <div class="grow">
                  <strong>{p.displayName}</strong>
                  {p.role !== 'participant' && <span class="tag"> {p.role}</span>}
                  {p.status === 'inactive' && <span class="tag"> inactive</span>}
                  <div class="muted small">{[p.email, p.level, p.function, p.region].filter(Boolean).join(' · ')}</div>
                </div>
                <button type="button" data-dyad="person-open" onClick={() => setSelected(p)}>
                  Invite
                </button>
              </li>
            ))}
          </ul>
        )}
        {people.value && people.value.total > people.value.participants.length && (
          <p class="muted small">
            Showing {people.value.participants.length} of {people.value.total}: search to narrow.
          </p>
        )}
      </Section>
    </div>
  );
}
