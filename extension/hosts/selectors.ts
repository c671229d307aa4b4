import { countHit, countMiss } from './selector-counts';
import { warnOnce } from './warn-once';

/**
 * One selector the extension depends on, as the variants that have matched the host's page over
 * time (newest first). Each variant carries a comment in the host's selectors module saying which
 * layout it matches and where we learned it.
 */
export interface Selector {
  /** Host and purpose, e.g. `google.eventTitle`: the key of its one-time warning. */
  name: string;
  variants: readonly string[];
}

// Every lookup is counted (hosts/selector-counts.ts says the rule): hits here, misses only in the
// …OrWarn functions, where the element is expected.

function first<E extends Element>(root: ParentNode, selector: Selector): E | null {
  for (const [index, variant] of selector.variants.entries()) {
    const found = root.querySelector<E>(variant);
    if (found) {
      countHit(selector.name, index);
      return found;
    }
  }
  return null;
}

function all<E extends Element>(root: ParentNode, selector: Selector): E[] {
  for (const [index, variant] of selector.variants.entries()) {
    const found = root.querySelectorAll<E>(variant);
    if (found.length > 0) {
      countHit(selector.name, index);
      return Array.from(found);
    }
  }
  return [];
}

function missed(selector: Selector): void {
  reportMissing(selector, `found nothing (tried ${selector.variants.join(' | ')})`);
}

/**
 * An expected element that a host found by no lookup of its own (variants read one by one, a
 * fallback through another selector): counted as a miss of `selector` and warned about once,
 * as `pickOrWarn` does, so the selector's health sees it.
 */
export function reportMissing(selector: Selector, why = 'found nothing'): void {
  countMiss(selector.name);
  warnOnce(selector.name, `selector ${selector.name} ${why}`);
}

/** The first element the variants find inside `root`, trying them in order. */
export function pick<E extends Element = HTMLElement>(root: ParentNode, selector: Selector): E | null {
  return first<E>(root, selector);
}

/** Like {@link pick}, but a miss is reported once and counted: use it where the element should be there. */
export function pickOrWarn<E extends Element = HTMLElement>(root: ParentNode, selector: Selector): E | null {
  const found = first<E>(root, selector);
  if (!found) missed(selector);
  return found;
}

/** Every element found by the first variant that finds any (variants are alternatives, not a union). */
export function pickAll<E extends Element = HTMLElement>(root: ParentNode, selector: Selector): E[] {
  return all<E>(root, selector);
}

/** Like {@link pickAll}, but finding none is reported once and counted: use it where at least one should be there. */
export function pickAllOrWarn<E extends Element = HTMLElement>(root: ParentNode, selector: Selector): E[] {
  const found = all<E>(root, selector);
  if (found.length === 0) missed(selector);
  return found;
}

/** Whether `element` itself matches one of the variants. */
export function matches(element: Element, selector: Selector): boolean {
  return selector.variants.some((variant) => element.matches(variant));
}

/** Text with runs of white space collapsed, or '' for null. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

const emailPattern = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Every email address in `text`, lower-cased. */
export function emailsIn(text: string | null | undefined): string[] {
  return (text ?? '').match(emailPattern)?.map((email) => email.toLowerCase()) ?? [];
}

/** Unique values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return Array.from(new Set(values));
}
