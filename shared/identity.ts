/**
 * Identity: how people sign in, and what they hold once they have.
 *
 * Nobody is handed a secret by someone else. A person signs in through their organisation's
 * OpenID Connect provider, or — when they are outside it (an external advisor, an organisation
 * without SSO) — redeems a single-use invitation; either way the Worker issues a *credential* that
 * only the signer ever sees: a short-lived access token (the `Authorization: Bearer` of every API
 * call) and a refresh token that gets the next one. Coordinators see whether an invitation was
 * used, never a credential.
 *
 * Routes (worker/routes/auth.ts, me.ts, invitations.ts, identity-providers.ts, audit.ts):
 *   GET    /v1/auth/sign-in-options?org=<slug or id>   public  → SignInOptions
 *   POST   /v1/auth/oidc/start                         public  OidcStart → OidcStartReply
 *   POST   /v1/auth/oidc/finish                        public  OidcFinish → SignedIn
 *   POST   /v1/auth/invitations/redeem                 public  Redeem → SignedIn
 *   POST   /v1/auth/refresh                            public  Refresh (or the console's cookie) → SignedIn
 *   POST   /v1/auth/sign-out                           bearer  → 204, revokes the calling credential
 *   GET    /v1/me/credentials                          bearer  → MyCredentials
 *   DELETE /v1/me/credentials/{id}                     bearer  → Credential (revoked)
 *   POST   /v1/participants/{id}/invitations           staff   InvitationCreate → IssuedInvitation
 *   GET    /v1/participants/{id}/invitations           staff   → { invitations: Invitation[] }
 *   DELETE /v1/invitations/{id}                        staff   → Invitation (revoked, if still pending)
 *   GET    /v1/org/identity-providers                  admin   → { providers: IdentityProvider[] }
 *   POST   /v1/org/identity-providers                  admin   IdentityProviderCreate → IdentityProvider
 *   PATCH  /v1/org/identity-providers/{id}             admin   IdentityProviderPatch → IdentityProvider
 *   DELETE /v1/org/identity-providers/{id}             admin   → 204
 *   GET    /v1/audit?before=&limit=&action=            admin   → AuditPage
 *
 * The console (client `console`) never sees its refresh token: the Worker sets it as an HttpOnly,
 * SameSite=Strict cookie scoped to /v1/auth, and `POST /v1/auth/refresh` with an empty body reads it.
 */
import { populationActions } from './rules/disclosure';
import { z } from 'zod';
import { limits, zId, zTimestamp } from './common';
import { zMe } from './me';
import { zRole } from './token';
import { credentialLifetimes } from './rules/credentials';

/** How long an access token lives; a refresh token lives `refreshTtlDays` from its last use. */
export { credentialLifetimes } from './rules/credentials';

/** Which app holds a credential: the extension (refresh token in its storage), the console (cookie), or a script. */
export const zCredentialClient = z.enum(['extension', 'console', 'api']);
export type CredentialClient = z.infer<typeof zCredentialClient>;

/**
 * How a credential was obtained: the organisation's identity provider, or an invitation. `legacy`:
 * a token a coordinator or admin minted before sign-in existed — every one revoked, and shown to
 * its holder so they know one existed.
 */
export const zCredentialKind = z.enum(['sso', 'invitation', 'legacy']);
export type CredentialKind = z.infer<typeof zCredentialKind>;

const zDeviceLabel = z.string().trim().min(1).max(limits.textChars);

/** One of the caller's own credentials (never another person's; never its secrets). */
export const zCredential = z
  .object({
    id: zId,
    kind: zCredentialKind,
    client: zCredentialClient,
    label: z.string().nullable().meta({ description: 'What the signer called the device, if anything' }),
    createdAt: zTimestamp,
    lastUsedAt: zTimestamp.nullable().meta({ description: 'Last sign-in or refresh (to within an access token’s 15 minutes)' }),
    revokedAt: zTimestamp.nullable(),
    revokedBy: z
      .enum(['self', 'migration'])
      .nullable()
      .meta({ description: 'Who revoked it: its holder, or the migration that ended minted tokens' }),
    invitationId: zId.nullable(),
    providerLabel: z.string().nullable().meta({ description: 'The identity provider it came from (kind `sso`)' }),
    current: z.boolean().meta({ description: 'Whether this request was made with it' }),
  })
  .meta({ id: 'Credential' });
