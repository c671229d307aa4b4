/**
 * A selector that finds nothing is how we learn that a calendar changed its page: we say so once
 * per selector (not once per re-render, which would be thousands of lines) and carry on.
 */
const warned = new Set<string>();

/** Logs `message` the first time `key` is seen in this page; later calls are silent. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[Dyad] ${message}`);
}

/** For tests: forget what was already reported. */
export function resetWarnings(): void {
  warned.clear();
}
