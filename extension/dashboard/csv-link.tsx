/**
 * "Download CSV" for a table: the API's own CSV (`format=csv`) for exactly the filters on screen,
 * so the file carries the same suppression as the page. The API needs the token, which a plain link
 * cannot carry, so a click fetches the file and hands it to the browser as a download.
 */
import { useState } from 'preact/hooks';
import { analyticsPath, type AnalyticsEndpoint, type AnalyticsExtra, type Filters } from './analytics-paths';
import { useSession } from './session';

export function CsvLink({
  hook,
  endpoint,
  filters,
  extra = {},
  label = 'CSV',
}: {
  /** `data-dyad` hook: `csv-…`. */
  hook: string;
  endpoint: AnalyticsEndpoint;
  filters: Filters;
  extra?: AnalyticsExtra;
  label?: string;
}) {
  const { api } = useSession();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function download(event: Event) {
    event.preventDefault();
    setState({ busy: true, error: null });
    try {
      const { text, filename } = await api.csv(endpoint, filters, extra);
      saveFile(text, filename, 'text/csv;charset=utf-8');
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <span class="csv">
      <a
        href={`${api.apiUrl}${analyticsPath(endpoint, filters, extra, 'csv')}`}
        data-dyad={hook}
        onClick={download}
        aria-busy={state.busy}
        title="Download this table as CSV (same filters, same suppression)"
      >
        ⤓ {label}
      </a>
      {state.error && <span class="error"> {state.error}</span>}
    </span>
  );
}

/** Hands text to the browser as a file download. */
export function saveFile(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
