/**
 * The little of `oidc-provider` (a devDependency, for the local identity provider) that
 * worker/dev/oidc-provider.ts uses. The package ships no types and @types/oidc-provider is not a
 * dependency; these few declarations keep the strict type check meaningful for our own code.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ProviderAccount {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ProviderGrant {
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface ProviderContext {
    oidc: {
      client: { clientId: string };
      session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { login?: unknown; consent?: { grantId?: string } };
      account?: ProviderAccount;
      provider: Provider;
    };
  }

  export interface ProviderConfiguration {
    clients?: Record<string, unknown>[];
    jwks?: { keys: Record<string, unknown>[] };
    findAccount?(ctx: ProviderContext, id: string): ProviderAccount | undefined | Promise<ProviderAccount | undefined>;
    claims?: Record<string, string[]>;
    scopes?: string[];
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>;
    pkce?: { required?(ctx: ProviderContext, client: unknown): boolean };
    loadExistingGrant?(ctx: ProviderContext): Promise<ProviderGrant | undefined>;
    interactions?: { policy?: InteractionPolicy };
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    ttl?: Record<string, number>;
    renderError?(ctx: { type: string; body: string }, out: Record<string, string>, error: Error): void;
  }

  export interface InteractionCheck {
    readonly reason: string;
  }

  export interface InteractionPrompt {
    checks: InteractionCheck[] & { add(check: InteractionCheck, index?: number): void };
  }

  export type InteractionPolicy = InteractionPrompt[] & { get(name: string): InteractionPrompt | undefined };

  export const interactionPolicy: {
    base(): InteractionPolicy;
    Check: {
      new (reason: string, description: string, check: (ctx: ProviderContext) => boolean | Promise<boolean>): InteractionCheck;
      REQUEST_PROMPT: true;
      NO_NEED_TO_PROMPT: false;
    };
  };

  export interface ClientPrototype {
    redirectUriAllowed(this: ClientPrototype, uri: string): boolean;
  }

  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    Client: { prototype: ClientPrototype };
    Grant: {
      new (init: { accountId: string; clientId: string }): ProviderGrant;
      find(id: string): Promise<ProviderGrant | undefined>;
    };
  }
}
