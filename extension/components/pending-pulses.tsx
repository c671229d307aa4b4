import type { Engagement } from '../../shared';
import { pulseQuestions, scaleOf } from '../../shared/rules/pulse';
import type { LocalSession } from '../lib/messages';
import { formatWhen, sessionTitle } from './labels';

/** Sessions that ended and wait for a pulse: one click on 1–5 is a complete answer. */
export function PendingPulses(props: {
  sessions: LocalSession[];
  engagements: Engagement[];
  meId: string;
  onAnswer: (sessionId: string, value: number) => void;
}) {
  if (props.sessions.length === 0) return null;
  const question = pulseQuestions[0];
  return (
    <section class="pulses" data-dyad="pending-pulses">
      <h2>{question.text}</h2>
      <ul>
        {props.sessions.map((session) => (
          <li key={session.id} data-dyad="pending-pulse" data-session-id={session.id}>
            <div class="what">
              <span class="title">{sessionTitle(session, props.engagements, props.meId)}</span>
              <span class="muted">{formatWhen(session.startsAt)}</span>
            </div>
            {/* biome-ignore lint/a11y/useSemanticElements: one row of answer buttons; a fieldset would add a legend and a border inside a list item */}
            <div class="scale" role="group" aria-label={question.text}>
              {scaleOf(question).map((value) => (
                <button
                  key={value}
                  type="button"
                  data-dyad={`pulse-${value}`}
                  title={value === question.min ? 'Not valuable' : value === question.max ? 'Very valuable' : undefined}
                  aria-label={`${value} of ${question.max}`}
                  onClick={() => props.onAnswer(session.id, value)}
                >
                  {value}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
