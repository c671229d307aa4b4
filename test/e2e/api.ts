/**
 * The API as the end-to-end tests use it: to seed an organisation, and to check what reached D1.
 * Plain `fetch`, no extension code: what the tests assert is what any API client would read.
 */
import type { Engagement, Note, Participant, Programme, Pulse, Session } from '../../shared';

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

/** A client for one caller (a bearer token) of the API at `baseUrl`. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
}

/**
 * @example const leader = apiClient(worker.url, org.leader.token); await leader.get('/v1/me');
 */
export function apiClient(baseUrl: string, token: string): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Only bounds a hung Worker; a loaded machine may take seconds (see stateTimeoutMs in harness.ts).
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new ApiCallError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
  };
}

export interface SeededPerson {
  participant: Participant;
  /** A participant token (or coordinator / admin, by role). */
  token: string;
  api: ApiClient;
}

/** An organisation with the people the fixture calendar pages invite. */
export interface SeededOrg {
  orgId: string;
  admin: SeededPerson;
  coordinator: SeededPerson;
  /** Ben Okafor (ben.okafor@example.com): the leader whose calendar the fixture pages show; mentee in reverse mentoring. */
  leader: SeededPerson;
  /** Ana Ruiz (ana.ruiz@example.com): Ben's reverse mentor, a guest of the fixtures' open event. */
  mentor: SeededPerson;
  /** Chen Wu: Ben's fellow council member, not invited to the open event (so the panel must choose Ana's engagement). */
  advisor: SeededPerson;
  programmes: { reverse: Programme; advisory: Programme };
  /** Ben × Ana, reverse mentoring: the engagement the fixtures' open event belongs to. */
  engagement: Engagement;
  /** Ben × Chen, advisory council: another engagement of the leader's. */
  otherEngagement: Engagement;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Creates an organisation through the API as an operator would: bootstrap → admin → coordinator →
 * people → programmes → engagements → tokens. Each call makes a new organisation, so tests never
 * share data; the people keep the fixture pages' emails (unique per organisation only).
 *
 * @example const org = await seedOrg(worker.url, worker.bootstrapToken);
 */
export async function seedOrg(
  baseUrl: string,
  bootstrapToken: string,
  name = `E2E ${crypto.randomUUID().slice(0, 8)}`,
): Promise<SeededOrg> {
  const operator = apiClient(baseUrl, bootstrapToken);
  const created = await operator.post<{ org: { id: string }; admin: Participant; adminToken: string }>('/v1/orgs', {
    name,
    admin: { displayName: 'Ada Admin', email: 'ada.admin@example.com' },
    attributeDimensions: ['gender'], // the dashboard test imports an attr:gender column
  });
  const admin: SeededPerson = { participant: created.admin, token: created.adminToken, api: apiClient(baseUrl, created.adminToken) };

  const person = async (
    by: ApiClient,
    displayName: string,
    email: string,
    role: 'participant' | 'coordinator' = 'participant',
  ): Promise<SeededPerson> => {
    const participant = await by.post<Participant>('/v1/participants', { displayName, email });
    const { secret } = await by.post<{ secret: string }>(`/v1/participants/${participant.id}/tokens`, { role, label: 'e2e' });
    return { participant, token: secret, api: apiClient(baseUrl, secret) };
  };
  const coordinator = await person(admin.api, 'Cory Coordinator', 'cory.coordinator@example.com', 'coordinator');
  const leader = await person(coordinator.api, 'Ben Okafor', 'ben.okafor@example.com');
  const mentor = await person(coordinator.api, 'Ana Ruiz', 'ana.ruiz@example.com');
  const advisor = await person(coordinator.api, 'Chen Wu', 'chen.wu@example.com');

  const reverse = await coordinator.api.post<Programme>('/v1/programmes', { name: 'Reverse mentoring', kind: 'reverse' });
  const advisory = await coordinator.api.post<Programme>('/v1/programmes', { name: 'Advisory council', kind: 'advisory' });
  // Started long enough ago for any session the tests tag (the .ics window reaches 90 days back).
  const startsOn = isoDay(Date.now() - 120 * 24 * 3600_000);
  const engagement = await coordinator.api.post<Engagement>('/v1/engagements', {
    programmeId: reverse.id,
    members: [
      { participantId: mentor.participant.id, role: 'mentor' },
      { participantId: leader.participant.id, role: 'mentee' },
    ],
    startsOn,
    objectives: ['Understand how younger customers choose tools'],
  });
  // Listed first (created later) in some orders: the panel must still pick Ana's engagement from the guests.
  const otherEngagement = await coordinator.api.post<Engagement>('/v1/engagements', {
    programmeId: advisory.id,
    members: [
      { participantId: advisor.participant.id, role: 'advisor' },
      { participantId: leader.participant.id, role: 'executive' },
    ],
    startsOn,
  });
  return {
    orgId: created.org.id,
    admin,
    coordinator,
    leader,
    mentor,
    advisor,
    programmes: { reverse, advisory },
    engagement,
    otherEngagement,
  };
}

/**
 * The caller's sessions of `engagementId` (a window of ±1 year) in one request, each saying
 * whether the caller answered its pulse: the quick look.
 */
export async function sessionList(api: ApiClient, engagementId: string): Promise<Session[]> {
  const year = 365 * 24 * 3600_000;
  const query = new URLSearchParams({
    from: new Date(Date.now() - year).toISOString(),
    to: new Date(Date.now() + year).toISOString(),
    engagementId,
  });
  return (await api.get<{ sessions: Session[] }>(`/v1/sessions?${query}`)).sessions;
}

/** Everything D1 holds about one caller's sessions of an engagement, read through the API. */
export interface SessionRecord {
  session: Session;
  notes: Note[];
  pulse: Pulse | null;
}

/**
 * The caller's sessions of `engagementId` (a window of ±1 year), each with the notes the caller can
 * read and the caller's own pulse answer: what the assertions count.
 *
 * @example const [only] = await sessionsOf(org.leader.api, org.engagement.id);
 */
export async function sessionsOf(api: ApiClient, engagementId: string): Promise<SessionRecord[]> {
  const sessions = await sessionList(api, engagementId);
  return Promise.all(
    sessions.map(async (session) => {
      const { notes } = await api.get<{ notes: Note[] }>(`/v1/sessions/${session.id}/notes`);
      const pulse = session.pulseAnswered ? await api.get<Pulse>(`/v1/sessions/${session.id}/pulse`) : null;
      return { session, notes, pulse };
    }),
  );
}
