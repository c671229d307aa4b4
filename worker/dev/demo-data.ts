/**
 * The demo organisation, "Northwind Group (demo)": people, programmes of all four
 * kinds, engagements, six months of sessions with notes and pulse answers, and
 * population baselines — enough for every analytic to show something, including
 * what the privacy rules hide.
 *
 * Deterministic: everything is drawn from one seeded PRNG as day offsets from
 * "today", and ids are derived from names (`stableUuid`). Running it twice gives
 * the same ids and the same counts; on another day only the dates move, so the
 * demo always ends around the day it is run. Nothing here reads the clock: the
 * caller passes `today`.
 */
import { Buffer } from 'node:buffer';
import { rolesByKind, type MemberRole, type ProgrammeKind } from '../../shared';
import {
  advisorFunction,
  firstNames,
  functions,
  noteOpenings,
  noteParts,
  objectives,
  programmes as programmeTexts,
  surnames,
} from './demo-texts';
import { newRecordKey } from '../domain/record-key';
import { LOCAL_OIDC_CLIENT_ID } from './oidc-provider';
import { demoObjectives } from './demo-objectives';
import { seededRandom, stableHex, stableUuid, type SeededRandom } from './random';
import type { Row } from './sql';

/** The demo organisation's id: fixed so the seed updates it in place. */
export const DEMO_ORG_ID = 'a7d3c1e2-5b4f-4c6a-9e8d-2f1b0c3d4e5f';
export const DEMO_ORG_NAME = 'Northwind Group (demo)';
/** How people name the demo organisation when they sign in. */
export const DEMO_ORG_SLUG = 'northwind';
/** The staff's email domain: the one the organisation's identity provider signs in. */
export const DEMO_STAFF_DOMAIN = 'northwind.example';
/** The external advisors' domain: outside the identity provider, so they are invited. */
export const DEMO_ADVISOR_DOMAIN = 'advisors.example';
/** What the sign-in button says: the `identity_providers` row's label. */
export const DEMO_PROVIDER_LABEL = 'Northwind SSO (local)';
export const DEMO_PROVIDER_ID = stableUuid('identity-provider:local');
const SEED = 0x0d1a0d;
const DAY = 86_400_000;

/** The people `npm start` names: they sign in through the identity provider. */
export type DemoRole = 'admin' | 'coordinator' | 'leader';

/** One table's rows, with the key the upsert resolves conflicts on. */
export interface TableRows {
  table: string;
  key: readonly string[];
  rows: Row[];
}

export interface DemoPerson {
  id: string;
  displayName: string;
  email: string;
}

export interface DemoData {
  /** In insertion order: parents before children (D1 enforces foreign keys). */
  tables: TableRows[];
  people: Record<DemoRole, DemoPerson>;
  /** Everyone with a staff email: the accounts of the local identity provider. */
  staff: DemoPerson[];
  /** Two external advisors of the leader's council (no staff email): `npm start` invites them. */
  advisors: [DemoPerson, DemoPerson];
  /** What the leader takes part in, for the start-up banner. */
  leaderEngagements: { programme: string; role: MemberRole }[];
}

type Level = 'executive' | 'senior' | 'mid' | 'early';
type Gender = 'woman' | 'man' | 'non_binary';
type Provider = 'google' | 'outlook' | 'ics';

interface Person {
  index: number;
  id: string;
  displayName: string;
  email: string;
  level: Level;
  function: string;
  region: string;
  advisor: boolean;
  /** Which calendar the person tags sessions from. */
  calendar: Provider;
  attributes: Partial<Record<'gender' | 'age_band' | 'ethnicity', string>>;
}

/**
 * How an engagement behaves over the six months. Cadence profiles map onto the
 * health rules of PRODUCT.md §4 (at risk > 1.5 × expected interval, lapsed > 3 ×).
 */
type Profile =
  | 'healthy'
  | 'strained' // healthy cadence, low pulse, a check-in requested recently
  | 'cancelling' // the last two sessions cancelled
  | 'at_risk'
  | 'lapsed'
  | 'paused'
  | 'closed'
  | 'rotation_ongoing'
  | 'rotation_ended_recently'
  | 'rotation_debrief_overdue' // ended > 14 days ago, still active
  | 'rotation_completed';

interface Engagement {
  index: number;
  id: string;
  kind: ProgrammeKind;
  profile: Profile;
  members: { person: Person; role: MemberRole }[];
  startsOn: number;
  endsOn: number | null;
}

