/**
 * The Settings screen (admins): the organisation's settings, where people sign in, and the
 * identity providers they sign in with.
 */
import { Section } from './form-bits';
import { IdentityProviders } from './identity-providers';
import { OrgSettings } from './org-settings';
import { useSession } from './session';

export function Settings() {
  const { api, me } = useSession();
  return (
    <div class="screen narrow">
      <OrgSettings />
      {me.role === 'admin' && (
        <>
          <Section title="Signing in" hook="signing-in">
            <p class="small">
              People sign in to this console at{' '}
              <code data-dyad="sign-in-address" class="wrap-anywhere">
                {api.apiUrl}/console/?org={me.org.slug}
              </code>{' '}
              and name the organisation <strong>{me.org.slug}</strong> when the extension asks.
            </p>
          </Section>
          <IdentityProviders />
        </>
      )}
    </div>
  );
}
