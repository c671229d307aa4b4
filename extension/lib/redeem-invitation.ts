/**
 * Signing in with an invitation: for people outside the organisation's identity provider (an
 * external advisor, an organisation without single sign-on). The code is single-use; the API
 * answers with a credential of this extension's own (`POST /v1/auth/invitations/redeem`).
 */
import { zSignedIn, type Redeem } from '../../shared';
import { apiRequest, normaliseApiUrl } from './api';
import { signIn, signInFailure, withinPolicy } from './auth';
import { deviceLabel } from './device-label';
import { readManagedPolicy } from './managed-policy';
import { parseInvitation } from './invitation-link';
import type { AuthState } from './messages';

/**
 * Redeems what the person pasted: the link (whose origin is the API) or a bare code (with the API
 * URL they entered). With an organisation set by policy, another organisation's invitation is
 * refused by the API. One only typed or remembered from an earlier sign-in constrains nothing: an
 * advisor invited by a second organisation must be able to take that invitation.
 */
export async function redeemInvitation(entered: { invitation: string; apiUrl: string | null; org: string | null }): Promise<AuthState> {
  const pasted = parseInvitation(entered.invitation);
  const typedApiUrl = entered.apiUrl?.trim() ? normaliseApiUrl(entered.apiUrl) : null;
  const { apiUrl } = await withinPolicy({ apiUrl: pasted.apiUrl ?? typedApiUrl, org: null });
  const org = (await readManagedPolicy()).organisation ?? null;
  if (!apiUrl) throw new Error('Paste the whole invitation link, or enter the API URL above the code.');
  try {
    const signedIn = await apiRequest({ apiUrl, token: '' }, 'POST', '/v1/auth/invitations/redeem', {
      schema: zSignedIn,
      body: { code: pasted.code, client: 'extension', label: await deviceLabel(), ...(org ? { org } : {}) } satisfies Redeem,
      timeoutMs: 15_000,
    });
    return await signIn(apiUrl, org ?? signedIn.me.org.slug, signedIn);
  } catch (err) {
    // The API's refusal says why (used, expired, withdrawn) and to ask for a new one.
    throw signInFailure(err, apiUrl);
  }
}
