/// <reference types="node" />
/**
 * The benchmark organisation: 10,000 participants, 5,000 engagements, 250,000 sessions and
 * 500,000 pulse responses, written into a local D1 of its own (`.wrangler/bench`), so that
 * `npm run bench` measures the analytics at the size issue 4 asks for.
 *
 *   npx tsx worker/dev/seed-large.ts            # seed unless already seeded by this version
 *   npx tsx worker/dev/seed-large.ts --reseed   # start over
 *
 * Deterministic: one seeded PRNG draws everything as day offsets from `today`, and ids are
 * derived from names (`stableUuid`), so two seeds on the same day give the same database.
 * Only the coordinator token's secret is random (kept in `.wrangler/bench/coordinator-token`).
 *
 * Fast path: `wrangler d1 execute --file` would take a long time over 750k+ rows, so the
 * migrations are applied with wrangler (`--persist-to .wrangler/bench`) and the rows are then
 * streamed into that D1's SQLite file with Debian's `sqlite3`, as multi-row INSERTs in one
 * transaction, with the secondary indexes and triggers dropped during the load and made again from
 * their own definitions afterwards, and the analytics rollups rebuilt once at the end.
 * wrangler must not be running on that directory meanwhile.
 */
import { newRecordKey } from '../domain/record-key';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { rolesByKind, type MemberRole, type ProgrammeKind } from '../../shared';
import { hashToken, newTokenSecret } from '../domain/token-secrets';
import { firstNames, functions, surnames } from './demo-texts';
import { paths } from './paths';
import { seededRandom, stableUuid, type SeededRandom } from './random';
import { sqlLiteral, type SqlValue } from './sql';
import { runWrangler } from './wrangler';

/** Bump when the generated data changes: a seed by another version is redone. */
export const LARGE_SEED_VERSION = 3; // 3: credentials and roles of migration 0008, which revokes a reused seed's old token

export const largeOrgSize = { participants: 10_000, engagements: 5_000, sessions: 250_000, pulseResponses: 500_000 } as const;
export type LargeOrgSize = { [K in keyof typeof largeOrgSize]: number };

export const BENCH_ORG_ID = stableUuid('bench:org');
const SEED = 0xbe4c4;
const DAY = 86_400_000;
const MINUTE = 60_000;
/** Sessions spread over about two years up to today. */
const HISTORY_DAYS = 730;

export const benchPaths = {
  persistTo: path.join(paths.wranglerDir, 'bench'),
  marker: path.join(paths.wranglerDir, 'bench', 'seed.json'),
  coordinatorToken: path.join(paths.wranglerDir, 'bench', 'coordinator-token'),
};

type Level = 'executive' | 'senior' | 'mid' | 'early';

interface Person {
  index: number;
  id: string;
  level: Level;
}

interface Programme {
  id: string;
  kind: ProgrammeKind;
  name: string;
  minSessionsPerQuarter: number;
}

/** How an engagement's cadence ends, so every health state and alert reason occurs. */
type Profile = 'healthy' | 'at_risk' | 'lapsed' | 'cancelling' | 'strained';

interface Engagement {
  index: number;
  id: string;
  programme: Programme;
  status: 'active' | 'paused' | 'closed';
  profile: Profile;
  members: { person: Person; role: MemberRole }[];
  startsOn: number;
  endsOn: number | null;
  /** Days in which its sessions fall (inclusive), and how many there are. */
  window: [number, number];
  sessions: number;
}

/** The eligible population per group (PRODUCT.md §2), a little larger than the people in Dyad. */
const populationBaselines: Record<string, Record<string, number>> = {
  gender: { woman: 5_700, man: 6_000, non_binary: 300 },
  age_band: { under_30: 2_300, '30_39': 3_600, '40_49': 3_100, '50_59': 2_200, '60_plus': 800 },
  // hispanic_latino is under-selected on purpose, so the four-fifths rule has something to flag.
  ethnicity: { white: 6_200, asian: 2_000, black: 1_300, hispanic_latino: 1_400, middle_eastern_north_african: 500, multiple: 600 },
};