interface PlannedSession {
  /** Day offset from today (negative: past). */
  day: number;
  minuteOfDay: number;
  minutes: number;
  cancelled: boolean;
  cycle: string | null;
  creator: Person;
  taggedDaysBefore: number;
}

/** Population baselines (PRODUCT.md §2): the eligible population per group, as HR would report it. */
const populationBaselines: Record<string, Record<string, number>> = {
  gender: { woman: 612, man: 688, non_binary: 14 },
  age_band: { under_30: 180, '30_39': 400, '40_49': 380, '50_59': 250, '60_plus': 104 },
  ethnicity: {
    asian: 200,
    black: 110,
    // Under-selected on purpose, so the four-fifths rule has something to flag.
    hispanic_latino: 150,
    middle_eastern_north_african: 55,
    white: 700,
    multiple: 99,
  },
};

/** Business-cycle moments of the last six months; sessions near one are often tagged with it. */
const cycleMoments = [
  { day: -150, cycle: 'talent_review' },
  { day: -95, cycle: 'market_review' },
  { day: -60, cycle: 'product_launch' },
  { day: -30, cycle: 'strategy_offsite' },
  { day: -6, cycle: 'market_review' },
] as const;

export function generateDemo({
  today,
  providerIssuer,
}: {
  /** `YYYY-MM-DD`: the day the demo ends around. */
  today: string;
  /** The local identity provider's issuer (`http://127.0.0.1:8788`): the staff sign in there. */
  providerIssuer: string;
}): DemoData {
  const anchor = Date.parse(`${today}T00:00:00.000Z`);
  if (Number.isNaN(anchor)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const date = (day: number) => new Date(anchor + day * DAY).toISOString().slice(0, 10);
  const instant = (day: number, minuteOfDay = 9 * 60) => new Date(anchor + day * DAY + minuteOfDay * 60_000).toISOString();
  /** Sessions on a weekend move back to the Friday, unless that is before the engagement began. */
  const weekday = (day: number, notBefore: number) => {
    const dow = new Date(anchor + day * DAY).getUTCDay();
    const shifted = dow === 6 ? day - 1 : dow === 0 ? day - 2 : day;
    return shifted >= notBefore ? shifted : day;
  };

  const rng = seededRandom(SEED);
  const people = generatePeople(rng);
  const byIndex = (i: number) => people[i]!;
  const [leader, admin, coordinator] = [byIndex(0), byIndex(1), byIndex(2)];

  const programmes = (['reverse', 'advisory', 'rotation', 'classic'] as const).map((kind) => ({
    id: stableUuid(`programme:${kind}`),
    kind,
    ...programmeTexts[kind],
    minSessionsPerQuarter: kind === 'advisory' ? 1 : 2,
  }));
  const programmeOf = (kind: ProgrammeKind) => programmes.find((p) => p.kind === kind)!;

  const engagements = formEngagements(rng, people, leader);

  // ---- rows ----
  const orgCreated = instant(-245);
  const orgs: Row[] = [
    {
      id: DEMO_ORG_ID,
      name: DEMO_ORG_NAME,
      slug: DEMO_ORG_SLUG,
      min_group_size: 5,
      comment_minimum: 10,
      fiscal_year_start_month: 1,
      attribute_dimensions: JSON.stringify(['gender', 'age_band', 'ethnicity']),
      extension_health_reports: 1,
      created_at: orgCreated,
      updated_at: orgCreated,
    },
  ];

  const participantsCreated = instant(-240);
  const participants: Row[] = people.map((p) => ({
    id: p.id,
    org_id: DEMO_ORG_ID,
    display_name: p.displayName,
    email: p.email,
    level: p.level,
    function: p.function,
    region: p.region,
    status: 'active',
    // A role belongs to the person (migration 0008): whoever signs in as them acts with it.
    role: p === admin ? 'admin' : p === coordinator ? 'coordinator' : 'participant',
    // Secret and random even in the demo (shared/rules/disclosure.ts): never from the seeded generator.
    record_key: newRecordKey(),
    created_at: participantsCreated,
    updated_at: participantsCreated,
  }));
  const attributes: Row[] = people.flatMap((p) =>
    Object.entries(p.attributes).map(([dimension, value]) => ({
      org_id: DEMO_ORG_ID,
      participant_id: p.id,
      dimension,
      value: value!,
    })),
  );

  // The organisation's identity provider: the local one `npm start` runs (worker/dev/oidc-provider.ts).
  const providerCreated = instant(-239);
  const identityProviders: Row[] = [
    {
      id: DEMO_PROVIDER_ID,
      org_id: DEMO_ORG_ID,
      label: DEMO_PROVIDER_LABEL,
      issuer: providerIssuer,
      client_id: LOCAL_OIDC_CLIENT_ID,
      email_claim: 'email',
      email_domains: JSON.stringify([DEMO_STAFF_DOMAIN]),
      created_at: providerCreated,
      updated_at: providerCreated,
    },
  ];

  const programmesCreated = instant(-230);
  const programmeRows: Row[] = programmes.map((p) => ({
    id: p.id,
    org_id: DEMO_ORG_ID,
    name: p.name,
    kind: p.kind,
    charter: p.charter,
    min_sessions_per_quarter: p.minSessionsPerQuarter,
    status: 'active',
    created_at: programmesCreated,
    updated_at: programmesCreated,
  }));

  const engagementRows: Row[] = [];
  const memberRows: Row[] = [];
  const sessionRows: Row[] = [];
  const noteRows: Row[] = [];
  const pulseRows: Row[] = [];
  const latest = anchor - 60_000; // nothing is dated after the start of today

  for (const e of engagements) {
    const programme = programmeOf(e.kind);
    const chosenObjectives = rng.shuffle(objectives[e.kind]).slice(0, rng.int(1, e.kind === 'classic' ? 3 : 2));
    const planned = planSessions(rng, e);
    const stopped = planned.length > 0 ? planned[planned.length - 1]!.day + 1 : e.startsOn;
    const createdAt = instant(e.startsOn - rng.int(3, 10), 10 * 60);
    const changedStatus = e.profile === 'paused' || e.profile === 'closed' || e.profile === 'rotation_completed';
    engagementRows.push({
      id: e.id,
      org_id: DEMO_ORG_ID,
      programme_id: programme.id,
      starts_on: date(e.startsOn),
      ends_on: e.endsOn === null ? null : date(e.endsOn),
      status: statusOf(e.profile),
      objectives: JSON.stringify(chosenObjectives),
      created_at: createdAt,
      updated_at: changedStatus ? instant(Math.min(Math.max(stopped, e.endsOn ?? stopped), -1), 11 * 60) : createdAt,
    });
    for (const m of e.members) {
      memberRows.push({ org_id: DEMO_ORG_ID, engagement_id: e.id, participant_id: m.person.id, role: m.role });
    }

    const tone = toneOf(rng, e.profile);
    const responseRate = responseRateOf(e.profile);
    const lastHeld = planned.filter((s) => !s.cancelled).at(-1);
    planned.forEach((s, n) => {
      const sessionId = stableUuid(`session:${e.index}:${n}`);
      const day = weekday(s.day, e.startsOn);
      const startMs = Date.parse(instant(day, s.minuteOfDay));
      const endMs = startMs + s.minutes * 60_000;
      const tagged = new Date(Math.min(startMs - s.taggedDaysBefore * DAY - 3_600_000, latest)).toISOString();
      const updated = s.cancelled ? new Date(startMs - 2 * 3_600_000).toISOString() : tagged;
      sessionRows.push({
        id: sessionId,
        org_id: DEMO_ORG_ID,
        engagement_id: e.id,
        starts_at: new Date(startMs).toISOString(),
        ends_at: new Date(endMs).toISOString(),
        provider: s.creator.calendar,
        event_id: calendarEventId(s.creator.calendar, `${e.index}:${n}`),
        cycle: s.cycle,
        status: s.cancelled ? 'cancelled' : 'held',
        created_by: s.creator.id,
        client_updated_at: updated,
        created_at: tagged,
        updated_at: updated,
      });
      if (s.cancelled) return;

      // Pulse: most members answer, within hours or a couple of days (the window is 14 days).
      for (const m of e.members) {
        const answers = rng.chance(responseRate);
        const delayMinutes = rng.int(10, 48 * 60);
        const value = score(rng, tone);
        const safety = rng.chance(0.8) ? score(rng, tone + 0.3) : null;
        const applied = rng.chance(0.7) ? score(rng, tone - 0.2) : null;
        const mentee = m.role === 'mentee' || m.role === 'rotator' || m.role === 'executive';
        const checkIn =
          (e.profile === 'strained' && s === lastHeld && mentee) ||
          rng.chance(e.profile === 'strained' ? 0.15 : e.profile === 'at_risk' ? 0.06 : 0.015);
        if (!answers && !checkIn) continue;
        const at = new Date(Math.min(endMs + delayMinutes * 60_000, latest)).toISOString();
        pulseRows.push({
          org_id: DEMO_ORG_ID,
          session_id: sessionId,
          respondent_id: m.person.id,
          value,
          safety,
          applied,
          check_in: checkIn ? 1 : 0,
          client_updated_at: at,
          created_at: at,
          updated_at: at,
        });
      }

      // Notes: about two sessions in five get one, some a second from the other side.
      const noteCount = rng.chance(0.4) ? (rng.chance(0.3) ? 2 : 1) : 0;
      const authors = rng.shuffle(e.members.map((m) => m.person));
      for (let k = 0; k < noteCount && k < authors.length; k++) {
        const author = authors[k]!;
        const parts = noteParts[e.kind];
        const body = `${rng.pick(noteOpenings)} ${rng.pick(parts.topics)}. ${rng.pick(parts.insights)}`;
        const ageDays = -s.day;
        const actionItems = rng
          .shuffle(parts.actions)
          .slice(0, rng.int(0, 3))
          .map((text) => ({ text, done: rng.chance(ageDays > 30 ? 0.7 : 0.25) }));
        const at = new Date(Math.min(endMs + rng.int(5, 24 * 60) * 60_000, latest)).toISOString();
        noteRows.push({
          id: stableUuid(`note:${e.index}:${n}:${k}`),
          org_id: DEMO_ORG_ID,
          session_id: sessionId,
          author_id: author.id,
          body,
          visibility: rng.chance(0.6) ? 'private' : 'shared',
          action_items: JSON.stringify(actionItems),
          client_updated_at: at,
          created_at: at,
          updated_at: at,
        });
      }
    });
  }

  const accountability = demoObjectives(
    engagements.map((e) => {
      const row = engagementRows.find((r) => r.id === e.id)!;
      return {
        index: e.index,
        id: e.id,
        kind: e.kind,
        status: statusOf(e.profile),
        members: e.members.map((m) => ({ personId: m.person.id, role: m.role })),
        startsOn: e.startsOn,
        endsOn: e.endsOn,
        framed: JSON.parse(String(row.objectives)) as string[],
        held: sessionRows
          .filter((r) => r.engagement_id === e.id && r.status === 'held')
          .map((r) => ({ id: String(r.id), day: Math.floor((Date.parse(String(r.starts_at)) - anchor) / DAY), endsAt: String(r.ends_at) })),
        isLeaders: e.members.some((m) => m.person === leader),
      };
    }),
    { org: DEMO_ORG_ID, date, instant },
  );

  const baselinesUpdated = instant(-200);
  const baselineRows: Row[] = Object.entries(populationBaselines).flatMap(([dimension, counts]) =>
    Object.entries(counts).map(([grp, count]) => ({
      org_id: DEMO_ORG_ID,
      dimension,
      grp,
      count,
      updated_at: baselinesUpdated,
    })),
  );

  // Two weeks of anonymous selector counts (the organisation opted in): every selector matching,
  // until Outlook's event time stopped being found three days ago — what a calendar redesign looks like.
  const healthRows: Row[] = [];
  for (let day = -14; day <= -1; day++) {
    const row = (host: string, selector: string, variant: number, hits: number, misses: number) =>
      healthRows.push({ org_id: DEMO_ORG_ID, day: date(day), host, version: '0.1.0', selector, variant, hits, misses });
    // Weekdays see more calendar use than weekends; each selector is looked up a different number of times.
    const weekend = [0, 6].includes(new Date(anchor + day * DAY).getUTCDay());
    for (const [i, selector] of ['google.main', 'google.chips', 'google.title', 'google.when', 'google.guests'].entries())
      row('google', selector, 0, (weekend ? 6 : 40) + 3 * (4 - i) + ((day + 14) % 4), 0);
    row('outlook', 'outlook.main', 0, 18 + (day % 5), 0);
    row('outlook', 'outlook.title', 0, 12 + (day % 3), 0);
    if (day < -3) row('outlook', 'outlook.when', 0, 12 + (day % 3), 0);
    else row('outlook', 'outlook.when', -1, 0, 9 + day);
  }

  const person = (p: Person): DemoPerson => ({ id: p.id, displayName: p.displayName, email: p.email });
  return {
    tables: [
      { table: 'orgs', key: ['id'], rows: orgs },
      { table: 'participants', key: ['id'], rows: participants },
      { table: 'participant_attributes', key: ['participant_id', 'dimension'], rows: attributes },
      { table: 'identity_providers', key: ['id'], rows: identityProviders },
      { table: 'programmes', key: ['id'], rows: programmeRows },
      { table: 'engagements', key: ['id'], rows: engagementRows },
      { table: 'engagement_members', key: ['engagement_id', 'participant_id'], rows: memberRows },
      { table: 'sessions', key: ['id'], rows: sessionRows },
      { table: 'notes', key: ['id'], rows: noteRows },
      { table: 'pulse_responses', key: ['session_id', 'respondent_id'], rows: pulseRows },
      { table: 'objectives', key: ['id'], rows: accountability.objectives },
      { table: 'objective_progress', key: ['id'], rows: accountability.progress },
      { table: 'session_objectives', key: ['session_id'], rows: accountability.links },
      { table: 'population_baselines', key: ['org_id', 'dimension', 'grp'], rows: baselineRows },
      { table: 'extension_health', key: ['org_id', 'day', 'host', 'version', 'selector', 'variant'], rows: healthRows },
    ],
    people: { admin: person(admin), coordinator: person(coordinator), leader: person(leader) },
    staff: people.filter((p) => !p.advisor).map(person),
    advisors: leadersAdvisors(engagements, leader).map(person) as [DemoPerson, DemoPerson],
    leaderEngagements: engagements.flatMap((e) =>
      e.members.filter((m) => m.person === leader).map((m) => ({ programme: programmeOf(e.kind).name, role: m.role })),
    ),
  };
}

// ---------------------------------------------------------------------------
// People

/** The three people `npm start` names (leader, admin, coordinator); everyone else is generated. */
const fixedPeople = [
  { first: 'Amara', last: 'Okafor', gender: 'woman', level: 'executive', function: 'Operations', region: 'EMEA' },
  { first: 'Priya', last: 'Raman', gender: 'woman', level: 'senior', function: 'People', region: 'EMEA' },
  { first: 'Tomás', last: 'Becker', gender: 'man', level: 'mid', function: 'People', region: 'EMEA' },
] as const;

/** Head-count by level of the generated people (the fixed three come on top). */
const headcount = { executive: 15, advisor: 8, senior: 35, mid: 47, early: 40 } as const;

function generatePeople(rng: SeededRandom): Person[] {
  const people: Person[] = [];
  const names = new Set<string>();
  const emails = new Set<string>();

  const add = (spec: { first: string; last: string; gender: Gender; level: Level; function: string; region: string; advisor: boolean }) => {
    const index = people.length;
    const displayName = `${spec.first} ${spec.last}`;
    names.add(displayName);
    // Advisors are external: their addresses are their own, not the organisation's.
    const domain = spec.advisor ? DEMO_ADVISOR_DOMAIN : DEMO_STAFF_DOMAIN;
    let email = `${emailPart(spec.first)}.${emailPart(spec.last)}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${emailPart(spec.first)}.${emailPart(spec.last)}${n}@${domain}`;
    emails.add(email);
    people.push({
      index,
      id: stableUuid(`participant:${index}`),
      displayName,
      email,
      level: spec.level,
      function: spec.function,
      region: spec.region,
      advisor: spec.advisor,
      calendar: rng.weighted({ google: 50, outlook: 42, ics: 8 }),
      attributes: drawAttributes(rng, spec.gender, spec.level, spec.advisor),
    });
  };

  for (const f of fixedPeople) add({ ...f, advisor: false });

  const generate = (level: Level, advisor: boolean) => {
    // Leadership is less gender-balanced than the workforce, as in most organisations.
    const gender = rng.weighted<Gender>(
      level === 'executive' ? { woman: 36, man: 62, non_binary: 2 } : { woman: 48, man: 49, non_binary: 3 },
    );
    let first: string;
    let last: string;
    do {
      const pool = gender === 'non_binary' || rng.chance(0.15) ? firstNames.neutral : firstNames[gender];
      first = rng.pick(pool);
      last = rng.pick(surnames);
    } while (names.has(`${first} ${last}`));
    add({
      first,
      last,
      gender,
      level,
      advisor,
      function: advisor ? advisorFunction : rng.pick(functions),
      region: rng.weighted({ EMEA: 45, 'North America': 30, APAC: 17, LATAM: 8 }),
    });
  };
  for (let i = 0; i < headcount.executive; i++) generate('executive', false);
  for (let i = 0; i < headcount.advisor; i++) generate('executive', true);
  for (let i = 0; i < headcount.senior; i++) generate('senior', false);
  for (let i = 0; i < headcount.mid; i++) generate('mid', false);
  for (let i = 0; i < headcount.early; i++) generate('early', false);
  return people;
}

/** `first.last` parts of an email: ASCII letters only ("O'Brien" → "obrien", "Zoë" → "zoe"). */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Self-reported attributes; some people leave a dimension blank (no row), as in real HR data. */
function drawAttributes(rng: SeededRandom, gender: Gender, level: Level, advisor: boolean): Person['attributes'] {
  const attributes: Person['attributes'] = {};
  const discloseGender = rng.chance(0.91);
  const discloseAge = rng.chance(0.95);
  const discloseEthnicity = rng.chance(0.86);
  const ageBand = rng.weighted(
    advisor
      ? { '50_59': 50, '60_plus': 50 }
      : level === 'executive'
        ? { '40_49': 30, '50_59': 55, '60_plus': 15 }
        : level === 'senior'
          ? { '30_39': 15, '40_49': 50, '50_59': 35 }
          : level === 'mid'
            ? { under_30: 10, '30_39': 55, '40_49': 35 }
            : { under_30: 70, '30_39': 30 },
  );
  const ethnicity = rng.weighted({
    white: 55,
    asian: 16,
    black: 10,
    hispanic_latino: 5,
    middle_eastern_north_african: 4,
    multiple: 5,
  });
  if (discloseGender) attributes.gender = gender;
  if (discloseAge) attributes.age_band = ageBand;
  if (discloseEthnicity) attributes.ethnicity = ethnicity;
  return attributes;
}

// ---------------------------------------------------------------------------
// Engagements

/** Profiles per kind; the first of each list is the demo leader's engagement. */
const profilesByKind: Record<ProgrammeKind, { leader: Profile; others: Partial<Record<Profile, number>> }> = {
  reverse: {
    leader: 'healthy',
    others: { healthy: 6, strained: 1, cancelling: 1, at_risk: 2, lapsed: 1, paused: 1, closed: 1 },
  },
  classic: {
    leader: 'healthy',
    others: { healthy: 7, strained: 1, at_risk: 3, lapsed: 2, paused: 1, closed: 1 },
  },
  advisory: { leader: 'healthy', others: { healthy: 2, at_risk: 1 } },
  rotation: {
    leader: 'rotation_ongoing',
    others: { rotation_ongoing: 2, rotation_ended_recently: 1, rotation_debrief_overdue: 1, rotation_completed: 5 },
  },
};

function formEngagements(rng: SeededRandom, people: Person[], leader: Person): Engagement[] {
  // Staff who run the programme (admin, coordinator) are not in engagements themselves.
  const eligible = people.filter((p) => p.index > 2);
  const pool = (filter: (p: Person) => boolean) => {
    const items = rng.shuffle(eligible.filter(filter));
    let next = 0;
    /** Takes the next person not in `exclude`, cycling when the pool runs out. */
    return (exclude: Person[] = []): Person => {
      for (let tries = 0; tries < items.length; tries++) {
        const p = items[next++ % items.length]!;
        if (!exclude.includes(p)) return p;
      }
      throw new Error('pool exhausted');
    };
  };
  const executives = pool((p) => p.level === 'executive' && !p.advisor);
  const advisors = pool((p) => p.advisor);
  const seniors = pool((p) => p.level === 'senior');
  const mids = pool((p) => p.level === 'mid');
  const earlies = pool((p) => p.level === 'early');

  const engagements: Engagement[] = [];
  const add = (kind: ProgrammeKind, profile: Profile, members: Engagement['members']) => {
    checkRoles(kind, members);
    const index = engagements.length;
    const { startsOn, endsOn } = span(rng, kind, profile);
    engagements.push({ index, id: stableUuid(`engagement:${index}`), kind, profile, members, startsOn, endsOn });
  };
  const profiles = (kind: ProgrammeKind): Profile[] => {
    const { leader: first, others } = profilesByKind[kind];
    const rest = Object.entries(others).flatMap(([profile, n]) => Array<Profile>(n!).fill(profile as Profile));
    return [first, ...rng.shuffle(rest)];
  };

  // Reverse: the mentor is the junior colleague, the mentee the senior leader (PRODUCT.md §2).
  profiles('reverse').forEach((profile, i) => {
    const mentee = i === 0 ? leader : i < 9 ? executives([leader]) : seniors();
    const mentor = i % 4 === 3 ? mids() : earlies();
    add('reverse', profile, [
      { person: mentor, role: 'mentor' },
      { person: mentee, role: 'mentee' },
    ]);
  });
  profiles('advisory').forEach((profile, i) => {
    const councilAdvisors: Person[] = [];
    for (let n = rng.int(2, 3); n > 0; n--) councilAdvisors.push(advisors(councilAdvisors));
    const councilExecutives: Person[] = i === 0 ? [leader] : [];
    for (let n = rng.int(1, 2); n > 0; n--) councilExecutives.push(executives([leader, ...councilExecutives]));
    add('advisory', profile, [
      ...councilAdvisors.map((person) => ({ person, role: 'advisor' as const })),
      ...councilExecutives.map((person) => ({ person, role: 'executive' as const })),
    ]);
  });
  profiles('rotation').forEach((profile, i) => {
    const rotator = i % 5 === 4 ? seniors() : mids();
    const host = i === 0 ? leader : rng.chance(0.5) ? executives([leader]) : seniors([rotator]);
    add('rotation', profile, [
      { person: rotator, role: 'rotator' },
      { person: host, role: 'host' },
    ]);
  });
  profiles('classic').forEach((profile, i) => {
    const mentor = i === 0 ? leader : i < 4 ? executives([leader]) : seniors();
    const mentee = i % 2 === 0 ? mids() : earlies();
    add('classic', profile, [
      { person: mentor, role: 'mentor' },
      { person: mentee, role: 'mentee' },
    ]);
  });
  return engagements;
}

/** The advisors on the leader's own council (the first advisory engagement), two of them. */
function leadersAdvisors(engagements: Engagement[], leader: Person): Person[] {
  const council = engagements.find((e) => e.kind === 'advisory' && e.members.some((m) => m.person === leader));
  const advisors = council?.members.filter((m) => m.role === 'advisor').map((m) => m.person) ?? [];
  if (advisors.length < 2) throw new Error("the leader's advisory council needs two advisors");
  return advisors.slice(0, 2);
}

/** Fails loudly if a change here breaks the role rules the Worker enforces (`rolesByKind`). */
function checkRoles(kind: ProgrammeKind, members: Engagement['members']): void {
  const rules = rolesByKind[kind];
  for (const [role, { min, max }] of Object.entries(rules)) {
    const n = members.filter((m) => m.role === role).length;
    if (n < min || n > max) throw new Error(`${kind} engagement needs ${min}–${max} ${role}, got ${n}`);
  }
  if (members.some((m) => !(m.role in rules))) throw new Error(`role not allowed in a ${kind} engagement`);
  if (new Set(members.map((m) => m.person)).size !== members.length) throw new Error('a person twice in one engagement');
}

/** When an engagement starts and ends, in day offsets from today. */
function span(rng: SeededRandom, kind: ProgrammeKind, profile: Profile): { startsOn: number; endsOn: number | null } {
  // Rotations last 2–4 weeks, well inside the 7–42 days the Worker allows (rotationDays).
  const length = rng.int(14, 31);
  switch (profile) {
    case 'rotation_ongoing': {
      const startsOn = rng.int(-(length - 1), -4);
      return { startsOn, endsOn: startsOn + length };
    }
    case 'rotation_ended_recently':
      return ended(rng.int(-8, -4), length);
    case 'rotation_debrief_overdue':
      return ended(rng.int(-30, -18), length);
    case 'rotation_completed':
      return ended(rng.int(-170, -35), length);
    case 'healthy':
    case 'strained':
    case 'cancelling':
      return { startsOn: rng.int(-185, -75), endsOn: null };
    case 'at_risk':
      return { startsOn: kind === 'advisory' ? rng.int(-190, -180) : rng.int(-190, -140), endsOn: null };
    case 'lapsed':
      return { startsOn: rng.int(-190, -175), endsOn: null };
    case 'paused':
      return { startsOn: rng.int(-185, -120), endsOn: null };
    case 'closed':
      return { startsOn: rng.int(-190, -130), endsOn: rng.int(-45, -10) };
  }
  function ended(endsOn: number, days: number) {
    return { startsOn: endsOn - days, endsOn };
  }
}

function statusOf(profile: Profile): 'active' | 'paused' | 'closed' {
  if (profile === 'paused') return 'paused';
  if (profile === 'closed' || profile === 'rotation_completed') return 'closed';
  return 'active';
}

/**
 * The engagement's sessions, oldest first, all before today. Expected interval is
 * 91.25 / commitment days: ~46 for two a quarter, ~91 for advisory councils.
 */
function planSessions(rng: SeededRandom, e: Engagement): PlannedSession[] {
  const advisory = e.kind === 'advisory';
  const days: number[] = [];
  if (e.kind === 'rotation') {
    // Kick-off, a check-in after the first week, a mid-point review, a wrap-up.
    const end = e.endsOn!;
    const length = end - e.startsOn;
    const candidates = [
      e.startsOn + rng.int(0, 1),
      e.startsOn + 7 + rng.int(0, 2),
      e.startsOn + Math.floor(length / 2) + rng.int(-1, 2),
      end - rng.int(0, 2),
    ];
    const withWeekOne = length >= 21;
    candidates.forEach((d, i) => {
      if (i === 1 && !withWeekOne) return;
      if (d <= -1) days.push(d);
    });
  } else {
    const stop = (() => {
      switch (e.profile) {
        case 'at_risk': // > 1.5 × expected, < 3 ×
          return advisory ? rng.int(-170, -140) : rng.int(-125, -75);
        case 'lapsed': // > 3 × expected
          return rng.int(-175, -145);
        case 'paused':
          return rng.int(-90, -45);
        case 'closed':
          return e.endsOn!;
        default:
          return -1;
      }
    })();
    const [lo, hi] = advisory ? [35, 63] : e.profile === 'at_risk' ? [14, 40] : [12, 32];
    for (let d = e.startsOn + rng.int(2, 9); d <= stop; d += rng.int(lo, hi)) days.push(d);
  }

  const members = e.members.map((m) => m.person);
  // Whoever owns the calendar invite tags the session: usually the mentee, executive or rotator.
  const primary = e.members.find((m) => ['mentee', 'executive', 'rotator'].includes(m.role))!.person;
  const minutes = advisory ? [90, 120] : [30, 45, 60];
  const sessions = days.map((day): PlannedSession => {
    const moment = cycleMoments.find((m) => Math.abs(m.day - day) <= 7);
    const cycleDraw = rng.next();
    return {
      day,
      minuteOfDay: rng.int(16, 33) * 30, // 08:00–16:30 UTC
      minutes: rng.pick(minutes),
      cancelled: rng.chance(0.06),
      cycle: moment && cycleDraw < 0.55 ? moment.cycle : cycleDraw > 0.96 ? 'other' : null,
      creator: rng.chance(0.75) ? primary : rng.pick(members),
      taggedDaysBefore: rng.int(0, 6),
    };
  });
  if (e.profile === 'cancelling') for (const s of sessions.slice(-2)) s.cancelled = true;
  return sessions;
}

/** The engagement's typical pulse value: how the people in it feel about it. */
function toneOf(rng: SeededRandom, profile: Profile): number {
  const [lo, hi] = ((): [number, number] => {
    switch (profile) {
      case 'strained':
        return [2.3, 3.0];
      case 'at_risk':
        return [3.0, 3.8];
      case 'lapsed':
        return [2.8, 3.6];
      case 'cancelling':
        return [3.2, 3.9];
      case 'paused':
        return [3.2, 4.2];
      default:
        return [3.8, 4.7];
    }
  })();
  return lo + rng.next() * (hi - lo);
}

function responseRateOf(profile: Profile): number {
  if (profile === 'at_risk' || profile === 'lapsed') return 0.55;
  if (profile === 'cancelling' || profile === 'paused') return 0.6;
  return 0.78;
}

/** A 1–5 answer scattered around the tone. */
function score(rng: SeededRandom, tone: number): number {
  const noise = (rng.next() + rng.next() + rng.next() - 1.5) * 1.1;
  return Math.min(5, Math.max(1, Math.round(tone + noise)));
}

/** A stable id in the shape each calendar uses, so the extension's lookups look real. */
function calendarEventId(provider: Provider, key: string): string {
  const hex = stableHex(`event:${key}`) + stableHex(`event:${key}:more`);
  switch (provider) {
    case 'google': // base32hex, lower case
      return Array.from({ length: 26 }, (_, i) => '0123456789abcdefghijklmnopqrstuv'[parseInt(hex.slice(2 * i, 2 * i + 2), 16) % 32]).join(
        '',
      );
    case 'outlook': // base64 item ids
      return `AAMkAD${Buffer.from(hex.slice(0, 96), 'hex').toString('base64')}`;
    case 'ics': // UID@host
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}@calendar.northwind.example`;
  }
}
