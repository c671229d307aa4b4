/**
 * What the organisation's IT set for Dyad by enterprise policy (`storage.managed`, described by
 * `public/managed_schema.json`). Fields set here are shown locked on the options page, and the
 * background holds sign-in to them.
 *
 * How IT sets it: in the Google Admin console, Devices → Chrome → Apps & extensions → Users &
 * browsers → Dyad → "Policy for extensions", paste e.g.
 *   { "apiUrl": { "Value": "https://dyad.example.org" }, "organisation": { "Value": "northwind" },
 *     "organisationName": { "Value": "Northwind" }, "identityProvider": { "Value": "Okta" } }
 * Elsewhere it is the Chrome policy `3rdparty` → `extensions` → `<extension id>` → those keys: the
 * registry key `HKLM\Software\Policies\Google\Chrome\3rdparty\extensions\<id>\policy` on Windows, a
 * configuration profile for the domain `com.google.Chrome.extensions.<id>` on macOS, and on Linux a
 * JSON file in /etc/opt/chrome/policies/managed/ (Chromium: /etc/chromium/policies/managed/) holding
 * `{ "3rdparty": { "extensions": { "<id>": { "apiUrl": "…", … } } } }`.
 */
import { browser } from '#imports';
import { normaliseApiUrl } from './api-url';

export interface ManagedPolicy {
  apiUrl: string | null;
  organisation: string | null;
  organisationName: string | null;
  identityProvider: string | null;
}

export const noPolicy: ManagedPolicy = { apiUrl: null, organisation: null, organisationName: null, identityProvider: null };

/**
 * The policy's fields, each null when not set (or not usable: an API URL that is not https is
 * ignored rather than half-applied). Pure: `readManagedPolicy` feeds it what Chrome gives.
 */
export function policyOf(raw: Record<string, unknown>): ManagedPolicy {
  const text = (key: string) => {
    const value = raw[key];
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  let apiUrl: string | null = null;
  try {
    apiUrl = text('apiUrl') === null ? null : normaliseApiUrl(text('apiUrl')!);
  } catch (err) {
    console.warn('[dyad] the policy apiUrl is not usable', err instanceof Error ? err.message : err);
  }
  return {
    apiUrl,
    organisation: text('organisation'),
    organisationName: text('organisationName'),
    identityProvider: text('identityProvider'),
  };
}

/**
 * The policy, or no policy. Chrome rejects `storage.managed.get` where it has no managed storage at
 * all (no schema in the manifest, or a browser without it) and answers `{}` when no policy is set:
 * both mean "nothing locked".
 */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  try {
    return policyOf((await browser.storage.managed.get()) as Record<string, unknown>);
  } catch {
    return noPolicy;
  }
}

/** Who set the locked fields, as the options page says it: "Set by Northwind". */
export function policySetter(policy: ManagedPolicy): string {
  return policy.organisationName ?? policy.organisation ?? 'your organisation';
}

/** Whether a provider is the one the policy names (by id, or a label containing it, ignoring case: "Okta" names "Northwind (Okta)"). */
export function isPolicyProvider(policy: ManagedPolicy, provider: { id: string; label: string }): boolean {
  const hint = policy.identityProvider?.toLowerCase();
  return !!hint && (provider.id.toLowerCase() === hint || provider.label.toLowerCase().includes(hint));
}