export type Credential = z.infer<typeof zCredential>;

export const zInvitationStatus = z.enum(['pending', 'redeemed', 'expired', 'revoked']);
export type InvitationStatus = z.infer<typeof zInvitationStatus>;

/** An invitation as its creator, the staff, and its invitee see it: its status, never its code. */
export const zInvitation = z
  .object({
    id: zId,
    participantId: zId,
    createdAt: zTimestamp,
    createdBy: z.object({ id: zId, displayName: z.string() }),
    expiresAt: zTimestamp,
    status: zInvitationStatus,
    redeemedAt: zTimestamp.nullable(),
    revokedAt: zTimestamp.nullable(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof zInvitation>;

export const zInvitationCreate = z
  .object({
    expiresInDays: z
      .int()
      .min(1)
      .max(credentialLifetimes.invitationMaxDays)
      .default(credentialLifetimes.invitationDefaultDays)
      .meta({
        description: `Days until the invitation lapses (1–${credentialLifetimes.invitationMaxDays}, default ${credentialLifetimes.invitationDefaultDays})`,
      }),
  })
  .strict();
export type InvitationCreate = z.infer<typeof zInvitationCreate>;

/** The invitation just created, with the code to send. Shown once; only its hash is kept. */
export const zIssuedInvitation = z
  .object({
    invitation: zInvitation,
    code: z.string().meta({ description: 'The single-use code. Shown once; only its SHA-256 is stored.' }),
    link: z.string().meta({ description: 'The console address that redeems the code: `<origin>/console/#invite=<code>`' }),
  })
  .meta({ id: 'IssuedInvitation' });
export type IssuedInvitation = z.infer<typeof zIssuedInvitation>;

/** The caller's own credentials, and the invitations made for them (used ones show as used). */
export const zMyCredentials = z
  .object({ credentials: z.array(zCredential), invitations: z.array(zInvitation) })
  .meta({ id: 'MyCredentials' });
export type MyCredentials = z.infer<typeof zMyCredentials>;

/** What a sign-in, a redemption or a refresh returns: the caller, and their new access token. */
export const zSignedIn = z
  .object({
    accessToken: z.string(),
    expiresIn: z.int().meta({ description: 'Seconds the access token lives' }),
    refreshToken: z.string().optional().meta({ description: 'Absent for the console, which holds it as an HttpOnly cookie' }),
    credentialId: zId,
    me: zMe,
  })
  .meta({ id: 'SignedIn' });
export type SignedIn = z.infer<typeof zSignedIn>;

const zHttpsOrLoopbackUrl = z
  .url()
  .max(500)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  }, 'https (or http on 127.0.0.1 / localhost)');

/** An organisation's OpenID Connect provider (Google Workspace, Microsoft Entra ID, Okta, …). */
export const zIdentityProvider = z
  .object({
    id: zId,
    label: z.string().meta({ example: 'Northwind (Okta)' }),
    issuer: z
      .string()
      .meta({ description: 'The issuer URL; its `/.well-known/openid-configuration` is read', example: 'https://login.northwind.example' }),
    clientId: z.string(),
    emailClaim: z.string().meta({ description: 'Which ID-token claim holds the email Dyad matches participants by', example: 'email' }),
    emailDomains: z.array(z.string()).meta({
      description:
        'Email domains this provider signs in. People with these domains sign in only through it: no invitation is made for them.',
    }),
    createdAt: zTimestamp,
    updatedAt: zTimestamp,
  })
  .meta({ id: 'IdentityProvider' });
export type IdentityProvider = z.infer<typeof zIdentityProvider>;

const zDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'a domain such as northwind.example');

export const zIdentityProviderCreate = z
  .object({
    label: z.string().trim().min(1).max(limits.textChars),
    issuer: zHttpsOrLoopbackUrl.transform((u) => u.replace(/\/+$/, '')),
    clientId: z.string().trim().min(1).max(limits.textChars),
    emailClaim: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_:./-]{0,99}$/, 'a claim name')
      .default('email'),
    emailDomains: z.array(zDomain).max(20).default([]),
  })
  .strict();
