import type { Org, Role } from '../shared';

/** Bindings of the Worker (wrangler.toml). */
export interface Bindings {
  DB: D1Database;
  /** The operator's secret for creating organisations (`wrangler secret put BOOTSTRAP_TOKEN`). */
  BOOTSTRAP_TOKEN?: string;
  /**
   * Analytics requests a coordinator may make per minute (default `rateLimits.analytics.limit`): an
   * operator whose dashboards are busier raises it (`[vars]` in wrangler.toml), and the benchmark
   * lifts it, since it measures speed, not the limit.
   */
  ANALYTICS_REQUESTS_PER_MINUTE?: string;
}

/** Who is calling: resolved from the bearer token, never from the request body. */
export interface Auth {
  tokenId: string;
  orgId: string;
  participantId: string;
  role: Role;
}

export interface AppEnv {
  Bindings: Bindings;
  /**
   * `auth` and `org` (the caller's organisation, as it was when the request began) once
   * `authenticate()` ran; `tokenHash` once `bearerHash()` ran (the write path resolves it itself).
   */
  Variables: { auth: Auth; org: Org; tokenHash: string };
}
