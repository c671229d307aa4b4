import { useRef, useState } from 'preact/hooks';
import { spanProblem, spanProblemText } from '../../shared/rules/session-span';
import type { LocalSession } from '../lib/messages';
import { send } from '../lib/send';
import { describeSpan, fromFields, toFields, type SpanFields } from '../lib/local-span';
import { useUserInput } from './user-input';

export interface Span {
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * The date and time a session is saved with, always on show, and — when `editing` — a day and two
 * clock times the leader can correct (a meeting that overran, a time the calendar showed wrong).
 */
export function SessionTime({
  span,
  editing,
  onEdit,
  onChange,
}: {
  span: Span;
  editing: boolean;
  /** Opens the fields; absent when they cannot be closed (the time must be checked). */
  onEdit?: () => void;
  onChange(span: Span): void;
}) {
  const fromUser = useUserInput();
  // The fields keep what the leader typed, even while incomplete (a day without times yet).
  const [fields, setFields] = useState(() => toFields(span.startsAt, span.endsAt));
  // The latest fields, also for a second change that lands before the next render.
  const latest = useRef(fields);
  const set = (key: keyof SpanFields) =>
    fromUser((e: Event) => {
      latest.current = { ...latest.current, [key]: (e.currentTarget as HTMLInputElement).value };
      setFields(latest.current);
      onChange(fromFields(latest.current));
    });

  return (
    <div class="when">
      <div class="row">
        <span data-dyad="span">{describeSpan(span.startsAt, span.endsAt)}</span>
        {!editing && onEdit && (
          <button type="button" class="link" data-dyad-action="edit-time" onClick={fromUser(onEdit)}>
            Change
          </button>
        )}
      </div>
      {editing && (
        <div class="row">
          <label class="field">
            Day
            <input type="date" data-dyad-action="span-date" value={fields.date} onChange={set('date')} />
          </label>
          <label class="field">
            Start
            <input type="time" data-dyad-action="span-start" value={fields.start} onChange={set('start')} />
          </label>
          <label class="field">
            End
            <input type="time" data-dyad-action="span-end" value={fields.end} onChange={set('end')} />
          </label>
        </div>
      )}
    </div>
  );
}

/** A tagged session's time, with "Change" to correct it; saved locally first and queued, like every write. */
export function SavedTime({ session, onChange }: { session: LocalSession; onChange(session: LocalSession): void }) {
  const [editing, setEditing] = useState(false);
  const [span, setSpan] = useState<Span>({ startsAt: session.startsAt, endsAt: session.endsAt });
  const [error, setError] = useState<string | null>(null);
  const fromUser = useUserInput();
  const problem = spanProblem(span.startsAt, span.endsAt);

  const save = () => {
    if (!span.startsAt || !span.endsAt) return;
    setError(null);
    send('session.setTime', { sessionId: session.id, startsAt: span.startsAt, endsAt: span.endsAt })
      .then((saved) => {
        setEditing(false);
        onChange(saved);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Could not save.'));
  };

  return (
    <>
      <SessionTime
        key={String(editing)} // the fields start from the saved time each time they open
        span={editing ? span : session}
        editing={editing}
        onEdit={() => {
          setSpan({ startsAt: session.startsAt, endsAt: session.endsAt });
          setEditing(true);
        }}
        onChange={setSpan}
      />
      {editing && (
        <div class="row">
          <button type="button" data-dyad-action="save-time" disabled={problem !== null && problem !== 'too_long'} onClick={fromUser(save)}>
            Save time
          </button>
          <button
            type="button"
            class="link"
            data-dyad-action="cancel-time"
            onClick={fromUser(() => {
              setEditing(false);
              setSpan({ startsAt: session.startsAt, endsAt: session.endsAt });
            })}
          >
            Cancel
          </button>
          {problem && <span class="muted">{spanProblemText[problem]}</span>}
        </div>
      )}
      {error && <p class="error">{error}</p>}
    </>
  );
}
