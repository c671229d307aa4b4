/**
 * The message a coordinator sends with an invitation: how to sign in with it. The invitation's link
 * is in it, so it is shown once, like the link itself. Nothing in it is a credential: the link
 * works once, for this person, until it expires, and only the signer ever sees what it gives them.
 */
import type { Role } from '../../shared';
import { dayLabel } from './period';

export interface InvitationMessage {
  name: string;
  orgName: string;
  /** `<origin>/console/#invite=<code>` (IssuedInvitation.link). */
  link: string;
  expiresAt: string;
  role: Role;
  from: string;
}

/**
 * @example invitationText({ name: 'Ada', orgName: 'Northwind', link: 'https://dyad.example.org/console/#invite=…', expiresAt: '2026-12-14T09:00:00Z', role: 'participant', from: 'Tomás' })
 */
export function invitationText({ name, orgName, link, expiresAt, role, from }: InvitationMessage): string {
  const until = dayLabel(expiresAt.slice(0, 10));
  const steps =
    role === 'participant'
      ? [
          'It lets you tag mentorship sessions in your calendar in a click or two, keep private notes, and answer a one-click pulse after each session.',
          '',
          '1. Install the Dyad extension in Chrome (from the link your IT team shared, or by loading the folder your administrator gave you: chrome://extensions → Developer mode → Load unpacked).',
          '2. Click the Dyad icon in the toolbar and choose Options.',
          '3. Under “Have an invitation?”, paste this link:',
          `   ${link}`,
        ]
      : [
          `It signs you in as a programme ${role} to the Dyad console, the coordinator's dashboard. Open this link in your browser:`,
          `   ${link}`,
        ];
  return [
    `Hi ${name},`,
    '',
    `You're invited to use Dyad for ${orgName}'s mentorship programmes. ${steps[0]}`,
    ...steps.slice(1),
    '',
    `The invitation works once, for you alone, until ${until}. If it has expired or you cannot use it, tell me and I will send a new one.`,
    role === 'participant'
      ? 'Your notes and pulse answers are never shown to coordinators; we only see figures about groups of people.'
      : '',
    '',
    from,
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