const programmeSpecs: { kind: ProgrammeKind; name: string; minSessionsPerQuarter: number }[] = [
  { kind: 'reverse', name: 'Reverse mentoring — digital', minSessionsPerQuarter: 3 },
  { kind: 'reverse', name: 'Reverse mentoring — inclusion', minSessionsPerQuarter: 2 },
  { kind: 'reverse', name: 'Reverse mentoring — customers', minSessionsPerQuarter: 4 },
  { kind: 'classic', name: 'Leadership mentoring', minSessionsPerQuarter: 3 },
  { kind: 'classic', name: 'New managers', minSessionsPerQuarter: 6 },
  { kind: 'classic', name: 'Graduate mentoring', minSessionsPerQuarter: 4 },
  { kind: 'advisory', name: 'Board advisory council', minSessionsPerQuarter: 1 },
  { kind: 'advisory', name: 'Technology advisory council', minSessionsPerQuarter: 2 },
  { kind: 'advisory', name: 'Markets advisory council', minSessionsPerQuarter: 1 },
  { kind: 'rotation', name: 'Shadow the executive', minSessionsPerQuarter: 2 },
  { kind: 'rotation', name: 'Operations rotation', minSessionsPerQuarter: 3 },
  { kind: 'rotation', name: 'Field rotation', minSessionsPerQuarter: 2 },
];

/** Summary of what a seed wrote. */
export interface LargeSeedSummary {
  version: number;
  /** SHA-256 of each migration applied when seeding: one edited since means seeding again. */
  migrations: Record<string, string>;
  today: string;
  orgId: string;
  counts: Record<string, number>;
  programmeIds: Record<ProgrammeKind, string[]>;
}

/**
 * The benchmark organisation as SQL, in chunks of multi-row INSERTs (parents before children).
 * Returns, when exhausted, what it wrote.
 *
 * @example
 * for (const chunk of largeOrgSql({ today: '2026-11-21', coordinatorTokenHash })) sqlite.write(chunk);
 */
