/**
 * The audit log (admins): who invited, signed in, revoked, changed a role or an identity provider,
 * newest first, 50 at a time ("Older" pages back with the API's `nextBefore`), filtered by action.
 * Append-only in the database (migration 0008): what is shown here cannot have been edited.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditAction, AuditEvent } from '../../shared';
import { LoadState, Section } from './form-bits';
import { dayLabel } from './period';
import { useSession } from './session';
import { roleLabel } from './signed-in-as';

/** Every action the API records (typed: a new one in shared/identity.ts fails the build until named here). */
export const actionLabel: Record<AuditAction, string> = {
  org_created: 'Organisation created',
  invitation_created: 'Invitation made',
  invitation_revoked: 'Invitation revoked',
  invitation_redeemed: 'Invitation used',
  credential_issued: 'Signed in',
  credential_revoked: 'Sign-in revoked',
  role_changed: 'Role changed',
  status_changed: 'Status changed',
  identity_provider_changed: 'Identity provider changed',
  analytics_request: 'Analytics viewed',
  participant_created: 'Participant added',
  participants_imported: 'Participants imported',
  attributes_changed: 'Attributes set',
  engagement_created: 'Pairing created',
  engagement_changed: 'Pairing changed',
};

/** "7 Dec 2026, 09:41 UTC". */
export const atLabel = (iso: string) => `${dayLabel(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;

/** The event's details as "key: value" pairs, values as plain text. */
export function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

export function AuditLog() {
  const { api } = useSession();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const generationRef = useRef(0);

  async function load(before: number | null, replace: boolean, mine: number) {
    setLoading(true);
    try {
      const page = await api.audit({ before, action: action || null });
      // A change of filter while a page was on its way: that page belongs to the old filter.
      if (mine !== generationRef.current) return;
      setEvents((shown) => (replace ? page.events : [...shown, ...page.events]));
      setNextBefore(page.nextBefore);
      setError(null);
    } catch (err) {
      if (mine === generationRef.current) setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (mine === generationRef.current) setLoading(false);
    }
  }

  // A new filter starts again from the newest.
  useEffect(() => {
    generationRef.current = generation;
    void load(null, true, generation);
  }, [generation]);

  return (
    <div class="screen">
      <Section
        title="Audit log"
        hook="audit-log"
        actions={
          <label class="inline-label">
            <span class="label">Action</span>
            <select
              data-dyad="audit-action"
              value={action}
              onChange={(e) => {
                setAction(e.currentTarget.value as AuditAction | '');
                setGeneration((g) => g + 1);
              }}
            >
              <option value="">All actions</option>
              {(Object.keys(actionLabel) as AuditAction[]).map((a) => (
                <option key={a} value={a}>
                  {actionLabel[a]}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <LoadState loading={loading} error={error} empty={events.length === 0} />
        {!loading && !error && events.length === 0 && <p class="muted">Nothing recorded{action ? ' for this action' : ''}.</p>}
        {events.length > 0 && (
          <div class="table-wrap">
            <table class="table compact audit" data-dyad="audit-table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>What</th>
                  <th>Who</th>
                  <th>About</th>
                  <th>Details</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id} data-dyad="audit-row" data-action={e.action}>
                    <td class="nowrap">{atLabel(e.at)}</td>
                    <td class="what">{actionLabel[e.action] ?? e.action}</td>
                    <td class="actor">
                      {e.actor ? (
                        <>
                          {e.actor.displayName} <span class="muted small">({roleLabel[e.actor.role]})</span>
                        </>
                      ) : (
                        <span class="muted">operator or signed out</span>
                      )}
                    </td>
                    <td class="subject">{e.subject?.displayName ?? <span class="muted">—</span>}</td>
                    <td class="detail small">{detailText(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextBefore !== null && (
          <div class="form-actions more">
            <button type="button" data-dyad="audit-older" disabled={loading} onClick={() => void load(nextBefore, false, generation)}>
              {loading ? 'Loading…' : 'Older'}
            </button>
          </div>
        )}
      </Section>
    </div>
  );
}
