import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { MemberRole, ProgrammeKind } from '../../shared';
import { fiscalQuarterOf, previousPeriod, quartersWithin, type Period } from '../../worker/analytics/calendar';
import { computeAlerts } from '../../worker/analytics/alerts';
import { loadAlertFacts } from '../../worker/db/analytics-alerts';
import { loadEngagementFacts } from '../../worker/db/analytics-engagement';
import { loadPulseCells } from '../../worker/db/analytics-pulse';
import { membersToFreeze } from '../../worker/db/quarter-releases';
import { analyticsOrg } from './analytics-fixture';

/**
 * The analytics rollups (worker/migrations/0003) are kept by triggers on every write. These tests
 * check them against a recomputation: each query function, reading the rollups, must give exactly
 * the facts it gives when told to read the raw tables (`rollups: false`) — for every kind of write,
 * in any order, and for every period, programme, role and dimension asked.
 */

const db = () => env.DB;

/** mulberry32: the same writes on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

/** Maps as sorted objects and lists of rows sorted, so that row order does not count. */
function canonical(value: unknown): unknown {
  if (value instanceof Map) return canonical(Object.fromEntries([...value].sort(([a], [b]) => String(a).localeCompare(String(b)))));
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
      ? items.map((x) => JSON.stringify(x)).sort()
      : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** An organisation with sessions over two years, some ahead of asOf, and pulse answers. */
async function busyOrg(seed: number) {
  const rng = random(seed);
  const fx = await analyticsOrg({ minGroupSize: 3 });
  const kinds: ProgrammeKind[] = ['reverse', 'advisory', 'rotation', 'classic'];
  const programmes = await Promise.all(kinds.map((kind, i) => fx.programme(kind, (i % 3) + 1, `${kind} programme`)));
  const genders = ['woman', 'man', 'non_binary'];
  const people: string[] = [];
  for (let i = 0; i < 16; i++) {
    const attributes: Record<string, string> = i % 5 === 4 ? {} : { gender: genders[i % 3]!, age_band: i % 2 ? '30_39' : '50_59' };
    people.push(await fx.person(`Person ${i}`, { level: i % 4 === 0 ? 'executive' : 'mid', attributes }));
  }
  const roles: Record<ProgrammeKind, [MemberRole, MemberRole]> = {
    reverse: ['mentor', 'mentee'],
    classic: ['mentor', 'mentee'],
    advisory: ['advisor', 'executive'],
    rotation: ['rotator', 'host'],
  };
  const engagements: { id: string; members: string[] }[] = [];
  for (let i = 0; i < 8; i++) {
    const k = i % 4;
    const [a, b] = [people[(i * 3) % 16]!, people[(i * 3 + 5) % 16]!];
    const startsOn = day('2025-01-01', rng.int(0, 200));
    const id = await fx.engagement(
      programmes[k]!,
      [
        [a, roles[kinds[k]!][0]],
        [b, roles[kinds[k]!][1]],
      ],
      {
        startsOn,
        endsOn: i === 6 ? day(startsOn, 300) : null,
        status: i === 7 ? 'paused' : 'active',
      },
    );
    engagements.push({ id, members: [a, b] });
  }
  const sessions: { id: string; engagement: (typeof engagements)[number] }[] = [];
  for (const e of engagements) {
    for (let n = rng.int(6, 14); n > 0; n--) {
      // Mostly before 2026-06-15 (the asOf of most checks), some after it: booked ahead.
      const at = `${day('2025-01-05', rng.int(0, 560))}T${String(rng.int(0, 23)).padStart(2, '0')}:30:00.000Z`;
      const sid = await fx.session(e.id, at, { status: rng.next() < 0.15 ? 'cancelled' : 'held', minutes: rng.pick([30, 45, 60, 90]) });
      sessions.push({ id: sid, engagement: e });
      for (const p of e.members) {
        if (rng.next() < 0.7) {
          await fx.pulse(sid, p, {
            value: rng.int(1, 5),
            safety: rng.next() < 0.6 ? rng.int(1, 5) : null,
            applied: rng.next() < 0.5 ? rng.int(1, 5) : null,
            checkIn: rng.next() < 0.1,
            at: at,
          });
        }
      }
    }
  }
  return { fx, rng, programmes, people, engagements, sessions };
}

const periods: Period[] = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-04-01', to: '2025-06-30' },
  { from: '2025-10-01', to: '2026-03-31' }, // across a year end
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-05-01', to: '2026-05-31' },
  { from: '2024-01-01', to: '2026-12-31' },
  // Any other period: whole months from the rollups, the days of months it covers in part from the sessions.
  { from: '2025-10-15', to: '2026-03-31' }, // a partial first month
  { from: '2026-01-01', to: '2026-02-10' }, // a partial last month
  { from: '2025-11-20', to: '2026-02-10' }, // both, across a year end
  { from: '2026-05-03', to: '2026-05-27' }, // inside one month
  { from: '2026-04-28', to: '2026-05-03' }, // two partial months, no whole one
  { from: '2026-03-31', to: '2026-03-31' }, // one day
];

