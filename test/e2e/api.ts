/**
 * The API as the end-to-end tests use it: to seed an organisation, and to check what reached D1.
 * Plain `fetch`, no extension code: what the tests assert is what any API client would read.
 */
import type { Engagement, IssuedInvitation, Note, Org, Participant, Programme, Pulse, Session, SignedIn } from '../../shared';

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
  delete<T>(path: string): Promise<T>;
}

/**
 * What a caller holds after signing in or redeeming an invitation: the access token it sends, and
 * the refresh token that gets the next one. Mutable: `apiClient` renews it in place.
 */
export interface HeldCredential {
  accessToken: string;
  refreshToken: string;
  credentialId: string;
}

/**
 * A client that sends `Authorization: Bearer <token>` (none for `null`: the public sign-in routes).
 * Given a credential rather than a fixed token (the bootstrap token), it renews the access token once when the API says it has expired
 * (401 `token_expired`: access tokens live 15 minutes, a test run can outlast one) and retries.
 *
 * @example const leader = apiClient(worker.url, org.leader.credential); await leader.get('/v1/me');
 */
export function apiClient(
  baseUrl: string,
  auth: string | HeldCredential | null,
  { headers = {} }: { headers?: Record<string, string> } = {},
): ApiClient {
  const send = (method: string, path: string, bearer: string | null, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Only bounds a hung Worker; a loaded machine may take seconds (see stateTimeoutMs in harness.ts).
      signal: AbortSignal.timeout(60_000),
    });
  const read = async (res: Response): Promise<unknown> => {
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res = await send(method, path, auth === null || typeof auth === 'string' ? auth : auth.accessToken, body);
    let parsed = await read(res);
    if (res.status === 401 && auth !== null && typeof auth !== 'string' && errorCode(parsed) === 'token_expired') {
      await refreshCredential(baseUrl, auth);
      res = await send(method, path, auth.accessToken, body);
      parsed = await read(res);
    }
    if (!res.ok) throw new ApiCallError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
  };
}

const errorCode = (body: unknown): string | undefined => (body as { error?: { code?: unknown } } | null)?.error?.code as string | undefined;

/** `POST /v1/auth/refresh`: a new access token (and the rotated refresh token) into `held`. */
export async function refreshCredential(baseUrl: string, held: HeldCredential): Promise<void> {
  const signedIn = await apiClient(baseUrl, null).post<SignedIn>('/v1/auth/refresh', { refreshToken: held.refreshToken });
  held.accessToken = signedIn.accessToken;
  if (signedIn.refreshToken) held.refreshToken = signedIn.refreshToken;
}

/**
 * Redeems an invitation as a script does (`client: 'api'`): the credential it gets. `address` is
 * the caller's address as Cloudflare would report it (`CF-Connecting-IP`, which the Worker keys its
 * per-address redemption limit by, and which nothing sets locally): people redeem from their own
 * devices, so a test seeding a dozen people gives each their own, rather than tripping the limit
 * that is there to slow a flood from one address.
 *
 * @example const { held } = await redeemInvitation(worker.url, issued.code, { address: testAddress() });
 */
export async function redeemInvitation(
  baseUrl: string,
  code: string,
  { label = 'e2e', address }: { label?: string; address?: string } = {},
): Promise<{ held: HeldCredential; signedIn: SignedIn }> {
  const api = apiClient(baseUrl, null, { headers: address ? { 'cf-connecting-ip': address } : {} });
  const signedIn = await api.post<SignedIn>('/v1/auth/invitations/redeem', { code, client: 'api', label });
  if (!signedIn.refreshToken) throw new Error('redeeming for an API client returned no refresh token');
  return {
    held: { accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken, credentialId: signedIn.credentialId },
    signedIn,
  };
}

/** An address of its own for one seeded person: random, in IPv6's documentation prefix (RFC 3849). */
export function testAddress(): string {
  const groups = [...crypto.getRandomValues(new Uint16Array(6))].map((n) => n.toString(16));
  return `2001:db8:${groups.join(':')}`;
}

