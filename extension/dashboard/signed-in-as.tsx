/** The top bar's right-hand side: who is signed in, as what, their sign-ins, and signing out. */
import { useState } from 'preact/hooks';
import type { Role } from '../../shared';
import { useSession } from './session';

export const roleLabel: Record<Role, string> = { participant: 'Participant', coordinator: 'Coordinator', admin: 'Admin' };

/** `current`: the screen shown (the link to one's sign-ins is marked when it is that one); null where there are no screens. */
export function SignedInAs({ current }: { current: string | null }) {
  const { me, account } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <span class="who">
      <span class="muted" data-dyad="dashboard-signed-in-as" data-role={me.role}>
        {me.participant.displayName} · {roleLabel[me.role]}
      </span>
      {current !== null && (
        <a href="#sign-ins" data-dyad="nav-sign-ins" aria-current={current === 'sign-ins' ? 'page' : undefined}>
          Your sign-ins
        </a>
      )}
      <button
        type="button"
        class="link"
        data-dyad="sign-out"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          // The console shows the sign-in screen either way; a failure to reach the server is its message then.
          void account.signOut().catch(() => undefined);
        }}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </span>
  );
}
