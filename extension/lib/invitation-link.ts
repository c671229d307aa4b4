/**
 * What the person pastes to use an invitation: the link a coordinator sent
 * (`https://<api>/console/#invite=<code>`, shared/identity.ts `IssuedInvitation.link`), or the bare
 * code. No dependencies: the options page parses it before asking for the link's origin.
 */
import { normaliseApiUrl } from './api-url';

export interface PastedInvitation {
  code: string;
  /** The API the link came from (its origin); null for a bare code, which needs the API URL typed or set by policy. */
  apiUrl: string | null;
}

/** Codes are URL-safe text; the limit is `zRedeem`'s. */
const codePattern = /^[A-Za-z0-9._~-]{1,200}$/;

/**
 * @example parseInvitation('https://dyad.example.org/console/#invite=abc') // { code: 'abc', apiUrl: 'https://dyad.example.org' }
 * @example parseInvitation(' abc ') // { code: 'abc', apiUrl: null }
 */
export function parseInvitation(input: string): PastedInvitation {
  const text = input.trim();
  if (!text) throw new Error('Paste the invitation link (or its code) your coordinator sent you.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error('That link is not complete: copy the whole invitation link again.');
    }
    const code = new URLSearchParams(url.hash.slice(1)).get('invite') ?? url.searchParams.get('invite');
    if (!code || !codePattern.test(code)) throw new Error('That link holds no invitation: copy the whole link from the message again.');
    return { code, apiUrl: normaliseApiUrl(url.origin) };
  }
  if (!codePattern.test(text)) throw new Error('That is neither an invitation link nor a code: copy it again from the message.');
  return { code: text, apiUrl: null };
}
