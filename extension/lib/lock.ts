/**
 * Runs `task` with no other task of the same name running in this extension.
 *
 * Uses the Web Locks API where there is one (the service worker, extension pages): its locks are
 * released when the worker dies, so a killed worker never leaves a lock behind. Elsewhere (unit
 * tests under Node) a promise chain does the same job. Neither holds state that must outlive the
 * worker; the state itself is in storage.
 *
 * @example await withLock('dyad-state', async () => { … read, change, write … });
 */
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (locks) return locks.request(name, task) as Promise<T>;
  const previous = chains.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  chains.set(
    name,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

const chains = new Map<string, Promise<unknown>>();