export type IdentityProviderCreate = z.infer<typeof zIdentityProviderCreate>;

export const zIdentityProviderPatch = z
  .object({
    label: zIdentityProviderCreate.shape.label,
    clientId: zIdentityProviderCreate.shape.clientId,
    emailClaim: z.string().regex(/^[A-Za-z_][A-Za-z0-9_:./-]{0,99}$/, 'a claim name'),
    emailDomains: z.array(zDomain).max(20),
  })
  .partial()
  .strict();
export type IdentityProviderPatch = z.infer<typeof zIdentityProviderPatch>;

/** What a signed-out client may learn about an organisation: its name, and how to sign in to it. */
export const zSignInOptions = z
  .object({
    org: z.object({ id: zId, name: z.string(), slug: z.string() }),
    providers: z.array(z.object({ id: zId, label: z.string(), issuer: z.string() })),
  })
  .meta({ id: 'SignInOptions' });
export type SignInOptions = z.infer<typeof zSignInOptions>;

export const zSignInOptionsQuery = z.object({
  org: z.string().trim().min(1).max(limits.textChars).meta({ description: "The organisation's slug (e.g. `northwind`) or id" }),
});

/** PKCE: the client keeps the verifier and sends only its S256 challenge here (RFC 7636). */
export const zOidcStart = z
  .object({
    providerId: zId,
    redirectUri: zHttpsOrLoopbackUrl.meta({
      description: 'Where the provider sends the code: `https://<extension-id>.chromiumapp.org/` or `<origin>/console/`',
    }),
    codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'base64url, 43–128 characters'),
    client: zCredentialClient,
  })
  .strict();
export type OidcStart = z.infer<typeof zOidcStart>;

export const zOidcStartReply = z
  .object({
    authorizationUrl: z.string().meta({ description: 'Open this: the provider signs the person in and redirects with `code` and `state`' }),
    state: z.string(),
    expiresAt: zTimestamp,
  })
  .meta({ id: 'OidcStartReply' });
export type OidcStartReply = z.infer<typeof zOidcStartReply>;

export const zOidcFinish = z
  .object({
    state: z.string().min(1).max(200),
    code: z.string().min(1).max(2000),
    codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'RFC 7636 code verifier'),
    label: zDeviceLabel.optional(),
  })
  .strict();
export type OidcFinish = z.infer<typeof zOidcFinish>;

export const zRedeem = z
  .object({
    code: z.string().trim().min(1).max(200),
    client: zCredentialClient,
    label: zDeviceLabel.optional(),
    org: z.string().trim().min(1).max(limits.textChars).optional().meta({
      description:
        'The organisation the client is set up for (slug or id, e.g. by enterprise policy): another organisation’s invitation is refused',
    }),
  })
  .strict();
export type Redeem = z.infer<typeof zRedeem>;

export const zRefresh = z.object({ refreshToken: z.string().min(1).max(200).optional() }).strict();
export type Refresh = z.infer<typeof zRefresh>;

export const zAuditAction = z.enum([
  'org_created',
  'invitation_created',
  'invitation_revoked',
  'invitation_redeemed',
  'credential_issued',
  'credential_revoked',
  'role_changed',
  'status_changed',
  'identity_provider_changed',
  'analytics_request',
  ...populationActions,
]);
export type AuditAction = z.infer<typeof zAuditAction>;

export const zAuditEvent = z
  .object({
    id: z.int(),
    at: zTimestamp,
    action: zAuditAction,
    actor: z
      .object({ id: zId, displayName: z.string(), role: zRole })
      .nullable()
      .meta({ description: 'Null for the operator or a signed-out caller' }),
    subject: z.object({ id: zId, displayName: z.string() }).nullable().meta({ description: 'The person acted on, if any' }),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof zAuditEvent>;

export const zAuditPage = z
  .object({
    events: z.array(zAuditEvent),
    nextBefore: z.int().nullable().meta({ description: 'Pass as `before` for the next (older) page' }),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof zAuditPage>;

export const zAuditQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: zAuditAction.optional(),
});
