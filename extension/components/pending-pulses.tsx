import type { Engagement } from '../../shared';
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
  // pulseQuestions[0] in shared/pulse.ts (not imported: the popup carries no zod).
  const question = 'How valuable was this session?';
  return (
    <section class="pulses" data-dyad="pending-pulses">
      <h2>{question}</h2>
      <ul>
        {props.sessions.map((session) => (
          <li key={session.id} data-dyad="pending-pulse" data-session-id={session.id}>
            <div class="what">
              <span class="title">{sessionTitle(session, props.engagements, props.meId)}</span>
              <span class="muted">{formatWhen(session.startsAt)}</span>
            </div>
            <div class="scale" role="group" aria-label={question}>
              {[1, 2, 3, 4, 5].map((value) => (
                <button
                  key={value}
                  type="button"
                  data-dyad={`pulse-${value}`}
                  title={value === 1 ? 'Not valuable' : value === 5 ? 'Very valuable' : undefined}
                  aria-label={`${value} of 5`}
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
