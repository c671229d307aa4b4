import type { Engagement } from '../../shared';
import { pulseQuestions } from '../../shared/rules/pulse';
import type { LocalSession } from '../lib/messages';
import { formatWhen, sessionTitle } from './labels';

/** A short list of tagged sessions (next, or recent), with what is still waiting to sync. */
export function SessionList(props: { heading: string; sessions: LocalSession[]; engagements: Engagement[]; meId: string; empty: string }) {
  return (
    <section class="sessions">
      <h2>{props.heading}</h2>
      {props.sessions.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : (
        <ul>
          {props.sessions.map((session) => (
            <li
              key={session.id}
              data-dyad="session-item"
              data-session-id={session.id}
              class={session.status === 'cancelled' ? 'cancelled' : ''}
            >
              <span class="title">{sessionTitle(session, props.engagements, props.meId)}</span>
              <span class="muted">
                {formatWhen(session.startsAt)}
                {session.status === 'cancelled' && ' · cancelled'}
                {session.pulse && ` · pulse ${session.pulse.value}/${pulseQuestions[0].max}`}
                {session.pending && ' · waiting to sync'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