export function* largeOrgSql({
  today,
  coordinatorTokenHash,
  size = largeOrgSize,
}: {
  today: string;
  coordinatorTokenHash: string;
  size?: LargeOrgSize;
}): Generator<string, LargeSeedSummary> {
  const anchor = Date.parse(`${today}T00:00:00.000Z`);
  if (Number.isNaN(anchor)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const date = (day: number) => new Date(anchor + day * DAY).toISOString().slice(0, 10);
  const instant = (ms: number) => new Date(ms).toISOString();
  const latest = anchor - MINUTE; // nothing is dated after the start of today
  const rng = seededRandom(SEED);
  const counts: Record<string, number> = {};

  // Rows go out as INSERTs of up to 500 rows, in chunks of about 1 MB.
  let chunk = '';
  let statement: string[] = [];
  let header = '';
  let table = '';
  const flushStatement = () => {
    if (statement.length > 0) chunk += `${header}\n${statement.join(',\n')};\n`;
    statement = [];
  };
  function* begin(name: string, columns: readonly string[]) {
    flushStatement();
    table = name;
    header = `INSERT INTO ${name} (${columns.join(', ')}) VALUES`;
    counts[name] ??= 0;
    if (chunk.length > 0) yield takeChunk();
  }
  function* row(values: readonly SqlValue[]) {
    statement.push(`(${values.map(sqlLiteral).join(',')})`);
    counts[table]!++;
    if (statement.length === 500) {
      flushStatement();
      if (chunk.length > 1_000_000) yield takeChunk();
    }
  }
  const takeChunk = () => {
    const out = chunk;
    chunk = '';
    return out;
  };

  // ---- organisation, people, token, programmes ----
  const created = instant(anchor - (HISTORY_DAYS + 30) * DAY);
  yield* begin('orgs', [
    'id',
    'name',
    'min_group_size',
    'comment_minimum',
    'fiscal_year_start_month',
    'attribute_dimensions',
    'created_at',
    'updated_at',
    'slug',
  ]);
  yield* row([
    BENCH_ORG_ID,
    'Benchmark Holdings (synthetic)',
    5,
    10,
    1,
    JSON.stringify(Object.keys(populationBaselines)),
    created,
    created,
    'benchmark',
  ]);

  const people: Person[] = [];
  const levels = { executive: 3, senior: 15, mid: 40, early: 42 } as const;
  yield* begin('participants', [
    'id',
    'org_id',
    'display_name',
    'email',
    'level',
    'function',
    'region',
    'status',
    'created_at',
    'updated_at',
    'role',
    'record_key',
  ]);
  const attributeRows: SqlValue[][] = [];
  for (let i = 0; i < size.participants; i++) {
    // Participant 0 is the coordinator who runs the programmes (and holds the benchmark token).
    const level: Level = i === 0 ? 'senior' : rng.weighted(levels);
    const gender = rng.weighted(level === 'executive' ? { woman: 35, man: 63, non_binary: 2 } : { woman: 48, man: 49, non_binary: 3 });
    const first = rng.pick(gender === 'non_binary' || rng.chance(0.15) ? firstNames.neutral : firstNames[gender]);
    const last = rng.pick(surnames);
    const p: Person = { index: i, id: stableUuid(`bench:participant:${i}`), level };
    people.push(p);
    const status = i > 0 && rng.chance(0.01) ? 'inactive' : 'active';
    yield* row([
      p.id,
      BENCH_ORG_ID,
      `${first} ${last}`,
      `person${i}@bench.example`,
      level,
      rng.pick(functions),
      rng.weighted({ EMEA: 45, 'North America': 30, APAC: 17, LATAM: 8 }),
      status,
      created,
      created,
      i === 0 ? 'coordinator' : 'participant',
      newRecordKey(),
    ]);
    // No row for a dimension someone left blank: they count as `undisclosed`.
    const ageBand = rng.weighted(
      level === 'executive'
        ? { '40_49': 30, '50_59': 55, '60_plus': 15 }
        : level === 'senior'
          ? { '30_39': 20, '40_49': 45, '50_59': 30, '60_plus': 5 }
          : level === 'mid'
            ? { under_30: 15, '30_39': 50, '40_49': 30, '50_59': 5 }
            : { under_30: 65, '30_39': 30, '40_49': 5 },
    );
    const ethnicity = rng.weighted({ white: 55, asian: 17, black: 11, hispanic_latino: 6, middle_eastern_north_african: 4, multiple: 7 });
    if (rng.chance(0.92)) attributeRows.push([BENCH_ORG_ID, p.id, 'gender', gender]);
    if (rng.chance(0.95)) attributeRows.push([BENCH_ORG_ID, p.id, 'age_band', ageBand]);
    if (rng.chance(0.87)) attributeRows.push([BENCH_ORG_ID, p.id, 'ethnicity', ethnicity]);
  }
  yield* begin('participant_attributes', ['org_id', 'participant_id', 'dimension', 'value']);
  for (const values of attributeRows) yield* row(values);

  // The benchmark's coordinator holds one credential whose access token outlives any bench run (a
  // known state set up directly, as a fixture; how people really sign in is tested elsewhere).
  const credentialId = stableUuid('bench:token:coordinator');
  yield* begin('tokens', [
    'id',
    'org_id',
    'participant_id',
    'role',
    'hash',
    'label',
    'created_at',
    'revoked_at',
    'kind',
    'client',
    'refresh_expires_at',
  ]);
  yield* row([
    credentialId,
    BENCH_ORG_ID,
    people[0]!.id,
    'coordinator',
    `bench-refresh-${coordinatorTokenHash}`,
    'benchmark coordinator',
    created,
    null,
    'invitation',
    'api',
    '2999-01-01T00:00:00.000Z',
  ]);
  yield* begin('access_tokens', ['hash', 'credential_id', 'expires_at']);
  yield* row([coordinatorTokenHash, credentialId, '2999-01-01T00:00:00.000Z']);

  const programmes: Programme[] = programmeSpecs.map((s, i) => ({ id: stableUuid(`bench:programme:${i}`), ...s }));
  yield* begin('programmes', ['id', 'org_id', 'name', 'kind', 'charter', 'min_sessions_per_quarter', 'status', 'created_at', 'updated_at']);
  for (const p of programmes) yield* row([p.id, BENCH_ORG_ID, p.name, p.kind, '', p.minSessionsPerQuarter, 'active', created, created]);

  // ---- engagements ----
  const engagements = formEngagements(rng, people.slice(1), programmes, size.engagements);
  allocateSessions(rng, engagements, size.sessions);

  yield* begin('engagements', ['id', 'org_id', 'programme_id', 'starts_on', 'ends_on', 'status', 'objectives', 'created_at', 'updated_at']);
  for (const e of engagements) {
    const at = instant(anchor + (e.startsOn - rng.int(2, 10)) * DAY + 10 * 60 * MINUTE);
    yield* row([e.id, BENCH_ORG_ID, e.programme.id, date(e.startsOn), e.endsOn === null ? null : date(e.endsOn), e.status, '[]', at, at]);
  }
  yield* begin('engagement_members', ['org_id', 'engagement_id', 'participant_id', 'role']);
  for (const e of engagements) for (const m of e.members) yield* row([BENCH_ORG_ID, e.id, m.person.id, m.role]);

  // ---- sessions, planned first so the pulse can be drawn to an exact total ----
  const planned = engagements.map((e) => planSessions(rng, e, anchor));
  let slots = 0;
  // Only sessions already held can be answered; those booked ahead cannot.
  const answerable = (sessions: PlannedSession[]) => sessions.filter((s) => !s.cancelled && s.start < anchor);
  engagements.forEach((e, i) => {
    slots += answerable(planned[i]!).length * e.members.length;
  });
  if (slots < size.pulseResponses) throw new Error(`only ${slots} chances to answer the pulse for ${size.pulseResponses} responses`);

  yield* begin('sessions', [
    'id',
    'org_id',
    'engagement_id',
    'starts_at',
    'ends_at',
    'provider',
    'event_id',
    'cycle',
    'status',
    'created_by',
    'client_updated_at',
    'created_at',
    'updated_at',
  ]);
  const providers = { google: 50, outlook: 40, ics: 7, manual: 3 } as const;
  for (const [i, e] of engagements.entries()) {
    for (const [n, s] of planned[i]!.entries()) {
      const tagged = Math.min(s.start - rng.int(0, 6) * DAY - 3_600_000, latest);
      const updated = s.cancelled ? Math.min(s.start - 2 * 3_600_000, latest) : tagged;
      const cycle = rng.chance(0.05) ? rng.pick(['product_launch', 'market_review', 'talent_review', 'strategy_offsite', 'other']) : null;
      const creator = rng.chance(0.75) ? e.members[e.members.length - 1]!.person : rng.pick(e.members).person;
      yield* row([
        s.id,
        BENCH_ORG_ID,
        e.id,
        instant(s.start),
        instant(s.start + s.minutes * MINUTE),
        rng.weighted(providers),
        `bench-${i}-${n}`,
        cycle,
        s.cancelled ? 'cancelled' : 'held',
        creator.id,
        instant(updated),
        instant(tagged),
        instant(updated),
      ]);
    }
  }

  // Pulse: exactly `size.pulseResponses` of the (held session × member) chances, drawn by selection
  // sampling (Knuth's algorithm S), so each chance is equally likely and the total is exact.
  yield* begin('pulse_responses', [
    'org_id',
    'session_id',
    'respondent_id',
    'value',
    'safety',
    'applied',
    'check_in',
    'client_updated_at',
    'created_at',
    'updated_at',
  ]);
  let needed = size.pulseResponses;
  let left = slots;
  for (const [i, e] of engagements.entries()) {
    const tone = e.profile === 'strained' ? 2.2 : e.profile === 'healthy' ? 4 : 3.3;
    const sessions = answerable(planned[i]!);
    for (const s of sessions) {
      for (const m of e.members) {
        const take = rng.next() * left < needed;
        left--;
        if (!take) continue;
        needed--;
        const at = instant(Math.min(s.start + (s.minutes + rng.int(10, 48 * 60)) * MINUTE, latest));
        // Check-ins are rare, and mostly where an engagement is strained, near its end.
        const checkIn = rng.chance(e.profile === 'strained' && s === sessions[sessions.length - 1] ? 0.6 : 0.002) ? 1 : 0;
        yield* row([
          BENCH_ORG_ID,
          s.id,
          m.person.id,
          score(rng, tone),
          rng.chance(0.7) ? score(rng, tone + 0.3) : null,
          rng.chance(0.6) ? score(rng, tone - 0.2) : null,
          checkIn,
          at,
          at,
          at,
        ]);
      }
    }
  }

  yield* begin('population_baselines', ['org_id', 'dimension', 'grp', 'count', 'updated_at']);
  for (const [dimension, groups] of Object.entries(populationBaselines)) {
    for (const [grp, count] of Object.entries(groups)) yield* row([BENCH_ORG_ID, dimension, grp, count, created]);
  }
  flushStatement();
  if (chunk.length > 0) yield takeChunk();

  const programmeIds = { reverse: [], classic: [], advisory: [], rotation: [] } as Record<ProgrammeKind, string[]>;
  for (const p of programmes) programmeIds[p.kind].push(p.id);
  return { version: LARGE_SEED_VERSION, migrations: migrationHashes(), today, orgId: BENCH_ORG_ID, counts, programmeIds };
}

/** A score 1–5 around a tone. */
function score(rng: SeededRandom, tone: number): number {
  return Math.max(1, Math.min(5, Math.round(tone + (rng.next() + rng.next() + rng.next() - 1.5) * 1.6)));
}

function formEngagements(rng: SeededRandom, people: Person[], programmes: Programme[], count: number): Engagement[] {
  const byLevel = (...levels: Level[]) => people.filter((p) => levels.includes(p.level));
  const pools = {
    executive: byLevel('executive'),
    senior: byLevel('senior'),
    leader: byLevel('executive', 'senior'),
    junior: byLevel('mid', 'early'),
    mid: byLevel('mid', 'senior'),
  };
  /** Someone from a pool who is not already in the engagement. */
  const draw = (pool: Person[], taken: Person[]) => {
    for (;;) {
      const p = rng.pick(pool);
      if (!taken.includes(p)) return p;
    }
  };
  const engagements: Engagement[] = [];
  for (let index = 0; index < count; index++) {
    const kind = rng.weighted<ProgrammeKind>({ classic: 40, reverse: 30, rotation: 15, advisory: 15 });
    const programme = rng.pick(programmes.filter((p) => p.kind === kind));
    const members: Engagement['members'] = [];
    const add = (role: MemberRole, pool: Person[]) =>
      members.push({
        role,
        person: draw(
          pool,
          members.map((m) => m.person),
        ),
      });
    // Roles per kind as the Worker enforces them (shared/engagement.ts, rolesByKind); the last member
    // added is the one who usually tags the sessions (mentee, executive, rotator).
    switch (kind) {
      case 'reverse': // the mentor is the junior colleague, the mentee the senior leader
        add('mentor', pools.junior);
        add('mentee', rng.chance(0.6) ? pools.executive : pools.senior);
        break;
      case 'classic':
        add('mentor', rng.chance(0.3) ? pools.executive : pools.senior);
        add('mentee', pools.junior);
        break;
      case 'advisory':
        for (let n = rng.int(1, 3); n > 0; n--) add('advisor', pools.leader);
        for (let n = rng.int(1, 3); n > 0; n--) add('executive', pools.executive);
        break;
      case 'rotation':
        add('host', pools.leader);
        add('rotator', pools.mid);
        break;
    }
    checkRoles(kind, members);

    let status: Engagement['status'] = 'active';
    let profile: Profile = 'healthy';
    let startsOn: number;
    let endsOn: number | null = null;
    let window: [number, number];
    if (kind === 'rotation') {
      const length = rng.int(7, 42);
      endsOn = rng.int(-HISTORY_DAYS + length, 20);
      startsOn = endsOn - length;
      // Rotations over for more than two weeks are mostly closed; some still wait for a debrief.
      status = endsOn < -14 && rng.chance(0.9) ? 'closed' : 'active';
      window = [startsOn, Math.min(endsOn, -1)];
    } else {
      startsOn = rng.int(-HISTORY_DAYS, -45);
      const expected = 91.25 / programme.minSessionsPerQuarter;
      status = rng.weighted({ active: 80, paused: 7, closed: 13 });
      let stop = -1;
      if (status === 'closed') {
        endsOn = rng.int(Math.min(startsOn + 90, -2), -2);
        stop = endsOn;
      } else if (status === 'paused') {
        stop = rng.int(Math.min(startsOn + 30, -2), -2);
      } else {
        if (rng.chance(0.15)) endsOn = rng.int(30, 365); // a planned end in the future
        profile = rng.weighted<Profile>({ healthy: 75, at_risk: 10, lapsed: 8, cancelling: 4, strained: 3 });
        // at risk: > 1.5 × the expected interval since the last session; lapsed: > 3 × (PRODUCT.md §4).
        if (profile === 'at_risk') stop = -Math.ceil(expected * (1.6 + rng.next()));
        if (profile === 'lapsed') stop = -Math.ceil(expected * (3.2 + rng.next() * 3));
      }
      window = [startsOn, Math.max(stop, startsOn)];
    }
    engagements.push({
      index,
      id: stableUuid(`bench:engagement:${index}`),
      programme,
      status,
      profile,
      members,
      startsOn,
      endsOn,
      window,
      sessions: 0,
    });
  }
  return engagements;
}

/** Fails loudly if a change here breaks the role rules the Worker enforces (`rolesByKind`). */
function checkRoles(kind: ProgrammeKind, members: Engagement['members']): void {
  const rules = rolesByKind[kind];
  for (const [role, { min, max }] of Object.entries(rules)) {
    const n = members.filter((m) => m.role === role).length;
    if (n < min || n > max) throw new Error(`${kind} engagement needs ${min}–${max} ${role}, got ${n}`);
  }
  if (members.some((m) => !(m.role in rules))) throw new Error(`role not allowed in a ${kind} engagement`);
}

/**
 * How many sessions each engagement holds: a rotation 3–6; the rest of the total in proportion to
 * the days each other engagement ran (advisory councils meet less often), by largest remainder.
 */
function allocateSessions(rng: SeededRandom, engagements: Engagement[], total: number): void {
  let rest = total;
  const ongoing: Engagement[] = [];
  for (const e of engagements) {
    if (e.programme.kind === 'rotation') {
      e.sessions = e.window[1] < e.window[0] ? 0 : rng.int(3, 6);
      rest -= e.sessions;
    } else ongoing.push(e);
  }
  const weight = (e: Engagement) => (e.window[1] - e.window[0] + 1) * (e.programme.kind === 'advisory' ? 0.5 : 1);
  const sum = ongoing.reduce((s, e) => s + weight(e), 0);
  const shares = ongoing.map((e) => (rest * weight(e)) / sum);
  ongoing.forEach((e, i) => {
    e.sessions = Math.floor(shares[i]!);
  });
  let missing = rest - ongoing.reduce((s, e) => s + e.sessions, 0);
  const byRemainder = ongoing.map((e, i) => ({ e, r: shares[i]! - e.sessions })).sort((a, b) => b.r - a.r || a.e.index - b.e.index);
  for (let i = 0; missing > 0; i++, missing--) byRemainder[i % byRemainder.length]!.e.sessions++;
}

interface PlannedSession {
  id: string;
  start: number;
  minutes: number;
  cancelled: boolean;
}

/** The engagement's sessions, oldest first, spread evenly (with jitter) over its window. */
function planSessions(rng: SeededRandom, e: Engagement, anchor: number): PlannedSession[] {
  const [from, to] = e.window;
  const span = to - from + 1;
  const minutes = e.programme.kind === 'advisory' ? [90, 120] : [30, 45, 60];
  const out: PlannedSession[] = [];
  for (let n = 0; n < e.sessions; n++) {
    const day = from + Math.min(span - 1, Math.floor(((n + 0.15 + rng.next() * 0.7) * span) / e.sessions));
    const minuteOfDay = rng.int(16, 33) * 30; // 08:00–16:30 UTC
    out.push({
      id: stableUuid(`bench:session:${e.index}:${n}`),
      start: anchor + day * DAY + minuteOfDay * MINUTE,
      minutes: rng.pick(minutes),
      cancelled: rng.chance(0.07),
    });
  }
  out.sort((a, b) => a.start - b.start);
  // Sessions are often tagged ahead: a third of the healthy running engagements have the next one booked.
  if (e.status === 'active' && e.profile === 'healthy' && e.programme.kind !== 'rotation' && out.length > 0 && rng.chance(0.33)) {
    out[out.length - 1]!.start = anchor + rng.int(1, 14) * DAY + rng.int(16, 33) * 30 * MINUTE;
  }
  if (e.profile === 'cancelling' && out.length >= 2) out[out.length - 1]!.cancelled = out[out.length - 2]!.cancelled = true;
  if (e.profile !== 'cancelling' && out.length >= 1 && e.status === 'active') out[out.length - 1]!.cancelled = false;
  return out;
}

// ---------------------------------------------------------------------------
// Loading into the local D1

/** Debian's `sqlite3`, installed with apt when missing and running as root (as CI does for Chromium). */
export function ensureSqlite3(): string {
  const found = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  if (process.getuid?.() === 0) {
    console.log('▸ Installing sqlite3 (apt-get) …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'sqlite3']]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
    }
    return ensureSqlite3();
  }
  throw new Error('sqlite3 is not installed: sudo apt-get install -y sqlite3');
}

/** The SQLite file behind the local D1 binding under a persist dir. */
export function localD1File(persistTo = benchPaths.persistTo): string {
  const dir = path.join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite') : [];
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.length}`);
  return path.join(dir, files[0]!);
}

/** Runs SQL through `sqlite3` on a file and resolves with its output. */
export function sqlite3(file: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sqlite3', ['-bail', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    // Decoded as a stream, so that a character split across two chunks survives.
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && err === '' ? resolve(out) : reject(new Error(`sqlite3 exited with ${code}: ${err}`))));
    child.stdin.end(sql);
  });
}

/** Streams the generated rows into the D1 file in one transaction. */
async function load(file: string, chunks: Generator<string, LargeSeedSummary>): Promise<LargeSeedSummary> {
  // Secondary indexes and triggers are dropped for the load and made again from their own SQL: much
  // faster than maintaining them row by row, and the schema ends up exactly as the migrations made it.
  // The analytics rollups the triggers would have kept are then rebuilt in one go (migrations/0003).
  const schema = (
    await sqlite3(
      file,
      `.mode list\nSELECT type || '|' || name || '|' || replace(sql, char(10), ' ') || ';' FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL;`,
    )
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [type, name] = line.split('|', 2) as [string, string];
      return { type, name, sql: line.slice(type.length + name.length + 2) };
    });
  const rebuild =
    (await sqlite3(file, `SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'rollup_rebuild';`)).trim() === '1';
  const child = spawn('sqlite3', ['-bail', file], { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const closed = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const write = (s: string) => (child.stdin.write(s) ? Promise.resolve() : new Promise<void>((r) => child.stdin.once('drain', r)));
  await write(`PRAGMA synchronous = OFF;\nBEGIN;\n${schema.map((x) => `DROP ${x.type.toUpperCase()} ${x.name};`).join('\n')}\n`);
  let next = chunks.next();
  while (!next.done) {
    await write(next.value);
    next = chunks.next();
  }
  await write(`${schema.map((x) => x.sql).join('\n')}\n`);
  if (rebuild) await write('INSERT INTO rollup_rebuild (engagement_id) SELECT id FROM engagements;\n');
  await write('COMMIT;\nPRAGMA wal_checkpoint(TRUNCATE);\n');
  child.stdin.end();
  const code = await closed;
  if (code !== 0 || err.trim() !== '') throw new Error(`sqlite3 failed (${code}): ${err.slice(0, 2000)}`);
  return next.value;
}

/** SHA-256 of each migration file, by name. */
function migrationHashes(): Record<string, string> {
  const dir = path.join(paths.root, 'worker', 'migrations');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
}

/**
 * The marker of a finished seed, if it is by this version and none of the migrations it was seeded
 * with has been edited since (new migrations are fine: they are applied to it, with their backfill).
 */
export function readSeedMarker(): LargeSeedSummary | null {
  try {
    const marker = JSON.parse(readFileSync(benchPaths.marker, 'utf8')) as LargeSeedSummary;
    const now = migrationHashes();
    const edited = !marker.migrations || Object.entries(marker.migrations).some(([file, hash]) => now[file] !== hash);
    return marker.version === LARGE_SEED_VERSION && !edited && existsSync(benchPaths.coordinatorToken) ? marker : null;
  } catch {
    return null;
  }
}

/**
 * Makes `.wrangler/bench` hold the benchmark organisation: reuses a seed by this version (after
 * applying any new migrations to it), else starts over. Resolves with the seed, the coordinator
 * token's secret and the database file.
 */
export async function ensureLargeSeed({ reseed = false, today = new Date().toISOString().slice(0, 10), log = console.log } = {}) {
  ensureSqlite3();
  let summary = reseed ? null : readSeedMarker();
  if (summary) {
    log(`▸ Reusing the benchmark seed of ${summary.today} (${benchPaths.persistTo}); --reseed to start over`);
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', benchPaths.persistTo]);
  } else {
    rmSync(benchPaths.persistTo, { recursive: true, force: true });
    mkdirSync(benchPaths.persistTo, { recursive: true });
    let started = Date.now();
    log('▸ Applying migrations to a fresh local D1 in .wrangler/bench …');
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', benchPaths.persistTo]);
    const file = localD1File();
    const secret = newTokenSecret();
    started = Date.now();
    log(`▸ Generating and loading the benchmark organisation for ${today} with sqlite3 …`);
    summary = await load(file, largeOrgSql({ today, coordinatorTokenHash: await hashToken(secret) }));
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    writeFileSync(benchPaths.coordinatorToken, `${secret}\n`, { mode: 0o600 });
    chmodSync(benchPaths.coordinatorToken, 0o600);
    writeFileSync(benchPaths.marker, `${JSON.stringify(summary, null, 2)}\n`);
  }
  return { summary, token: readFileSync(benchPaths.coordinatorToken, 'utf8').trim(), file: localD1File() };
}

async function main() {
  const { values } = parseArgs({ options: { reseed: { type: 'boolean', default: false }, today: { type: 'string' } } });
  const { summary, file } = await ensureLargeSeed({ reseed: values.reseed, today: values.today });
  console.log(`Benchmark organisation ${summary.orgId} (seeded for ${summary.today}) in ${path.relative(process.cwd(), file)}`);
  for (const [table, n] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(24)} ${n}`);
  console.log(`Coordinator token: ${path.relative(process.cwd(), benchPaths.coordinatorToken)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
