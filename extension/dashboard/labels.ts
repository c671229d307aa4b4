/** How the dashboard names programme kinds and people. */
import type { Participant, ProgrammeKind } from '../../shared';

export const kindLabel: Record<ProgrammeKind, string> = {
  reverse: 'Reverse mentoring',
  classic: 'Classic mentoring',
  advisory: 'Advisory council',
  rotation: 'Rotation',
};

/** "Ada Lovelace <ada@example.org>": what the person picker shows and matches. */
export const personOption = (p: Pick<Participant, 'displayName' | 'email'>) => `${p.displayName} <${p.email}>`;
