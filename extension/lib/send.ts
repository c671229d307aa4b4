import { browser } from 'wxt/browser';
import type { Envelope, MessageType, Reply, Request, Response } from './messages';

/**
 * Asks the background service worker; resolves with its response or rejects with its error.
 *
 * @example const sessions = await send('sessions.list', {});
 */
export async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Response<T>> {
  const envelope: Envelope<T> = { dyad: type, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<T> | undefined;
  if (!reply) throw new Error(`No answer from the background for ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
