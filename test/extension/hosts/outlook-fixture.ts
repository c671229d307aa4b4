import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FixtureLayout } from '../fixtures';

// Tests run from the repository root (see vitest.config.ts).
const outlookDir = path.join(process.cwd(), 'test/fixtures/outlook');

/**
 * Loads a saved Outlook page from test/fixtures/outlook into the test's global document, at `url`
 * (the address the page stands for: the adapter reads the deep link's item id and whether it is in
 * the calendar from it). `served` drops white space between tags, as the live app has none.
 */
export function loadOutlookFixture(file: string, url: string, layout: FixtureLayout = 'indented'): Document {
  const saved = readFileSync(path.join(outlookDir, file), 'utf8');
  const html = layout === 'served' ? saved.replace(/>\s+</g, '><') : saved;
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = parsed.documentElement.lang;
  document.head.replaceWith(document.importNode(parsed.head, true));
  document.body.replaceWith(document.importNode(parsed.body, true));
  // happy-dom's own setter moves the page to another origin; history only changes the path.
  const happyDom = (window as unknown as { happyDOM?: { setURL(url: string): void } }).happyDOM;
  if (happyDom) happyDom.setURL(url);
  else history.replaceState(null, '', new URL(url).pathname);
  return document;
}
