import { useState } from 'preact/hooks';
import type { Cycle, Engagement } from '../../shared';
import type { CalendarEvent } from '../hosts/host';
import type { LocalSession } from '../lib/messages';
import { send } from '../lib/send';
import { cycles, engagementLabel, preselectEngagement, taggable, type Self } from './engagement-choice';
import { useUserInput } from './user-input';

interface Props {
  event: CalendarEvent;
  engagements: readonly Engagement[];
  lastUsed: string | null;
  self: Self;
  onTagged(session: LocalSession): void;
}

/**
 * "Tag as mentorship session": an engagement picker pre-selected from the event's guests (else
 * the last used), an optional business-cycle tag, and the Tag button — one click when the guess is
 * right, two when it is not.
 */
export function TagSession({ event, engagements, lastUsed, self, onTagged }: Props) {
  const options = taggable(engagements);
  const [engagementId, setEngagementId] = useState(() => preselectEngagement(engagements, event.guests, lastUsed, self) ?? '');
  const [cycle, setCycle] = useState<Cycle | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fromUser = useUserInput();

  if (options.length === 0) {
    return <p class="muted">You have no active engagement to tag this event to yet. Your programme coordinator sets them up.</p>;
  }
  const { startsAt, endsAt } = event;

  const tag = async () => {
    if (!engagementId || !startsAt || !endsAt) return;
    setBusy(true);
    setError(null);
    try {
      const session = await send('session.tag', {
        provider: event.provider,
        eventId: event.eventId,
        title: event.title,
        startsAt,
        endsAt,
        engagementId,
        cycle: cycle || null,
      });
      onTagged(session);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not tag this event.');
      setBusy(false);
    }
  };

  return (
    <>
      <p class="title">Tag as mentorship session</p>
      <div class="row">
        <label class="field">
          Engagement
          <select data-dyad-action="engagement" value={engagementId} onChange={fromUser((e) => setEngagementId(e.currentTarget.value))}>
            {!engagementId && (
              <option value="" disabled>
                Choose…
              </option>
            )}
            {options.map((engagement) => (
              <option key={engagement.id} value={engagement.id}>
                {engagementLabel(engagement, self)}
                {engagement.status === 'paused' ? ' (paused)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          Business cycle (optional)
          <select data-dyad-action="cycle" value={cycle} onChange={fromUser((e) => setCycle(e.currentTarget.value as Cycle | ''))}>
            <option value="">None</option>
            {cycles.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button
        type="button"
        class="primary"
        data-dyad-action="tag"
        disabled={!engagementId || !startsAt || !endsAt || busy}
        onClick={fromUser(tag)}
      >
        {busy ? 'Tagging…' : 'Tag session'}
      </button>
      {(!startsAt || !endsAt) && (
        <p class="muted">Dyad cannot read this event's time here; open it in the calendar's full view to tag it.</p>
      )}
      {error && <p class="error">{error}</p>}
    </>
  );
}
