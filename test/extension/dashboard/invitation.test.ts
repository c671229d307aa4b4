import { describe, expect, it } from 'vitest';
import { invitationText } from '../../../extension/dashboard/invitation';

const base = {
  name: 'Amara Okafor',
  orgName: 'Northwind',
  link: 'https://dyad.northwind.example/console/#invite=abc123',
  expiresAt: '2026-12-14T10:00:00.000Z',
  from: 'Tomás Becker',
};

describe('the message sent with an invitation', () => {
  const leader = invitationText({ ...base, role: 'participant' });

  it('tells a leader to install the extension and paste the link in its options', () => {
    expect(leader).toContain('Hi Amara Okafor,');
    expect(leader).toContain('Install the Dyad extension in Chrome');
    expect(leader).toContain('choose Options');
    expect(leader).toContain('Under “Have an invitation?”, paste this link:\n   https://dyad.northwind.example/console/#invite=abc123');
  });

  it('tells a coordinator to open the link, which signs in to the console', () => {
    const staff = invitationText({ ...base, role: 'coordinator' });

    expect(staff).toContain('programme coordinator to the Dyad console');
    expect(staff).toContain('Open this link in your browser:\n   https://dyad.northwind.example/console/#invite=abc123');
    expect(staff).not.toContain('Install the Dyad extension');
  });

  it('says it works once until its expiry, and what coordinators never see', () => {
    expect(leader).toContain('works once, for you alone, until 14 Dec 2026');
    expect(leader).toMatch(/never shown to coordinators/);
  });

  it('carries no token and has no two blank lines in a row', () => {
    expect(leader).not.toMatch(/token/i);
    expect(leader).not.toMatch(/\n\n\n/);
  });
});
