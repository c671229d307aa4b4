/**
 * The pulse reminder: an alarm at each tagged session's end, then a notification offering the
 * pulse (clicking it opens the popup, where one click on 1–5 answers). Answered, cancelled and
 * forgotten sessions stop asking.
 */
import { browser } from '#imports';
import { dayMs } from '../../shared/rules/days';
import { pulseIsDue, pulseQuestions } from '../../shared/rules/pulse';
import { read, type StoredSession } from './storage';

export const PULSE_ALARM_PREFIX = 'pulse:';
/** Sessions ending further ahead get their alarm at a later refresh (Chrome caps an extension's alarms). */
const horizonMs = 35 * dayMs;

export const pulseAlarmName = (sessionId: string) => `${PULSE_ALARM_PREFIX}${sessionId}`;
export const notificationId = (sessionId: string) => `${PULSE_ALARM_PREFIX}${sessionId}`;

/** Held, and not answered (here or, as the API says, elsewhere): its end will bring a reminder. */
export function wantsPulse(session: StoredSession): boolean {
  return session.status === 'held' && !session.pulseAnswered;
}

/**
 * Makes the pulse alarms match the sessions: one per unanswered held session ending in the next
 * weeks, none for the rest. Idempotent; run after anything that changes sessions.
 */
export async function syncPulseAlarms(now = Date.now()): Promise<void> {
  const { sessions } = await read('sessions');
  const wanted = new Map<string, number>();
  for (const session of Object.values(sessions)) {
    const ends = Date.parse(session.endsAt);
    if (wantsPulse(session) && ends > now && ends <= now + horizonMs) wanted.set(pulseAlarmName(session.id), ends);
  }
  const existing = (await browser.alarms.getAll()).filter((alarm) => alarm.name.startsWith(PULSE_ALARM_PREFIX));
  for (const alarm of existing) {
    if (wanted.get(alarm.name) === alarm.scheduledTime) wanted.delete(alarm.name);
    else if (!wanted.has(alarm.name)) await browser.alarms.clear(alarm.name);
  }
  for (const [name, when] of wanted) await browser.alarms.create(name, { when });
}

/** The session's end has come: offer the pulse, unless it has been answered meanwhile. */
export async function remindPulse(sessionId: string): Promise<void> {
  const { sessions, aliases } = await read('sessions', 'aliases');
  const session = sessions[aliases[sessionId] ?? sessionId];
  if (!session || !pulseIsDue(session, Date.now() + 60_000)) return;
  await browser.notifications.create(notificationId(session.id), {
    type: 'basic',
    iconUrl: icon,
    title: pulseQuestions[0].text,
    message: `${session.title ?? 'Your mentorship session'} — one click in Dyad answers the pulse.`,
    buttons: [{ title: 'Answer now' }, { title: 'Later' }],
    priority: 1,
  });
}

/** The pulse was answered (or the session dropped): no alarm, no notification. */
export async function clearPulseReminder(sessionId: string): Promise<void> {
  await browser.alarms.clear(pulseAlarmName(sessionId));
  await browser.notifications.clear(notificationId(sessionId));
}

/** Opens the popup (where pending pulses are), or the popup page in a small window where Chrome won't. */
export async function openPulsePopup(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 380, height: 600 });
  }
}

/** Dyad's mark (two overlapping circles), for notifications: a data URL, so no file is needed. */
const icon =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAAuklEQVR42u3asQ3CMBBG4YzABHTswS5MwkTUzMQQpqJBRArCxGf935OuTPGeFCk5e1kAAAAAAOjO6fJovzx/uF/bVLJbZ01260wp/WmO51v7RrxUjB7yr5kqQk/x9ykf4p/y5SPsIV82wp7yJSNEBxghXybCSPkSEQRIDlBBfmgEAQQQIDdAJXkRvAICCCBA8uewnyEBgpci0WsxS9Hk1Xj04Uj08VjsIWn0Efm08m6IuCMEAAAAAHPyBCWE22i1Kz2BAAAAAElFTkSuQmCC';
