import { describe, expect, it } from 'vitest';
import { parseInvitation } from '../../../extension/lib/invitation-link';

describe('what the person pastes to use an invitation', () => {
  it('takes the API URL from the link’s origin and the code from #invite=', () => {
    expect(parseInvitation(' https://dyad.example.org/console/#invite=Abc_123-x ')).toEqual({
      code: 'Abc_123-x',
      apiUrl: 'https://dyad.example.org',
    });
  });

  it('takes a local Worker’s link, port included', () => {
    expect(parseInvitation('http://127.0.0.1:8787/console/#invite=abc')).toEqual({ code: 'abc', apiUrl: 'http://127.0.0.1:8787' });
  });

  it('takes a bare code, leaving the API URL to the form', () => {
    expect(parseInvitation('abc123')).toEqual({ code: 'abc123', apiUrl: null });
  });

  it('refuses a link with no invitation in it, a plain-http link to another host, and text that is no code', () => {
    expect(() => parseInvitation('https://dyad.example.org/console/')).toThrow('holds no invitation');
    expect(() => parseInvitation('http://dyad.example.org/console/#invite=abc')).toThrow('https://');
    expect(() => parseInvitation('my code is abc')).toThrow('neither an invitation link nor a code');
    expect(() => parseInvitation('   ')).toThrow('Paste the invitation link');
  });
});
