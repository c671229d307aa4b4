import type { IdentityProvider, IdentityProviderCreate, IdentityProviderPatch } from '../../shared';

interface ProviderRow {
  id: string;
  org_id: string;
  label: string;
  issuer: string;
  client_id: string;
  email_claim: string;
  email_domains: string;
  created_at: string;
  updated_at: string;
}

const toProvider = (r: ProviderRow): IdentityProvider => ({
  id: r.id,
  label: r.label,
  issuer: r.issuer,
  clientId: r.client_id,
  emailClaim: r.email_claim,
  emailDomains: JSON.parse(r.email_domains) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listProviders(db: D1Database, orgId: string): Promise<IdentityProvider[]> {
  const { results } = await db
    .prepare(`SELECT * FROM identity_providers WHERE org_id = ?1 ORDER BY label, id`)
    .bind(orgId)
    .all<ProviderRow>();
  return results.map(toProvider);
}

export async function getProvider(db: D1Database, orgId: string, id: string): Promise<IdentityProvider | null> {
  const row = await db.prepare(`SELECT * FROM identity_providers WHERE org_id = ?1 AND id = ?2`).bind(orgId, id).first<ProviderRow>();
  return row && toProvider(row);
}

/** A provider by id alone, with its organisation: a signed-out caller starting a sign-in names only the provider. */
export async function findProvider(db: D1Database, id: string): Promise<(IdentityProvider & { orgId: string }) | null> {
  const row = await db.prepare(`SELECT * FROM identity_providers WHERE id = ?1`).bind(id).first<ProviderRow>();
  return row && { ...toProvider(row), orgId: row.org_id };
}

export function insertProviderStatement(db: D1Database, orgId: string, id: string, p: IdentityProviderCreate, now: string) {
  return db
    .prepare(
      `INSERT INTO identity_providers (id, org_id, label, issuer, client_id, email_claim, email_domains, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
    )
    .bind(id, orgId, p.label, p.issuer, p.clientId, p.emailClaim, JSON.stringify(p.emailDomains), now);
}

export function updateProviderStatement(db: D1Database, orgId: string, id: string, p: IdentityProviderPatch, now: string) {
  return db
    .prepare(
      `UPDATE identity_providers SET label = COALESCE(?3, label), client_id = COALESCE(?4, client_id),
         email_claim = COALESCE(?5, email_claim), email_domains = COALESCE(?6, email_domains), updated_at = ?7
       WHERE org_id = ?1 AND id = ?2`,
    )
    .bind(
      orgId,
      id,
      p.label ?? null,
      p.clientId ?? null,
      p.emailClaim ?? null,
      p.emailDomains ? JSON.stringify(p.emailDomains) : null,
      now,
    );
}

export function deleteProviderStatement(db: D1Database, orgId: string, id: string) {
  return db.prepare(`DELETE FROM identity_providers WHERE org_id = ?1 AND id = ?2`).bind(orgId, id);
}

/** The organisation a signed-out caller names (by slug or id), and its providers. */
export async function findSignInOptions(
  db: D1Database,
  org: string,
): Promise<{ org: { id: string; name: string; slug: string }; providers: IdentityProvider[] } | null> {
  const [orgs, providers] = await db.batch<{ id: string; name: string; slug: string } & Partial<ProviderRow>>([
    db.prepare(`SELECT id, name, slug FROM orgs WHERE slug = ?1 OR id = ?1 LIMIT 1`).bind(org),
    db
      .prepare(`SELECT p.* FROM identity_providers p JOIN orgs o ON o.id = p.org_id WHERE o.slug = ?1 OR o.id = ?1 ORDER BY p.label, p.id`)
      .bind(org),
  ]);
  const found = orgs?.results[0];
  if (!found) return null;
  return {
    org: { id: found.id, name: found.name, slug: found.slug },
    providers: ((providers?.results ?? []) as ProviderRow[]).map(toProvider),
  };
}
