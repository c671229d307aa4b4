/**
 * The background's side of the message table: one handler per message, each answering from
 * storage and the write queue. `handleMessage` turns a handler's result or error into a `Reply`.
 */
import { browser, type Browser } from '#imports';
import { authState, signOut } from './auth';
import type { Envelope, MessageTable, MessageType, Reply, Request, Response } from './messages';
import { getNote, saveNote } from './notes';
import { answerPulse, pendingPulses } from './pulse';
import { flush, syncState } from './queue';
import { dayMs } from '../../shared/rules/days';
import { ensureRange } from './fetch-range';
import { refreshIfStale } from './refresh';
import { healthState, recordCounts, sendHealthReportIfDue } from './selector-health';
import { mySignIns, revokeSignIn } from './my-sign-ins';
import { redeemInvitation } from './redeem-invitation';
import { listSessions, sessionForEvent, setCycle, setTime, tagSession } from './sessions';
import { signInOptions, signInWithProvider } from './sign-in-with-provider';
import { read } from './storage';

type Sender = Browser.runtime.MessageSender;
type Handlers = { [T in MessageType]: (req: Request<T>, sender: Sender) => Promise<Response<T>> };

/** How stale the local copies may be before a read also refreshes them from the API (in the background). */
const staleAfterMs = 2 * 60_000;
const backgroundRefresh = () => void refreshIfStale(staleAfterMs);

/** Offline (or signed out) is normal: the answer then comes from the local copy. */
const offlineIsNormal = (err: unknown) => console.info('[dyad] sessions not fetched', err instanceof Error ? err.message : err);
const shiftDays = (instant: string, days: number) => new Date(Date.parse(instant) + days * dayMs).toISOString();

/**
 * Only the extension's own pages (popup, options — in a tab or not) may sign in or out, or see and
 * revoke sign-ins; a content script (a calendar tab's page URL) may not.
 */
function fromExtensionPage(sender: Sender): void {
  const ours = sender.url?.startsWith(browser.runtime.getURL('/'));
  if (sender.tab && !ours) throw new Error('Sign in and out from the options page');
}

export const handlers: Handlers = {
  'auth.state': async () => authState(),
  'auth.signInOptions': async (req, sender) => {
    fromExtensionPage(sender);
    return signInOptions(req);
  },
  'auth.signInWithProvider': async (req, sender) => {
    fromExtensionPage(sender);
    return signInWithProvider(req);
  },
  'auth.redeemInvitation': async (req, sender) => {
    fromExtensionPage(sender);
    return redeemInvitation(req);
  },
  'auth.signOut': async (_req, sender) => {
    fromExtensionPage(sender);
    return signOut();
  },
  'auth.mySignIns': async (_req, sender) => {
    fromExtensionPage(sender);
    return mySignIns();
  },
  'auth.revokeSignIn': async ({ credentialId }, sender) => {
    fromExtensionPage(sender);
    return revokeSignIn(credentialId);
  },
  'engagements.list': async () => {
    const { engagements } = await read('engagements');
    // Right after sign-in the list may still be on its way: wait for it once, briefly.
    if (engagements.length === 0) {
      await Promise.race([refreshIfStale(0), new Promise((resolve) => setTimeout(resolve, 5000))]);
      return (await read('engagements')).engagements;
    }
    backgroundRefresh();
    return engagements;
  },
  'engagements.lastUsed': async () => (await read('lastEngagement')).lastEngagement,
  'session.forEvent': async ({ provider, eventId, around }) => {
    // An event older (or further ahead) than the local copy keeps: ask the API about its day first.
    if (around) await ensureRange({ from: shiftDays(around, -1), to: shiftDays(around, 1) }).catch(offlineIsNormal);
    return sessionForEvent(provider, eventId);
  },
  'session.tag': async (req) => tagSession(req),
  'session.setCycle': async ({ sessionId, cycle }) => setCycle(sessionId, cycle),
  'session.setTime': async ({ sessionId, startsAt, endsAt }) => setTime(sessionId, { startsAt, endsAt }),
  'sessions.list': async (range) => {
    backgroundRefresh();
    if (range?.from && range.to) await ensureRange({ from: range.from, to: range.to }).catch(offlineIsNormal);
    return listSessions(range ?? {});
  },
  'pulse.pending': async () => {
    backgroundRefresh();
    return pendingPulses();
  },
  'pulse.answer': async (req) => answerPulse(req),
  'note.get': async ({ sessionId }) => getNote(sessionId),
  'note.save': async (req) => saveNote(req),
  'sync.state': async () => syncState(),
  'sync.flush': async () => flush('manual'),
  'health.record': async ({ counts }) => {
    await recordCounts(counts);
    // A calendar in use is the moment the daily report is most likely due; it checks itself.
    void sendHealthReportIfDue().catch((err) => console.warn('[dyad] health report', err));
    return null;
  },
  'health.state': async () => healthState(),
};

/** Whether a runtime message is one of the table's (anything else is left to other listeners). */
export function isDyadMessage(message: unknown): message is Envelope {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as Envelope).dyad;
  return typeof type === 'string' && Object.hasOwn(handlers, type);
}

/**
 * Answers one message, or `undefined` for a message that is not ours (so another listener may).
 *
 * @example browser.runtime.onMessage.addListener((m, sender, respond) => { … handleMessage(m, sender).then(respond) … });
 */
export async function handleMessage(message: unknown, sender: Sender): Promise<Reply<MessageType> | undefined> {
  if (!isDyadMessage(message)) return undefined;
  const handler = handlers[message.dyad] as (req: unknown, sender: Sender) => Promise<MessageTable[MessageType]['res']>;
  try {
    return { ok: true, value: await handler(message.payload, sender) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
