import { useState } from 'preact/hooks';
import type { SyncState } from '../lib/messages';
import { formatWhen } from './labels';

/** How many writes wait, the last error, and a button to retry now. */
export function SyncStatus({ sync, onRetry }: { sync: SyncState; onRetry: () => Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await onRetry();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="sync" data-dyad="sync">
      <p>
        <span data-dyad="sync-waiting" data-waiting={sync.waiting}>
          {sync.waiting === 0 ? 'All changes synced' : `${sync.waiting} waiting to sync`}
        </span>
        {sync.waiting > 0 && sync.nextAttemptAt && <span class="muted"> · next try {formatWhen(sync.nextAttemptAt)}</span>}
        {sync.waiting === 0 && sync.lastSyncedAt && <span class="muted"> · {formatWhen(sync.lastSyncedAt)}</span>}
      </p>
      {sync.lastError && (
        <p class="error" data-dyad="sync-error" role="alert">
          {sync.lastError}
        </p>
      )}
      <button type="button" data-dyad="sync-retry" disabled={busy} onClick={() => void retry()}>
        {busy ? 'Syncing…' : sync.waiting > 0 ? 'Retry now' : 'Sync now'}
      </button>
    </section>
  );
}
