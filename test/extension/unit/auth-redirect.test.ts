import { describe, expect, it } from 'vitest';
import { AuthRedirectError, readAuthRedirect } from '../../../extension/lib/auth-redirect';

const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const expected = { state: 'st-1', redirectUri };

describe('reading where the identity provider sent the person back', () => {
  it('reads the code when the state is the one the sign-in started with', () => {
    expect(readAuthRedirect(`${redirectUri}?code=abc%2F123&state=st-1`, expected)).toEqual({ code: 'abc/123' });
  });

  it('reads a fragment answer (response_mode=fragment) too', () => {
    expect(readAuthRedirect(`${redirectUri}#state=st-1&code=xyz`, expected)).toEqual({ code: 'xyz' });
  });

  it('refuses an answer for another sign-in (CSRF: the state differs)', () => {
    expect(() => readAuthRedirect(`${redirectUri}?code=abc&state=st-2`, expected)).toThrow('not for this sign-in');
  });

  it('says the sign-in was refused when the provider answers access_denied, with its description', () => {
    const refused = () =>
      readAuthRedirect(`${redirectUri}?error=access_denied&error_description=Not+in+the+Dyad+group&state=st-1`, expected);

    expect(refused).toThrow(AuthRedirectError);
    expect(refused).toThrow('Not in the Dyad group');
  });

  it('names any other OAuth error, even without a state', () => {
    expect(() => readAuthRedirect(`${redirectUri}?error=server_error`, expected)).toThrow('refused the sign-in (server_error)');
  });

  it('refuses an answer without a code, or sent to another address', () => {
    expect(() => readAuthRedirect(`${redirectUri}?state=st-1`, expected)).toThrow('no sign-in code');
    expect(() => readAuthRedirect('https://evil.example/?code=abc&state=st-1', expected)).toThrow('unexpected address');
    expect(() => readAuthRedirect('not a url', expected)).toThrow('cannot read');
  });
});