/**
 * The invitation's link on another origin: the Worker makes it on its own, and a test whose
 * extension talks to the gate (ApiGate) signs in there instead.
 *
 * @example await signInWithInvitation(browser, invitationLinkAt(await org.leader.invite(), gate.url));
 */
export function invitationLinkAt(issued: IssuedInvitation, origin: string): string {
  const link = new URL(issued.link);
  return `${origin}${link.pathname}${link.hash}`;
}

export interface SeededPerson {
  participant: Participant;
  /** Their credential (from an invitation redeemed as an API client), renewed as `api` needs. */
  credential: HeldCredential;
  /** The current access token (coordinator / admin by the person's role): `credential.accessToken`. */
  readonly token: string;
  api: ApiClient;
  /**
   * A fresh invitation for this person, made by the organisation's staff: its link signs a browser
   * (the extension, the console) in as them, as the invitee would.
   */
  invite(): Promise<IssuedInvitation>;
}

/** An organisation with the people the fixture calendar pages invite. */
export interface SeededOrg {
  orgId: string;
  /** The organisation's slug, as people type it when they sign in. */
  slug: string;
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
 * Creates an organisation through the API the public way: the operator creates it (its admin gets
 * an invitation), the admin redeems it, adds the coordinator and gives them the role, the
 * coordinator adds the people and invites them, and each redeems their invitation as an API client.
 * Nobody is handed a token. Each call makes a new organisation, so tests never share data; the
 * people keep the fixture pages' emails (unique per organisation only).
 *
 * @example const org = await seedOrg(worker.url, worker.bootstrapToken);
 */
export async function seedOrg(
  baseUrl: string,
  bootstrapToken: string,
  name = `E2E ${crypto.randomUUID().slice(0, 8)}`,
): Promise<SeededOrg> {
  const operator = apiClient(baseUrl, bootstrapToken);
  const created = await operator.post<{ org: Org; admin: Participant; adminInvitation: IssuedInvitation }>('/v1/orgs', {
    name,
    admin: { displayName: 'Ada Admin', email: 'ada.admin@example.com' },
    attributeDimensions: ['gender'], // the dashboard test imports an attr:gender column
  });
  const seeded = async (participant: Participant, code: string, inviter: () => ApiClient): Promise<SeededPerson> => {
    const { held } = await redeemInvitation(baseUrl, code, { address: testAddress() });
    return {
      participant,
      credential: held,
      get token() {
        return held.accessToken;
      },
      api: apiClient(baseUrl, held),
      invite: () => inviter().post<IssuedInvitation>(`/v1/participants/${participant.id}/invitations`, {}),
    };
  };
  const admin: SeededPerson = await seeded(created.admin, created.adminInvitation.code, () => admin.api);

  const person = async (
    by: SeededPerson,
    displayName: string,
    email: string,
    role: 'participant' | 'coordinator' = 'participant',
  ): Promise<SeededPerson> => {
    let participant = await by.api.post<Participant>('/v1/participants', { displayName, email });
    // Roles are the admin's to give, before the person signs in (their credential acts with it).
    if (role !== 'participant') participant = await admin.api.patch<Participant>(`/v1/participants/${participant.id}`, { role });
    const { code } = await by.api.post<IssuedInvitation>(`/v1/participants/${participant.id}/invitations`, {});
    return seeded(participant, code, () => by.api);
  };
  const coordinator = await person(admin, 'Cory Coordinator', 'cory.coordinator@example.com', 'coordinator');
  const leader = await person(coordinator, 'Ben Okafor', 'ben.okafor@example.com');
  const mentor = await person(coordinator, 'Ana Ruiz', 'ana.ruiz@example.com');
  const advisor = await person(coordinator, 'Chen Wu', 'chen.wu@example.com');
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
    slug: created.org.slug,
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
