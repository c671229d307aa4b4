/** How the dashboard names programme kinds and member roles. */
import type { ProgrammeKind } from '../../shared';

export const kindLabel: Record<ProgrammeKind, string> = {
  reverse: 'Reverse mentoring',
  classic: 'Classic mentoring',
  advisory: 'Advisory council',
  rotation: 'Rotation',
};