/** Every query function, from the rollups and from the raw tables, gives the same facts. */
async function expectRollupsToAgree(orgId: string, programmeIds: string[]) {
  for (const period of periods) {
    for (const programmeId of [null, programmeIds[0]!, programmeIds[2]!]) {
      for (const asOf of ['2026-06-15', day(period.to, 20)]) {
        const quarters = quartersWithin(period, 1).filter((q) => q.to < asOf);
        const both = await Promise.all(
          [undefined, { rollups: false }].map((o) =>
            loadEngagementFacts(db(), orgId, programmeId, period, asOf, quarters, { limit: null, after: null }, o),
          ),
        );
        expect(canonical(both[0]), `engagement ${JSON.stringify({ period, programmeId, asOf })}`).toEqual(canonical(both[1]));
      }
      const range = { from: previousPeriod(period).from, to: period.to };
      const pulse = await Promise.all([undefined, { rollups: false }].map((o) => loadPulseCells(db(), orgId, programmeId, range, o)));
      expect(canonical(pulse[0]), `pulse ${JSON.stringify({ period, programmeId })}`).toEqual(canonical(pulse[1]));
    }
  }
  // Representation freezes a quarter's memberships from the rollups: the same rows as from the raw tables.
  let frozenRows = 0;
  for (const quarter of new Set(periods.map((p) => JSON.stringify(fiscalQuarterOf(p.to, 1))))) {
    const q = JSON.parse(quarter) as Period;
    const frozen = await Promise.all([undefined, { rollups: false }].map((o) => membersToFreeze(db(), orgId, q, o)));
    expect(frozen[0], `representation ${quarter}`).toEqual(frozen[1]);
    frozenRows += frozen[0]!.length;
  }
  expect(frozenRows).toBeGreaterThan(0);
  let prefilterDropped = 0;
  for (const asOf of ['2025-03-01', '2025-11-30', '2026-02-10', '2026-06-15', '2026-08-01']) {
    for (const programmeId of [null, programmeIds[1]!]) {
      const quarter = fiscalQuarterOf(asOf, 1);
      const alerts = await Promise.all(
        [undefined, { rollups: false }].map((o) => loadAlertFacts(db(), orgId, programmeId, quarter, asOf, o)),
      );
      expect(canonical(alerts[0]), `alerts ${JSON.stringify({ asOf, programmeId })}`).toEqual(canonical(alerts[1]));
      // SQL keeps only the engagements that might alert: never one that computeAlerts would alert.
      const every = await loadAlertFacts(db(), orgId, programmeId, quarter, asOf, { rollups: false, all: true });
      expect(computeAlerts(alerts[0]!, quarter, asOf), `alerts prefiltered ${JSON.stringify({ asOf, programmeId })}`).toEqual(
        computeAlerts(every, quarter, asOf),
      );
      prefilterDropped += every.length - alerts[0]!.length;
    }
  }
  // …and it does leave some out (else the check above proves nothing).
  expect(prefilterDropped).toBeGreaterThan(0);
}

const rollupTables = [
  'rollup_engagement_months',
  'rollup_programme_months',
  'rollup_member_months',
  'rollup_respondent_years',
  'rollup_month_respondents',
  'rollup_engagement_gaps',
  'rollup_programme_gaps',
  'rollup_engagements',
  'rollup_members',
];

