import type { GridChip } from '../hosts/host';

const label = 'Dyad mentorship session';

function makeBadge(doc: Document): HTMLElement {
  const badge = doc.createElement('span');
  badge.setAttribute('data-dyad', 'badge');
  badge.setAttribute('role', 'img');
  badge.setAttribute('aria-label', label);
  badge.title = label;
  badge.textContent = 'D';
  // Inline styles: a badge is too small for a shadow root, and the chip is positioned already.
  badge.style.cssText = [
    'all: initial',
    'position: absolute',
    'top: 2px',
    'right: 2px',
    'z-index: 1',
    'width: 14px',
    'height: 14px',
    'border-radius: 50%',
    'background: #5b3cc4',
    'box-shadow: 0 0 0 1.5px #fff',
    'color: #fff',
    'font: 700 9px/14px system-ui, sans-serif',
    'text-align: center',
    'pointer-events: none',
  ].join(';');
  return badge;
}

/**
 * Small "D" badges on the grid chips of tagged events. `apply` runs after every grid re-render and
 * only touches chips whose badge is missing or no longer wanted, so it settles at once.
 */
export function createGridBadges() {
  let tagged = new Set<string>();
  return {
    /** The calendar event ids that are tagged sessions. */
    setTagged(eventIds: Iterable<string>) {
      tagged = new Set(eventIds);
    },
    apply(chips: readonly GridChip[]) {
      for (const chip of chips) {
        const badge = Array.from(chip.element.children).find((child) => child.getAttribute('data-dyad') === 'badge');
        const wanted = tagged.has(chip.eventId);
        if (wanted && !badge) chip.element.append(makeBadge(chip.element.ownerDocument));
        if (!wanted && badge) badge.remove();
      }
    },
  };
}
