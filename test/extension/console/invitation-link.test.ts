import { describe, expect, it } from 'vitest';
import { invitationCode, inviteFromHash } from '../../../extension/console/invitation-link';

describe('reading an invitation', () => {
  it('finds the code in the link the coordinator sent', () => {
    expect(invitationCode('https://dyad.northwind.example/console/#invite=Ab3_x-9')).toBe('Ab3_x-9');
  });

  it('takes a bare code, without the spaces around it', () => {
    expect(invitationCode('  Ab3_x-9\n')).toBe('Ab3_x-9');
  });

  it('finds the link inside a pasted sentence', () => {
    expect(invitationCode('Open https://dyad.test/console/#invite=Ab3 to sign in.')).toBe('Ab3');
  });

  it('refuses text that is neither a link with a code nor a code', () => {
    expect(invitationCode('')).toBeNull();
    expect(invitationCode('https://dyad.test/console/')).toBeNull();
    expect(invitationCode('my code is Ab3')).toBeNull();
  });

  it('reads the fragment of an opened link, and nothing else', () => {
    expect(inviteFromHash('#invite=Ab3')).toBe('Ab3');
    expect(inviteFromHash('#people')).toBeNull();
    expect(inviteFromHash('')).toBeNull();
  });
});
