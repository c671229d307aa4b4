import { pickAll } from '../selectors';
import { outlook } from './selectors';

/**
 * Where our panel goes in the open view. The peek card is a callout of fixed position whose body
 * scrolls and whose footer (the response buttons) sits below the body; a panel appended to the
 * card itself lands after the footer and grows the card past the bottom of the window. Inside the
 * body's scroll region the panel only lengthens what scrolls, and the footer stays in view. The
 * outermost scroll region is taken (a list of attendees may scroll inside it); without one, the
 * view itself, as before.
 */
export function panelAnchor(view: HTMLElement): HTMLElement {
  const regions = pickAll(view, outlook.scrollRegion).filter((region) => !region.closest('[data-dyad]'));
  return regions.find((region) => !regions.some((other) => other !== region && other.contains(region))) ?? view;
}
