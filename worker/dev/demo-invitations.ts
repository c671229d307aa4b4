/**
 * Fresh invitations for the demo's two external advisors, made at every `npm start`: one to open
 * as a link (console or extension), one to redeem with curl in the API tour. Single-use, so each
 * start makes new ones and revokes the demo's earlier ones that nobody used.
 *
 * They are rows written with the seed, not calls to the running Worker as its admin: the seed is
 * already the operator's hand on the local database (it writes every other demo row), it works
 * before the Worker is up and without the identity provider, and it adds no admin sign-in to the
 * admin's "Your sign-ins" at every start. The rows are what the Worker writes for
 * `POST /v1/participants/{id}/invitations` — the code's SHA-256, never the code — and the audit
 * log says who made them.
 */
import { hashToken, newTokenSecret } from '../domain/token-secrets';
import { DEMO_ORG_ID, type DemoData, type DemoPerson } from './demo-data';
import { sqlLiteral } from './sql';

export interface DemoInvitation {
  person: DemoPerson;
  code: string;
  /** `<origin>/console/#invite=<code>`, as the Worker's `IssuedInvitation.link`. */
  link: string;
  expiresAt: string;
}

const DAY = 86_400_000;

/**
 * The SQL that makes the invitations, and what to print. `now` is passed in, like the rest of
 * the demo's dates.
 *
 * @example const { sql, invitations } = await demoInvitations({ data, apiUrl: 'http://127.0.0.1:8787', now: new Date() });
 */
export async function demoInvitations({
  data,
  apiUrl,
  now,
  days = 7,
}: {
  data: DemoData;
  apiUrl: string;
  now: Date;
  days?: number;
}): Promise<{ sql: string[]; invitations: [DemoInvitation, DemoInvitation] }> {
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + days * DAY).toISOString();
  const sql: string[] = [];
  const make = async (person: DemoPerson): Promise<DemoInvitation> => {
    const code = newTokenSecret('inv');
    const codeHash = await hashToken(code);
    const id = crypto.randomUUID();
    const q = (values: (string | null)[]) => values.map(sqlLiteral).join(', ');
    sql.push(
      // Yesterday's unused invitation would still let its holder in: revoke it, as an admin would.
      `UPDATE invitations SET revoked_at = ${sqlLiteral(at)}, revoked_by = ${sqlLiteral(data.people.admin.id)} ` +
        `WHERE org_id = ${sqlLiteral(DEMO_ORG_ID)} AND participant_id = ${sqlLiteral(person.id)} ` +
        `AND redeemed_at IS NULL AND revoked_at IS NULL AND code_hash <> ${sqlLiteral(codeHash)};`,
      // Applying the same file twice changes nothing (as every other statement of the seed).
      `INSERT INTO invitations (id, org_id, participant_id, created_by, code_hash, created_at, expires_at) ` +
        `VALUES (${q([id, DEMO_ORG_ID, person.id, data.people.admin.id, codeHash, at, expiresAt])}) ON CONFLICT (code_hash) DO NOTHING;`,
      `INSERT INTO audit_log (org_id, at, action, actor_id, actor_role, subject_id, detail) ` +
        `SELECT ${q([DEMO_ORG_ID, at, 'invitation_created', data.people.admin.id, 'admin', person.id, JSON.stringify({ invitationId: id, expiresAt, by: 'npm start' })])} ` +
        `WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'invitation_created' AND subject_id = ${sqlLiteral(person.id)} AND at = ${sqlLiteral(at)});`,
    );
    return { person, code, link: `${apiUrl}/console/#invite=${code}`, expiresAt };
  };
  const invitations: [DemoInvitation, DemoInvitation] = [await make(data.advisors[0]), await make(data.advisors[1])];
  return { sql, invitations };
}
