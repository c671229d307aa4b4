/**
 * Who is signed in, and signing in and out. The tokens stay in the background's storage: pages
 * only learn who is signed in (`AuthState`), content scripts not even that unless they ask.
 *
 * The ways in — an identity provider (sign-in-with-provider.ts) and an invitation
 * (redeem-invitation.ts) — both end in `signIn` here with what the API answered (`SignedIn`).
 */
import { browser } from '#imports';
import type { SignedIn } from '../../shared';
import { ApiError, apiRequest, type Credentials } from './api';
import { credentialsOf, recordOf } from './credentials';
import { readManagedPolicy } from './managed-policy';
import type { AuthState } from './messages';
import { PULSE_ALARM_PREFIX } from './pulse-reminders';
import { FLUSH_ALARM, flush } from './queue';
import { refresh } from './refresh';
import { clearAll, read, update } from './storage';

export async function authState(): Promise<AuthState> {
  const { auth, queue } = await read('auth', 'queue');
  if (auth.accessToken && auth.apiUrl && auth.me) return { signedIn: true, apiUrl: auth.apiUrl, me: auth.me };
  // A lapsed sign-in keeps who it was: the page asks them (by name) to sign in again.
  const lapsed = auth.me ? { displayName: auth.me.participant.displayName, email: auth.me.participant.email, waiting: queue.length } : null;
  return { signedIn: false, apiUrl: auth.apiUrl, org: auth.org, lapsed };
}

/**
 * Keeps a new sign-in. Signing in as someone else (or to another API) first forgets everything the
 * previous person left here, queued writes included: they must never be sent with another person's
 * credential. The same person signing in again (after signing out elsewhere, or after their sign-in
 * lapsed) keeps their queue, and it is sent at once.
 */
export async function signIn(apiUrl: string, org: string | null, signedIn: SignedIn): Promise<AuthState> {
  const { me } = signedIn;
  const { auth } = await read('auth');
  const samePerson = auth.apiUrl === apiUrl && auth.me?.participant.id === me.participant.id && auth.me.org.id === me.org.id;
  if (!samePerson) {
    await clearAll({ apiUrl, org });
    await clearReminders();
  }
  const record = recordOf(apiUrl, org ?? me.org.slug, signedIn);
  // A fresh start for the queue: no backoff left from a lapsed sign-in.
  await update(['auth', 'sync'], ({ sync }) => ({
    write: {
      auth: record,
      sync: { ...sync, attempts: 0, nextAttemptAt: null, lastError: sync.lastError?.kind === 'dropped' ? sync.lastError : null },
    },
    result: null,
  }));
  void refresh().catch((err) => console.info('[dyad] refresh after sign-in failed', err instanceof Error ? err.message : err));
  return { signedIn: true, apiUrl, me };
}

/**
 * Signs out: tries (briefly) to send what is still queued, revokes the credential at the API (best
 * effort: offline, it lapses on its own), then forgets the tokens and every local copy. The API URL
 * and organisation stay, to pre-fill the form.
 */
export async function signOut(revoke: (creds: Credentials) => Promise<unknown> = revokeCalling): Promise<AuthState> {
  const { auth, queue } = await read('auth', 'queue');
  const creds = credentialsOf(auth);
  if (creds && queue.length > 0) await within(5000, flush('sign-out'));
  if (creds) {
    await within(
      5000,
      revoke(creds).catch((err: unknown) =>
        // Offline, say: the access token lapses within minutes, and the refresh token is forgotten here.
        console.info('[dyad] sign-out not confirmed by the API', err instanceof Error ? err.message : err),
      ),
    );
  }
  await clearAll({ apiUrl: auth.apiUrl, org: auth.org });
  await clearReminders();
  return { signedIn: false, apiUrl: auth.apiUrl, org: auth.org, lapsed: null };
}

/** `POST /v1/auth/sign-out` revokes the credential it is called with (204, no body). */
const revokeCalling = (creds: Credentials) => apiRequest(creds, 'POST', '/v1/auth/sign-out', { schema: anything, timeoutMs: 5000 });

/**
 * The API URL and organisation a sign-in may use: the policy's where it sets them (a page cannot
 * talk the background out of them), otherwise what the person entered.
 */
export async function withinPolicy(entered: {
  apiUrl: string | null;
  org: string | null;
}): Promise<{ apiUrl: string | null; org: string | null }> {
  const policy = await readManagedPolicy();
  if (policy.apiUrl && entered.apiUrl && entered.apiUrl !== policy.apiUrl) {
    throw new Error(`Your organisation's Dyad is at ${new URL(policy.apiUrl).host}: this is for ${new URL(entered.apiUrl).host}.`);
  }
  return { apiUrl: policy.apiUrl ?? entered.apiUrl, org: policy.organisation ?? entered.org };
}

/** What a failed sign-in request says to the person. */
export function signInFailure(err: unknown, apiUrl: string): Error {
  if (!(err instanceof ApiError)) return err instanceof Error ? err : new Error(String(err));
  if (err.status === 0) return new Error(`Could not reach ${new URL(apiUrl).host}. Check the URL, and that Dyad may access it.`);
  return new Error(err.message);
}

const anything = { safeParse: (input: unknown) => ({ success: true as const, data: input }) };

function within(ms: number, task: Promise<unknown>): Promise<unknown> {
  return Promise.race([task.catch(() => null), new Promise((resolve) => setTimeout(resolve, ms))]);
}

async function clearReminders(): Promise<void> {
  for (const alarm of await browser.alarms.getAll()) {
    if (alarm.name.startsWith(PULSE_ALARM_PREFIX) || alarm.name === FLUSH_ALARM) await browser.alarms.clear(alarm.name);
  }
  for (const id of Object.keys(await browser.notifications.getAll())) {
    if (id.startsWith(PULSE_ALARM_PREFIX)) await browser.notifications.clear(id);
  }
}
