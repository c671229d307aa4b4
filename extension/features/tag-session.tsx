import { useState } from 'preact/hooks';
import type { Cycle, Engagement } from '../../shared';
import { spanProblem, spanProblemText } from '../../shared/rules/session-span';
import type { CalendarEvent } from '../hosts/host';
import type { LocalSession } from '../lib/messages';
import { send } from '../lib/send';
import { cycles, engagementLabel, preselectEngagement, taggable, type Self } from './engagement-choice';
import { SessionTime, type Span } from './session-time';
import { useUserInput } from './user-input';

interface Props {
  event: CalendarEvent;
  engagements: readonly Engagement[];
  lastUsed: string | null;
  self: Self;
  onTagged(session: LocalSession): void;
}

/**
 * Why the time read from the calendar must be checked by the leader before it is saved, or null:
 * its sources disagreed, or it is missing, of no length, backwards or implausibly long.
 */
export function timeToCheck(event: Pick<CalendarEvent, 'startsAt' | 'endsAt' | 'timeCheck'>): string | null {
  if (event.timeCheck === 'conflict') return 'The calendar shows two different times for this meeting: check it before tagging';
  const problem = spanProblem(event.startsAt, event.endsAt);
  return problem ? `${spanProblemText[problem]}: check it before tagging` : null;
}

/**
 * "Tag as mentorship session": the date and time it will be saved with, an engagement picker
 * pre-selected from the event's guests (else the last used), an optional business-cycle tag, and
 * the Tag button — one click when the guess is right, two when it is not. A time the calendar did
 * not give plainly (`timeToCheck`) is never saved silently: the fields are open and the button
 * says it confirms the time.
 */
export function TagSession({ event, engagements, lastUsed, self, onTagged }: Props) {
  const options = taggable(engagements);
  const [engagementId, setEngagementId] = useState(() => preselectEngagement(engagements, event.guests, lastUsed, self) ?? '');
  const [cycle, setCycle] = useState<Cycle | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = timeToCheck(event);
  const [span, setSpan] = useState<Span>({ startsAt: event.startsAt, endsAt: event.endsAt });
  const [editing, setEditing] = useState(check !== null);
  const fromUser = useUserInput();

  if (options.length === 0) {
    return <p class="muted">You have no active engagement to tag this event to yet. Your programme coordinator sets them up.</p>;
  }
  const { startsAt, endsAt } = span;
  // What the API refuses cannot be confirmed; a long one can, once the leader has seen it.
  const problem = spanProblem(startsAt, endsAt);
  const blocked = problem !== null && problem !== 'too_long';

  const tag = async () => {
    if (!engagementId || !startsAt || !endsAt || blocked) return;
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
      {check && (
        <p class="warn" data-dyad="time-check" role="status">
          {check}
        </p>
      )}
      <SessionTime span={span} editing={editing} onEdit={() => setEditing(true)} onChange={setSpan} />
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
        disabled={!engagementId || !startsAt || !endsAt || blocked || busy}
        onClick={fromUser(tag)}
      >
        {busy ? 'Tagging…' : check ? 'Confirm time and tag' : 'Tag session'}
      </button>
      {blocked && editing && (
        <p class="muted" data-dyad="time-needed">
          {problem === 'missing' ? 'Enter the day, start and end.' : 'Set an end after the start.'}
        </p>
      )}
      {error && <p class="error">{error}</p>}
    </>
  );
}
