/**
 * An invitation reaches its invitee as a link, `<origin>/console/#invite=<code>` (the fragment never
 * reaches a server log), or as the bare code. Whatever they paste — the link, the code, the text
 * around them from an email — this finds the code.
 */

/** The code of the link in `location.hash` (`#invite=…`), if it is one. */
export function inviteFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('invite')?.trim();
  return code ? code : null;
}

/**
 * @example invitationCode('https://dyad.example.org/console/#invite=abc123') // 'abc123'
 * @example invitationCode('  abc123 ') // 'abc123'
 */
export function invitationCode(pasted: string): string | null {
  const text = pasted.trim();
  if (!text) return null;
  const link = /#(?:[^\s#]*&)?invite=([^\s&#]+)/.exec(text);
  if (link) return inviteFromHash(`#invite=${link[1]}`);
  // A bare code is one word; anything else (a sentence, a link without a code) is not one.
  return /^[A-Za-z0-9._~-]+$/.test(text) ? text : null;
}
