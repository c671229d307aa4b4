/**
 * The invitation a coordinator sends with a new token: how to install the extension and sign in.
 * The token is in it, so it is shown once, like the token itself.
 */
import type { Role } from '../../shared';

export interface Invitation {
  name: string;
  orgName: string;
  apiUrl: string;
  secret: string;
  role: Role;
  from: string;
}

/**
 * @example invitationText({ name: 'Ada', orgName: 'Northwind', apiUrl: 'https://dyad.example.org', secret: 'dyad_…', role: 'participant', from: 'Tomás' })
 */
export function invitationText({ name, orgName, apiUrl, secret, role, from }: Invitation): string {
  const what =
    role === 'participant'
      ? 'It lets you tag mentorship sessions in your calendar in a click or two, keep private notes, and answer a one-click pulse after each session.'
      : `It signs you in as a programme ${role} (your role: ${role}), with the coordinator's dashboard.`;
  return [
    `Hi ${name},`,
    '',
    `You're invited to use Dyad for ${orgName}'s mentorship programmes. ${what}`,
    '',
    '1. Install the Dyad extension in Chrome (from the link your IT team shared, or by loading the folder your administrator gave you: chrome://extensions → Developer mode → Load unpacked).',
    '2. Click the puzzle-piece icon in the toolbar, pin Dyad, then click the Dyad icon and choose Options.',
    '3. Sign in with:',
    `   API URL: ${apiUrl}`,
    `   Token:   ${secret}`,
    '',
    'Keep the token to yourself: it signs in as you. If you lose it or think someone else has it, tell me and I will revoke it and send a new one.',
    role === 'participant'
      ? 'Your notes and pulse answers are never shown to coordinators; we only see figures about groups of people.'
      : '',
    '',
    from,
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
