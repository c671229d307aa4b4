import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads something from the API, again whenever `deps` change. While a new answer is on its way the
 * previous one stays on screen (a filter change does not blank the page); an answer that arrives
 * after a newer request started is dropped.
 *
 * @example const alerts = useLoad(() => api.alerts(filters), [filters]);
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (v) => {
        if (!current) return;
        setValue(v);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(err instanceof Error ? err.message : String(err));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [tick, ...deps]);

  return { value, error, loading, reload: () => setTick((t) => t + 1) };
}
