import { suppressionNote } from './figures';

/** The note under a chart or table with suppressed cells: why they are hidden, and what k is. */
export function SuppressionNote({ k, show, text = suppressionNote(k) }: { k: number; show: boolean; text?: string }) {
  if (!show) return null;
  return (
    <p class="note" data-dyad="suppression-note">
      <svg class="swatch" width="14" height="14" aria-hidden="true">
        <rect width="14" height="14" fill="url(#dyad-hatch)" stroke="currentColor" stroke-opacity="0.4" />
      </svg>{' '}
      {text}
    </p>
  );
}

/** The hatch pattern suppressed cells are drawn with; defined once on the page. */
export function HatchDefs() {
  return (
    <svg width="0" height="0" style="position:absolute" aria-hidden="true">
      <defs>
        <pattern id="dyad-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" style="fill: var(--suppressed-bg)" />
          <line x1="0" y1="0" x2="0" y2="6" stroke-width="2.5" style="stroke: var(--suppressed-line)" />
        </pattern>
      </defs>
    </svg>
  );
}
