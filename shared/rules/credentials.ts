/**
 * How long sign-ins and invitations last (identity.ts builds its schemas on these; the console's
 * invitation form checks with them, without zod).
 */
export const credentialLifetimes = { accessTtlSeconds: 15 * 60, refreshTtlDays: 30, invitationDefaultDays: 7, invitationMaxDays: 30 };
