import { readFileSync } from 'node:fs';
import path from 'node:path';

// Tests run from the repository root (see vitest.config.ts); happy-dom rewrites import.meta.url.
const fixturesDir = path.join(process.cwd(), 'test/fixtures');

/** How a fixture's markup is laid out: as saved (indented), or as the live calendars serve it. */
export type FixtureLayout = 'indented' | 'served';

/**
 * Both layouts, for `describe.each`. The live apps send markup with no whitespace text between
 * elements, so a reader that joins `textContent` must not rely on the indentation's spaces.
 */
export const fixtureLayouts: FixtureLayout[] = ['indented', 'served'];

/**
 * Loads a saved page from test/fixtures into the test's global document (head and body replaced,
 * so MutationObservers and `document` see it as the page). `served` drops the whitespace-only text
 * between tags first, as the live calendars' markup has none.
 */
export function loadFixture(name: 'google-calendar.html' | 'outlook.html', layout: FixtureLayout = 'indented'): Document {
  return loadPage(path.join(fixturesDir, name), layout);
}

/**
 * Loads one variant of a host's fixtures, test/fixtures/<host>/<file> (the rows of its
 * expected.ts), like {@link loadFixture}.
 */
export function loadVariant(host: 'google' | 'outlook', file: string, layout: FixtureLayout = 'indented'): Document {
  return loadPage(path.join(fixturesDir, host, file), layout);
}

function loadPage(file: string, layout: FixtureLayout): Document {
  const saved = readFileSync(file, 'utf8');
  const html = layout === 'served' ? saved.replace(/>\s+</g, '><') : saved;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  // `<html lang>` says the page's language, which the adapters read month names in.
  for (const attribute of Array.from(document.documentElement.attributes)) document.documentElement.removeAttribute(attribute.name);
  for (const attribute of Array.from(parsed.documentElement.attributes))
    document.documentElement.setAttribute(attribute.name, attribute.value);
  document.head.replaceWith(document.importNode(parsed.head, true));
  document.body.replaceWith(document.importNode(parsed.body, true));
  return document;
}

/** The local-time instant as ISO, the way the adapters build it (calendars show local time). */
export function local(year: number, month: number, day: number, hour = 0, minute = 0): string {
  return new Date(year, month - 1, day, hour, minute).toISOString();
}
