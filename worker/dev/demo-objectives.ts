/**
 * The demo's learning objectives (the accountability issue): each engagement's learner states the
 * objectives its coordinator framed, rates progress about monthly, and links some held sessions to
 * them — except a few engagements that never did, so `objectives_missing` has something to show.
 * Drawn from a random stream of its own, so adding them changes nothing else the demo holds.
 */
import { isLearnerRole, maxProgress, objectiveRules } from '../../shared/rules/objectives';
import type { MemberRole, ProgrammeKind } from '../../shared';
import { objectiveGoals, successSignals } from './demo-texts';
import { seededRandom, stableUuid } from './random';

import type { Row } from './sql';

export interface ObjectiveSource {
  index: number;
  id: string;
  kind: ProgrammeKind;
  status: 'active' | 'paused' | 'closed';
  members: { personId: string; role: MemberRole }[];
  /** Day offsets from today (negative: past). */
  startsOn: number;
  endsOn: number | null;
  /** The coordinator's framing of the engagement's objectives (engagements.objectives). */
  framed: readonly string[];
  /** Held sessions, oldest first. */
  held: { id: string; day: number; endsAt: string }[];
  /** The leader signs in to the demo: their engagements always have objectives. */
  isLeaders: boolean;
}

export function demoObjectives(
  sources: ObjectiveSource[],
  clock: { org: string; date: (day: number) => string; instant: (day: number, minuteOfDay?: number) => string },
): { objectives: Row[]; progress: Row[]; links: Row[] } {
  const rng = seededRandom(0x0b1ec7);
  const objectives: Row[] = [];
  const progress: Row[] = [];
  /** One set per session, whichever learners' objectives it moved. */
  const linked = new Map<string, { ids: string[]; at: string }>();
  for (const e of sources) {
    // About one active engagement in six never got round to it (beyond the 21 days, an alert).
    if (!e.isLeaders && e.status === 'active' && e.startsOn <= -objectiveRules.missingAfterDays && rng.chance(0.16)) continue;
    for (const learner of e.members.filter((m) => isLearnerRole(m.role))) {
      const stated = e.framed.slice(0, objectiveRules.perLearner).map((what, n) => {
        const id = stableUuid(`objective:${e.index}:${learner.personId}:${n}`);
        const setOn = e.startsOn + rng.int(1, 12);
        const target = e.endsOn ?? e.startsOn + rng.int(90, 200);
        // Ratings about monthly from the day it was set, each at least the one before.
        let rating = 0;
        let last = '';
        for (let day = setOn + rng.int(10, 30); day < 0 && day <= (e.endsOn ?? 0) + 14; day += rng.int(24, 40)) {
          rating = Math.min(maxProgress, rating + (rng.chance(0.5) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0));
          last = clock.instant(day, 18 * 60);
          progress.push({
            id: stableUuid(`progress:${id}:${day}`),
            org_id: clock.org,
            objective_id: id,
            rating,
            comment: '',
            rated_at: last,
          });
        }
        const at = clock.instant(Math.min(setOn, -1), 8 * 60);
        objectives.push({
          id,
          org_id: clock.org,
          engagement_id: e.id,
          owner_id: learner.personId,
          what,
          serves_goal: rng.pick(objectiveGoals[e.kind]),
          success_signal: rng.pick(successSignals[e.kind]),
          target_on: clock.date(target),
          status: rating === maxProgress ? 'achieved' : 'open',
          client_updated_at: last > at ? last : at,
          created_at: at,
          updated_at: last > at ? last : at,
        });
        return { id, setOn };
      });
      // Most held sessions after an objective was set moved one of them.
      for (const s of e.held) {
        const open = stated.filter((o) => o.setOn <= s.day);
        if (open.length === 0 || !rng.chance(0.6)) continue;
        const at = new Date(Date.parse(s.endsAt) + 30 * 60_000).toISOString();
        const set = linked.get(s.id) ?? { ids: [], at };
        if (set.ids.length < objectiveRules.linksPerSession) set.ids.push(rng.pick(open).id);
        linked.set(s.id, set);
      }
    }
  }
  const links: Row[] = [...linked].map(([sessionId, { ids, at }]) => ({
    session_id: sessionId,
    org_id: clock.org,
    objective_ids: JSON.stringify(ids),
    client_updated_at: at,
    updated_at: at,
  }));
  return { objectives, progress, links };
}
