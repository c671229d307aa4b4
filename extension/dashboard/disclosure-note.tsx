/**
 * The plain words next to protected figures (README, "Threat model"): which closed periods they
 * come from, that counts are shifted a little on purpose, what is still to be released, and how many
 * writes shaped the population while the period was open.
 */
import type { Disclosure } from '../../shared';
import { dayLabel, releaseLabel } from './period';

const list = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** The latest of ISO instants (they sort as text). */
const latest = (instants: string[]) => [...instants].sort().at(-1) ?? '';

export function DisclosureNote({ disclosure, unit }: { disclosure: Disclosure; unit: 'quarter' | 'month' }) {
  const { released, pending, populationChanges } = disclosure;
  return (
    <div class="disclosure-note" data-dyad="disclosure-note">
      {released.length > 0 && (
        <p class="note">
          Figures for {list(released.map(releaseLabel))}, released once the {unit} had closed and fixed since{' '}
          {dayLabel(latest(released.map((r) => r.frozenAt)).slice(0, 10))}. Counts are shifted by a little on purpose — usually by 1 or not
          at all, and the same people always by the same amount — so that no comparison of figures can single anyone out.
        </p>
      )}
      {pending.length > 0 && (
        <p class="note" data-dyad="disclosure-pending">
          {list(pending.map((p) => `${releaseLabel(p)} appears on ${dayLabel(p.releasesOn)}`))}: figures about people are released only for
          closed {unit}s.
        </p>
      )}
      {populationChanges > 0 && (
        <p class="note warn" data-dyad="population-changes">
          {populationChanges === 1 ? '1 change' : `${populationChanges} changes`} to people or pairings (people added or imported,
          attributes set, pairings created, paused or re-membered) were made while this {unit} was open and shaped these figures. Admins see
          who made them in the Audit log.
        </p>
      )}
    </div>
  );
}
