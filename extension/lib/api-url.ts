/** The API URL as the user types it, and the host permission it needs. No dependencies: the options page loads it. */

/**
 * Normalises what the user typed as the API URL: `https://dyad.example.org/` → `https://dyad.example.org`.
 * Throws for anything but http(s); plain http only for a local Worker.
 */
export function normaliseApiUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error('Enter the API URL, e.g. https://dyad.example.org');
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new Error('The API URL must start with https:// (plain http only for localhost)');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The match pattern of an API URL's origin, for `permissions.request` (ports are not part of a pattern). */
export function originPattern(apiUrl: string): string {
  const url = new URL(apiUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The coordinators' console, which the Worker serves at `<apiUrl>/console/`, opened on the
 * organisation so its sign-in page knows which one.
 *
 * @example consoleUrl('https://dyad.example.org', 'northwind') // 'https://dyad.example.org/console/?org=northwind'
 */
export function consoleUrl(apiUrl: string, orgSlug: string): string {
  return `${apiUrl}/console/?${new URLSearchParams({ org: orgSlug })}`;
}
