import type { Org, Role } from '../shared';

/** Bindings of the Worker (wrangler.toml). */
export interface Bindings {
  DB: D1Database;
  /** The operator's secret for creating organisations (`wrangler secret put BOOTSTRAP_TOKEN`). */
  BOOTSTRAP_TOKEN?: string;
  /**
   * Rate limits other than `rateLimits`' (worker/http/rate-limit.ts), e.g. `analytics=600,redeem=50`:
   * an operator whose dashboards are busier raises one (`[vars]` in wrangler.toml); the benchmark and
   * the end-to-end tests lift them, since they measure speed and behaviour, not the limit.
   */
  RATE_LIMITS?: string;
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
