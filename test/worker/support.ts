import { env, SELF } from 'cloudflare:test';
import type { Engagement, MemberRole, Participant, Programme, ProgrammeKind, Role } from '../../shared';

export const BOOTSTRAP = 'test-bootstrap-secret';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A request through the real app, as a client would send it. */
export async function call<T = any>(
  method: string,
  path: string,
  { token, body, raw, headers }: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const res = await SELF.fetch(`http://dyad.test${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

/** A client bound to one token. */
export const as = (token: string) => ({
  get: <T = any>(path: string) => call<T>('GET', path, { token }),
  post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, { token, body }),
  put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, { token, body }),
  patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, { token, body }),
  delete: <T = any>(path: string) => call<T>('DELETE', path, { token }),
  send: <T = any>(method: string, path: string, opts: { body?: unknown; raw?: string; headers?: Record<string, string> }) =>
    call<T>(method, path, { token, ...opts }),
});
export type Client = ReturnType<typeof as>;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The attribute dimensions a test organisation collects unless a test says otherwise (a new organisation collects none). */
export const testDimensions = ['gender', 'ethnicity', 'age_band'];

export async function createOrg(settings: Record<string, unknown> = {}) {
  const tag = unique();
  const res = await call('POST', '/v1/orgs', {
    token: BOOTSTRAP,
    body: {
      name: `Org ${tag}`,
      admin: { displayName: 'Ada Admin', email: `admin.${tag}@example.com` },
      attributeDimensions: testDimensions,
      ...settings,
    },
  });
  if (res.status !== 201) throw new Error(`createOrg: ${res.status} ${JSON.stringify(res.body)}`);
  const adminToken = await redeem(res.body.adminInvitation.code);
  return { org: res.body.org, admin: as(adminToken), adminToken, tag };
}

/**
 * Redeems an invitation code, as the invitee's client would, and returns the access token. Each call
 * comes from its own address, so the per-address limit on redemptions never trips a test that is not
 * about it.
 */
export async function redeem(code: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (await redeemed(code, extra)).accessToken;
}

/** The whole reply of a redemption: `{ accessToken, refreshToken, credentialId, me }`. */
export async function redeemed(code: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/auth/invitations/redeem', { body: { code, client: 'api', ...extra }, headers: newAddress() });
  if (res.status !== 200) throw new Error(`redeem: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; credentialId: string; me: { participant: Participant; role: Role } };
}

/** A caller address of its own (`CF-Connecting-IP`), for the per-address limits. */
export const newAddress = () => ({
  'cf-connecting-ip': `10.${counter % 250}.${(counter++ >> 8) % 250}.${Math.floor(Math.random() * 250)}`,
});

/** A second sign-in of a person (a credential of their own), through an invitation `client` makes. */
export async function signInAgain(client: Client, participantId: string) {
  const reply = await redeemed((await invite(client, participantId)).code);
  return { client: as(reply.accessToken), ...reply };
}

/** An invitation for a person, by a client that may invite them: `{ invitation, code, link }`. */
export async function invite(client: Client, participantId: string, body: Record<string, unknown> = {}) {
  const res = await client.post(`/v1/participants/${participantId}/invitations`, body);
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { invitation: { id: string; status: string }; code: string; link: string };
}

export async function addPerson(client: Client, name: string, extra: Record<string, unknown> = {}): Promise<Participant> {
  const res = await client.post('/v1/participants', {
    displayName: name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@example.com`,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`addPerson: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Signs a person in the public way: `client` (an admin, for a staff role) gives them `role`, invites
 * them, and the person redeems the invitation. Returns their access token — which only they hold.
 */
export async function tokenFor(client: Client, participantId: string, role: Role = 'participant'): Promise<string> {
  if (role !== 'participant') {
    const res = await client.patch(`/v1/participants/${participantId}`, { role });
    if (res.status !== 200) throw new Error(`tokenFor (role): ${res.status} ${JSON.stringify(res.body)}`);
  }
  return redeem((await invite(client, participantId)).code);
}

export async function addProgramme(client: Client, kind: ProgrammeKind, extra: Record<string, unknown> = {}): Promise<Programme> {
  const res = await client.post('/v1/programmes', { name: `${kind} programme`, kind, ...extra });
  if (res.status !== 201) throw new Error(`addProgramme: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addEngagement(
  client: Client,
  programmeId: string,
  members: [string, MemberRole][],
  extra: Record<string, unknown> = {},
): Promise<Engagement> {
  const res = await client.post('/v1/engagements', {
    programmeId,
    members: members.map(([participantId, role]) => ({ participantId, role })),
    startsOn: '2026-01-05',
    ...extra,
  });
  if (res.status !== 201) throw new Error(`addEngagement: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A small organisation: a coordinator, a reverse-mentoring pair (mentor Mia, mentee Lee)
 * and an outsider (Olu) who belongs to no engagement — each with their own token.
 */
export async function pairOrg() {
  const { admin, adminToken, org } = await createOrg();
  const coordinatorPerson = await addPerson(admin, 'Cora Coordinator');
  const coordinatorToken = await tokenFor(admin, coordinatorPerson.id, 'coordinator');
  const coordinator = as(coordinatorToken);
  const mia = await addPerson(coordinator, 'Mia Mentor', { level: 'early', attributes: { gender: 'woman' } });
  const lee = await addPerson(coordinator, 'Lee Leader', { level: 'executive', attributes: { gender: 'man' } });
  const olu = await addPerson(coordinator, 'Olu Outsider');
  const programme = await addProgramme(coordinator, 'reverse');
  const engagement = await addEngagement(coordinator, programme.id, [
    [mia.id, 'mentor'],
    [lee.id, 'mentee'],
  ]);
  const [miaToken, leeToken, oluToken] = await Promise.all([mia, lee, olu].map((p) => tokenFor(coordinator, p.id)));
  return {
    org,
    admin,
    adminToken,
    coordinator,
    coordinatorToken,
    coordinatorPerson,
    programme,
    engagement,
    people: { mia, lee, olu },
    mia: as(miaToken!),
    lee: as(leeToken!),
    olu: as(oluToken!),
  };
}

/** A session body for an engagement; times default to a finished one-hour session yesterday. */
export function sessionBody(engagementId: string, overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() - 26 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    engagementId,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3600_000).toISOString(),
    source: { provider: 'google', eventId: `evt-${unique()}` },
    clientUpdatedAt: new Date().toISOString(),
    ...overrides,
  };
}

const tables = [
  'orgs',
  'participants',
  'participant_attributes',
  'tokens',
  'access_tokens',
  'invitations',
  'identity_providers',
  // Rate-limit counters and sign-in attempts are not data: a refused request may count against a limit.
  'audit_log',
  'programmes',
  'engagements',
  'engagement_members',
  'sessions',
  'notes',
  'pulse_responses',
  'population_baselines',
] as const;
type Table = (typeof tables)[number];

/** Rows in every table, to prove that a refused request wrote nothing. */
export async function countRows(): Promise<Record<Table, number>> {
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT count(*) AS n FROM ${t}`)));
  return Object.fromEntries(tables.map((t, i) => [t, (results[i]!.results[0] as { n: number }).n])) as Record<Table, number>;
}

/** A snapshot of every row's content, for "nothing changed" where counts alone would not show an update. */
export async function snapshot(): Promise<string> {
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)));
  return JSON.stringify(results.map((r) => r.results));
}

export const uuid = () => crypto.randomUUID();
