import { useRef, useState } from 'preact/hooks';
import { pulseIsDue, pulseQuestions, scaleOf, type PulseQuestion } from '../../shared/rules/pulse';
import type { LocalSession } from '../lib/messages';
import { send } from '../lib/send';
import { useUserInput } from './user-input';

const [valueQuestion, safetyQuestion, appliedQuestion] = pulseQuestions;

type Answer = NonNullable<LocalSession['pulse']>;

function Scale({
  name,
  question,
  value,
  onPick,
  legend,
}: {
  name: 'pulse' | 'safety' | 'applied';
  question: PulseQuestion;
  value: number | null;
  onPick(n: number): void;
  legend: [string, string];
}) {
  const fromUser = useUserInput();
  return (
    <div>
      {/* biome-ignore lint/a11y/useSemanticElements: one row of answer buttons inside the calendar's panel, styled as a scale */}
      <div class="scale" role="group">
        {scaleOf(question).map((n) => (
          <button
            key={n}
            type="button"
            data-dyad-action={`${name}-${n}`}
            aria-pressed={value === n}
            aria-label={`${n} of ${question.max}`}
            onClick={fromUser(() => onPick(n))}
          >
            {n}
          </button>
        ))}
      </div>
      <div class="scale-legend" aria-hidden="true">
        <span>{legend[0]}</span>
        <span>{legend[1]}</span>
      </div>
    </div>
  );
}

/**
 * The one-click pulse: once a tagged session has ended, one click on "How valuable was this
 * session?" is a complete answer. Then, optionally, candour, intent to act and a request for the
 * coordinator to check in; each click replaces the answer. Answered sessions stop asking.
 */
export function PulseCard({ session, onAnswered }: { session: LocalSession; onAnswered(session: LocalSession): void }) {
  const [answering, setAnswering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The answer as last clicked, ahead of the background's reply, so quick clicks build on each other.
  const latest = useRef<Answer | null>(session.pulse);
  const fromUser = useUserInput();

  const answer = async (patch: Partial<Answer>) => {
    const next: Answer = { ...(latest.current ?? { value: 0, safety: null, applied: null, checkIn: false }), ...patch };
    latest.current = next;
    setError(null);
    try {
      const updated = await send('pulse.answer', {
        sessionId: session.id,
        value: next.value,
        safety: next.safety,
        applied: next.applied,
        checkIn: next.checkIn,
      });
      setAnswering(true);
      onAnswered(updated);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not save the answer.');
    }
  };

  if (!session.pulse) {
    if (!pulseIsDue(session, Date.now())) return null;
    return (
      <div class="section" data-dyad="pulse">
        <p class="title">{valueQuestion.text}</p>
        <Scale
          name="pulse"
          question={valueQuestion}
          value={null}
          onPick={(value) => void answer({ value })}
          legend={['Not at all', 'Very']}
        />
        {error && <p class="error">{error}</p>}
      </div>
    );
  }
  if (!answering) return null;

  const { value, safety, applied, checkIn } = latest.current ?? session.pulse;
  return (
    <div class="section" data-dyad="pulse">
      <p class="muted" style="margin:0 0 6px" data-dyad="pulse-recorded">
        Thanks — you rated it {value} of {valueQuestion.max}, a complete answer. Optionally:
      </p>
      <p style="margin:0 0 2px">{safetyQuestion.text}</p>
      <Scale
        name="safety"
        question={safetyQuestion}
        value={safety}
        onPick={(n) => void answer({ safety: n })}
        legend={['Disagree', 'Agree']}
      />
      <p style="margin:6px 0 2px">{appliedQuestion.text}</p>
      <Scale
        name="applied"
        question={appliedQuestion}
        value={applied}
        onPick={(n) => void answer({ applied: n })}
        legend={['Disagree', 'Agree']}
      />
      <div class="row">
        <button
          type="button"
          data-dyad-action="check-in"
          aria-pressed={checkIn}
          onClick={fromUser(() => void answer({ checkIn: !checkIn }))}
        >
          {checkIn ? '✓ Coordinator will check in' : 'Ask the coordinator to check in'}
        </button>
        <button type="button" data-dyad-action="pulse-done" onClick={fromUser(() => setAnswering(false))}>
          Done
        </button>
      </div>
      {error && <p class="error">{error}</p>}
    </div>
  );
}
