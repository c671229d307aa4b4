import { restoreCounts, takeCounts } from '../hosts/selector-counts';
import { send } from './send';

/** How often the calendar tab hands its selector counts to the background, at most. */
export const flushEveryMs = 60_000;

/**
 * Hands this page's selector counts to the background about once a minute and whenever the page
 * is hidden or left (the last chance before the tab goes), until `signal` aborts. A send that fails
 * (the background restarting) puts the counts back for the next one.
 */
export function flushSelectorCounts(signal: AbortSignal, everyMs = flushEveryMs): () => void {
  const flush = () => {
    const counts = takeCounts();
    if (Object.keys(counts).length === 0) return;
    send('health.record', { counts }).catch(() => restoreCounts(counts));
  };
  const timer = setInterval(flush, everyMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  addEventListener('pagehide', flush, { signal });
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush(), { signal });
  return flush;
}
