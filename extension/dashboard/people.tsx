/** People: find someone, add someone, and issue or revoke their tokens. */
import { useEffect, useState } from 'preact/hooks';
import type { Participant } from '../../shared';
import { LoadState, Section } from './form-bits';
import { ParticipantForm } from './participant-form';
import { useSession } from './session';
import { TokenPanel } from './token-panel';
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
        <Section title={selected ? `Tokens for ${selected.displayName}` : 'Tokens'} hook="tokens">
          {selected ? (
            <>
              <p class="muted small">{selected.email}</p>
              <TokenPanel key={selected.id} person={selected} />
            </>
          ) : (
            <p class="muted">Pick a person in the list to issue a token (with an invitation to sign in) or revoke one.</p>
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
                  {p.status === 'inactive' && <span class="tag"> inactive</span>}
                  <div class="muted small">{[p.email, p.level, p.function, p.region].filter(Boolean).join(' · ')}</div>
                </div>
                <button type="button" data-dyad="person-tokens" onClick={() => setSelected(p)}>
                  Tokens
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
