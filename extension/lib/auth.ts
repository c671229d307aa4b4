/**
 * Signing in and out. The token stays in the background's storage: pages only learn who is signed
 * in (`AuthState`), content scripts not even that unless they ask.
 */
import { browser } from '#imports';
import { zMe, type Me } from '../../shared';
import { ApiError, apiRequest, normaliseApiUrl } from './api';
import type { AuthState } from './messages';
import { PULSE_ALARM_PREFIX } from './pulse-reminders';
import { FLUSH_ALARM, flush } from './queue';
import { refresh } from './refresh';
import { clearAll, read, update } from './storage';

export async function authState(): Promise<AuthState> {
  const { auth } = await read('auth');
  if (auth.token && auth.apiUrl && auth.me) return { signedIn: true, apiUrl: auth.apiUrl, me: auth.me };
  return { signedIn: false, apiUrl: auth.apiUrl };
}

/**
 * Verifies the token against `GET /v1/me`, then keeps it. Signing in as someone else (or to
 * another API) first forgets everything the previous person left here, queued writes included:
 * they must never be sent with another person's token.
 */
export async function signIn(apiUrlInput: string, tokenInput: string): Promise<AuthState> {
  const apiUrl = normaliseApiUrl(apiUrlInput);
  const token = tokenInput.trim();
  if (!token) throw new Error('Paste the token your programme coordinator gave you');

  let me: Me;
  try {
    me = await apiRequest({ apiUrl, token }, 'GET', '/v1/me', { schema: zMe, timeoutMs: 10_000 });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) throw new Error('The API refused this token. Check it, or ask your coordinator for a new one.');
    if (err.status === 0) throw new Error(`${err.message}. Check the URL, and that Dyad may access it.`);
    throw new Error(`Could not sign in: ${err.message}`);
  }

  const { auth } = await read('auth');
  const samePerson = auth.apiUrl === apiUrl && auth.me?.participant.id === me.participant.id && auth.me.org.id === me.org.id;
  if (!samePerson) {
    await clearAll(apiUrl);
    await clearReminders();
  }
  // A fresh start for the queue: no backoff left from a refused token.
  await update(['auth', 'sync'], ({ sync }) => ({
    write: {
      auth: { apiUrl, token, me },
      sync: { ...sync, attempts: 0, nextAttemptAt: null, lastError: sync.lastError?.kind === 'dropped' ? sync.lastError : null },
    },
    result: null,
  }));
  void refresh().catch((err) => console.info('[dyad] refresh after sign-in failed', err instanceof Error ? err.message : err));
  return { signedIn: true, apiUrl, me };
}

/**
 * Signs out: tries (briefly) to send what is still queued, then forgets the token and every local
 * copy. The API URL stays, to pre-fill the form.
 */
export async function signOut(): Promise<AuthState> {
  const { auth, queue } = await read('auth', 'queue');
  if (auth.token && queue.length > 0) {
    await Promise.race([flush('sign-out').catch(() => null), new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  await clearAll(auth.apiUrl);
  await clearReminders();
  return { signedIn: false, apiUrl: auth.apiUrl };
}

async function clearReminders(): Promise<void> {
  for (const alarm of await browser.alarms.getAll()) {
    if (alarm.name.startsWith(PULSE_ALARM_PREFIX) || alarm.name === FLUSH_ALARM) await browser.alarms.clear(alarm.name);
  }
  for (const id of Object.keys(await browser.notifications.getAll())) {
    if (id.startsWith(PULSE_ALARM_PREFIX)) await browser.notifications.clear(id);
  }
}
