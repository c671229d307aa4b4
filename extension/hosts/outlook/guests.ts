import { emailsIn, unique } from '../selectors';
import { textPieces } from './open-view';
import { outlook } from './selectors';

const attributes = ['aria-label', 'title', 'href', 'data-email'];

/**
 * Guests' emails wherever the view shows them, lower-case, unique, in page order. Each persona
 * element found by any people variant (all are read: a build shows the address in one place or
 * another, and a person without a display name shows only the address) gives the addresses in its
 * attributes, then those in its text nodes one by one: "Ana Ruiz" and "ana.ruiz@example.com" in
 * sibling spans, read as one text, would be "Ana Ruizana.ruiz@example.com".
 */
export function readGuests(view: HTMLElement): string[] {
  const persons = Array.from(view.querySelectorAll<HTMLElement>(outlook.people.variants.join(', '))).filter(
    (element) => !element.closest('[data-dyad]'),
  );
  // A persona inside another (a label inside its button) is read with its outermost one.
  const outermost = persons.filter((element) => !persons.some((other) => other !== element && other.contains(element)));
  return unique(
    outermost.flatMap((person) => {
      const inside = [person, ...Array.from(person.querySelectorAll('*'))];
      return [
        ...inside.flatMap((element) => attributes.flatMap((name) => emailsIn(element.getAttribute(name)))),
        ...textPieces(person).flatMap((piece) => emailsIn(piece)),
      ];
    }),
  );
}
