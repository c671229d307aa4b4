import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';

/**
 * Loads something from the background and loads it again whenever the extension's stored state
 * changes (a flush finished, a pulse was answered elsewhere), so the page stays current.
 * Storage is only the signal: what is shown always comes through the message table.
 *
 * @example const sync = useLive(() => send('sync.state', undefined));
 */
export function useLive<T>(load: () => Promise<T>, deps: unknown[] = []): { value: T | null; error: string | null; reload: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    load().then(
      (v) => {
        if (!live) return;
        setValue(v);
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [tick, ...deps]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChanged = (_changes: unknown, area: string) => {
      if (area !== 'local') return;
      clearTimeout(timer);
      timer = setTimeout(() => setTick((t) => t + 1), 150);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return { value, error, reload: () => setTick((t) => t + 1) };
}