/** The organisation's rows of every rollup. */
async function rollupRows(orgId: string) {
  const out: Record<string, string[]> = {};
  for (const table of rollupTables) {
    const { results } = await db().prepare(`SELECT * FROM ${table} WHERE org_id = ?1`).bind(orgId).all();
    out[table] = results.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('analytics rollups (kept by triggers) against a recomputation', () => {
  it('agree after seeding, for every period, programme, role and dimension', async () => {
    const { fx, programmes } = await busyOrg(1);

    await expectRollupsToAgree(fx.org.id, programmes);
  });

  it('agree after sessions are cancelled, restored, moved across months and years, and deleted', async () => {
    const { fx, programmes, sessions, rng } = await busyOrg(2);

    for (const s of sessions.slice(0, 12)) {
      await db()
        .prepare(`UPDATE sessions SET status = CASE status WHEN 'held' THEN 'cancelled' ELSE 'held' END WHERE id = ?1`)
        .bind(s.id)
        .run();
    }
    for (const s of sessions.slice(12, 24)) {
      const at = `${day('2025-01-05', rng.int(0, 560))}T10:00:00.000Z`;
      await db().prepare(`UPDATE sessions SET starts_at = ?2, ends_at = ?3 WHERE id = ?1`).bind(s.id, at, at.replace('T10:', 'T11:')).run();
    }
    for (const s of sessions.slice(24, 28)) {
      await db().prepare(`DELETE FROM pulse_responses WHERE session_id = ?1`).bind(s.id).run();
      await db().prepare(`DELETE FROM sessions WHERE id = ?1`).bind(s.id).run();
    }

    await expectRollupsToAgree(fx.org.id, programmes);
  });

  it('agree after pulse answers are changed and withdrawn, members change, and people are renamed or promoted', async () => {
    const { fx, programmes, engagements, people } = await busyOrg(3);

    await db()
      .prepare(`UPDATE pulse_responses SET value = 6 - value, safety = NULL WHERE rowid % 3 = 0 AND org_id = ?1`)
      .bind(fx.org.id)
      .run();
    await db().prepare(`UPDATE pulse_responses SET applied = 4 WHERE rowid % 4 = 1 AND org_id = ?1`).bind(fx.org.id).run();
    await db().prepare(`DELETE FROM pulse_responses WHERE rowid % 5 = 2 AND org_id = ?1`).bind(fx.org.id).run();
    const e = engagements[0]!;
    await db()
      .prepare(`INSERT INTO engagement_members (org_id, engagement_id, participant_id, role) VALUES (?1, ?2, ?3, 'mentee')`)
      .bind(fx.org.id, e.id, people[15])
      .run();
    await db()
      .prepare(`DELETE FROM engagement_members WHERE engagement_id = ?1 AND participant_id = ?2`)
      .bind(engagements[1]!.id, engagements[1]!.members[0])
      .run();
    await db().prepare(`UPDATE participants SET display_name = 'Renamed', level = 'executive' WHERE id = ?1`).bind(people[5]).run();
    await db().prepare(`UPDATE participants SET level = 'mid' WHERE id = ?1`).bind(people[0]).run();
    await db().prepare(`UPDATE engagements SET status = 'closed', ends_on = '2026-01-31' WHERE id = ?1`).bind(engagements[2]!.id).run();
    await db().prepare(`UPDATE engagements SET starts_on = '2026-03-01' WHERE id = ?1`).bind(engagements[3]!.id).run();
    await db().prepare(`UPDATE engagements SET programme_id = ?2 WHERE id = ?1`).bind(engagements[4]!.id, programmes[3]).run();

    await expectRollupsToAgree(fx.org.id, programmes);
  });

  it('hold what a rebuild from scratch holds', async () => {
    const { fx, sessions } = await busyOrg(4);
    for (const s of sessions.slice(0, 10)) {
      await db()
        .prepare(
          `UPDATE sessions SET status = 'cancelled', starts_at = '2025-07-07T07:07:07.000Z', ends_at = '2025-07-07T08:07:07.000Z' WHERE id = ?1`,
        )
        .bind(s.id)
        .run();
    }
    const kept = await rollupRows(fx.org.id);

    await db().prepare(`INSERT INTO rollup_rebuild (engagement_id) SELECT id FROM engagements WHERE org_id = ?1`).bind(fx.org.id).run();

    expect(await rollupRows(fx.org.id)).toEqual(kept);
  });
});
