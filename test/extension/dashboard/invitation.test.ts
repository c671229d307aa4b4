import { describe, expect, it } from 'vitest';
import { invitationText } from '../../../extension/dashboard/invitation';

describe('the invitation sent with a token', () => {
  const text = invitationText({
    name: 'Amara Okafor',
    orgName: 'Northwind',
    apiUrl: 'https://dyad.northwind.example',
    secret: 'dyad_secret',
    role: 'participant',
    from: 'Tomás Becker',
  });

  it('tells the leader how to install the extension and sign in, with the API URL and the token', () => {
    expect(text).toContain('Hi Amara Okafor,');
    expect(text).toContain('Install the Dyad extension in Chrome');
    expect(text).toContain('choose Options');
    expect(text).toContain('API URL: https://dyad.northwind.example');
    expect(text).toContain('Token:   dyad_secret');
  });

  it('says to keep the token private, and what coordinators never see', () => {
    expect(text).toMatch(/Keep the token to yourself/);
    expect(text).toMatch(/never shown to coordinators/);
  });

  it('has no two blank lines in a row', () => {
    expect(text).not.toMatch(/\n\n\n/);
  });
});
