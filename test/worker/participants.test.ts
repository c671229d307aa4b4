import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { limits } from '../../shared';
import { createOrg, pairOrg, snapshot, testDimensions } from './support';

const csvHeaders = { 'content-type': 'text/csv' };

describe('participants', () => {
  it('a coordinator adds, lists, finds and edits people; attributes go in but never come out', async () => {
    const { coordinator } = await pairOrg();

    const created = await coordinator.post('/v1/participants', {
      displayName: 'Nia Njoroge',
      email: 'Nia.Njoroge@Example.com',
      level: 'senior',
      function: 'Finance',
      region: 'EMEA',
      attributes: { gender: 'woman', age_band: '35-44' },
    });
    const listed = await coordinator.get('/v1/participants?q=njoroge');
    const patched = await coordinator.patch(`/v1/participants/${created.body.id}`, { region: 'APAC', attributes: { age_band: null } });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'nia.njoroge@example.com', level: 'senior', status: 'active' });
    expect(created.body).not.toHaveProperty('attributes');
    expect(listed.body).toMatchObject({ total: 1, participants: [expect.objectContaining({ displayName: 'Nia Njoroge' })] });
    expect(listed.body.participants[0]).not.toHaveProperty('attributes');
    expect(patched.body).toMatchObject({ region: 'APAC' });
    expect(patched.body).not.toHaveProperty('attributes');
    const stored = await env.DB.prepare('SELECT dimension, value FROM participant_attributes WHERE participant_id = ?1')
      .bind(created.body.id)
      .all();
    expect(stored.results).toEqual([{ dimension: 'gender', value: 'woman' }]);
  });

  it('refuses a second person with the same email (409)', async () => {
    const { coordinator, people } = await pairOrg();

    const res = await coordinator.post('/v1/participants', { displayName: 'Copy', email: people.mia.email });

    expect(res.status).toBe(409);
  });

  it('a participant reads and changes their own attributes', async () => {
    const { lee, people } = await pairOrg();

    const patched = await lee.patch(`/v1/participants/${people.lee.id}`, { attributes: { ethnicity: 'prefer to self-describe' } });
    const me = await lee.get('/v1/me');

    expect(patched.body.attributes).toEqual({ gender: 'man', ethnicity: 'prefer to self-describe' });
    expect(me.body).toMatchObject({
      role: 'participant',
      participant: { id: people.lee.id, attributes: { gender: 'man', ethnicity: 'prefer to self-describe' } },
    });
  });

  it("a deactivated participant's token stops working", async () => {
    const { coordinator, lee, people } = await pairOrg();

    await coordinator.patch(`/v1/participants/${people.lee.id}`, { status: 'inactive' });

    expect((await lee.get('/v1/me')).status).toBe(401);
  });
});

describe('POST /v1/participants/import', () => {
  it('creates new people and updates existing ones by email, all at once', async () => {
    const { coordinator, people } = await pairOrg();
    const csv = [
      'displayName,email,level,function,region,attr:gender,attr:ethnicity',
      'Ana Alves,ana@example.com,senior,"Sales, EMEA",Lisbon,woman,',
      `"Mia ""M"" Mentor",${people.mia.email},mid,,,,black`,
    ].join('\r\n');

    const res = await coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: csvHeaders });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 1, dryRun: false });
    const mia = await coordinator.get(`/v1/participants/${people.mia.id}`);
    expect(mia.body).toMatchObject({ displayName: 'Mia "M" Mentor', level: 'mid' });
    const ana = (await coordinator.get('/v1/participants?q=ana@example.com')).body.participants[0];
    expect(ana).toMatchObject({ function: 'Sales, EMEA', region: 'Lisbon' });
    const attrs = await env.DB.prepare('SELECT dimension, value FROM participant_attributes WHERE participant_id = ?1 ORDER BY dimension')
      .bind(people.mia.id)
      .all();
    expect(attrs.results).toEqual([
      { dimension: 'ethnicity', value: 'black' },
      { dimension: 'gender', value: 'woman' },
    ]);
  });

  it('imports more rows than one D1 statement can bind', async () => {
    const { coordinator } = await pairOrg();
    const rows = Array.from({ length: 250 }, (_, i) => `Person ${i},person${i}@bulk.example,mid,attr-less`);
    const csv = ['displayName,email,level,function', ...rows].join('\n');

    const first = await coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: csvHeaders });
    const again = await coordinator.send('POST', '/v1/participants/import', { raw: csv, headers: csvHeaders });

    expect(first.body).toEqual({ created: 250, updated: 0, dryRun: false });
    expect(again.body).toEqual({ created: 0, updated: 250, dryRun: false });
  });

  it('previews with dryRun: counts what would change and writes nothing', async () => {
    const { coordinator, people } = await pairOrg();
    const csv = `displayName,email\nNew Person,new@example.com\nMia,${people.mia.email}\n`;
    const before = await snapshot();

    const res = await coordinator.send('POST', '/v1/participants/import?dryRun=true', { raw: csv, headers: csvHeaders });

    expect(res.body).toEqual({ created: 1, updated: 1, dryRun: true });
    expect(await snapshot()).toBe(before);
  });

  it('lists every bad row and column, and imports nothing', async () => {
    const { coordinator } = await pairOrg();
    const before = (await coordinator.get('/v1/participants')).body.total;

    const badHeader = await coordinator.send('POST', '/v1/participants/import', { raw: 'displayName,mail\nA,a@x.io', headers: csvHeaders });
    const badRows = await coordinator.send('POST', '/v1/participants/import', {
      raw: 'displayName,email\nOk,ok@x.io\n,blank@x.io\nDup,ok@x.io\nShort\n',
      headers: csvHeaders,
    });

    expect(badHeader.status).toBe(400);
    expect(badHeader.body.error.details.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'mail' }),
        expect.objectContaining({ field: 'email', message: 'Missing column "email"' }),
      ]),
    );
    expect(badRows.body.error.details.rows.map((r: any) => r.row)).toEqual([3, 4, 5]);
    expect((await coordinator.get('/v1/participants')).body.total).toBe(before);
  });
});

describe('attributes are bounded: only the dimensions the organisation collects', () => {
  it('a participant who stores 3,000 attribute keys on themselves is refused, and /v1/me stays as it was', async () => {
    const { lee, people } = await pairOrg();
    const flood = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, 'x'.repeat(60)]));
    const before = await snapshot();

    const res = await lee.patch(`/v1/participants/${people.lee.id}`, { attributes: flood });

    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect(await snapshot()).toBe(before);
    expect((await lee.get('/v1/me')).body.participant.attributes).toEqual({ gender: 'man' });
  });

  it('a key the organisation does not collect is refused, from a participant and from staff alike', async () => {
    const { lee, coordinator, people } = await pairOrg();
    const before = await snapshot();

    const own = await lee.patch(`/v1/participants/${people.lee.id}`, { attributes: { shoe_size: '44' } });
    const staff = await coordinator.patch(`/v1/participants/${people.mia.id}`, { attributes: { religion: 'none' } });
    const created = await coordinator.post('/v1/participants', {
      displayName: 'Nia',
      email: `nia.${crypto.randomUUID()}@example.com`,
      attributes: { gender: 'woman', shoe_size: '38' },
    });
    const imported = await coordinator.send('POST', '/v1/participants/import', {
      raw: 'displayName,email,attr:gender,attr:shoe_size\nIvy,ivy@example.com,woman,39\n',
      headers: csvHeaders,
    });

    expect([own.status, staff.status, created.status, imported.status]).toEqual([400, 400, 400, 400]);
    expect(own.body.error.details).toEqual([expect.objectContaining({ path: 'attributes.shoe_size', code: 'unknown_dimension' })]);
    expect(created.body.error.details).toEqual([expect.objectContaining({ path: 'attributes.shoe_size' })]);
    expect(imported.body.error.details.rows).toEqual([expect.objectContaining({ row: 1, field: 'attr:shoe_size' })]);
    expect(await snapshot()).toBe(before);
  });

  it('a new organisation collects no dimension until an admin names them in its settings', async () => {
    const { admin } = await createOrg({ attributeDimensions: undefined });
    const ada = (await admin.get('/v1/me')).body;

    const refused = await admin.patch(`/v1/participants/${ada.participant.id}`, { attributes: { gender: 'woman' } });
    const settings = await admin.patch('/v1/org', { attributeDimensions: ['gender', 'age_band'] });
    const accepted = await admin.patch(`/v1/participants/${ada.participant.id}`, { attributes: { gender: 'woman' } });

    expect(ada.org.attributeDimensions).toEqual([]);
    expect(refused.status).toBe(400);
    expect(settings.body.attributeDimensions).toEqual(['gender', 'age_band']);
    expect(accepted.body.attributes).toEqual({ gender: 'woman' });
  });

  it('a dimension the organisation stops collecting can no longer be set, but each person can still remove theirs', async () => {
    const { admin, lee, people } = await pairOrg();
    await admin.patch('/v1/org', { attributeDimensions: ['ethnicity'] });

    const set = await lee.patch(`/v1/participants/${people.lee.id}`, { attributes: { gender: 'woman' } });
    const removed = await lee.patch(`/v1/participants/${people.lee.id}`, { attributes: { gender: null } });

    expect(set.status).toBe(400);
    expect(removed.status).toBe(200);
    expect(removed.body.attributes).toEqual({});
  });

  it(`an organisation names at most ${limits.attributeDimensions} dimensions, each once`, async () => {
    const { admin } = await pairOrg();
    const many = Array.from({ length: limits.attributeDimensions + 1 }, (_, i) => `d${i}`);

    const tooMany = await admin.patch('/v1/org', { attributeDimensions: many });
    const twice = await admin.patch('/v1/org', { attributeDimensions: ['gender', 'gender'] });
    const malformed = await admin.patch('/v1/org', { attributeDimensions: ['Gender!'] });

    expect([tooMany.status, twice.status, malformed.status]).toEqual([400, 400, 400]);
    expect((await admin.get('/v1/me')).body.org.attributeDimensions).toEqual(testDimensions);
  });

  it('the migration keeps what an existing organisation collects: its baselines first, then the most-held, up to 20', async () => {
    const { org, people } = await pairOrg();
    const backfill = env.TEST_MIGRATIONS.flatMap((m) => m.queries).find((q) => q.includes('UPDATE orgs SET attribute_dimensions'))!;
    const junk = Array.from({ length: 30 }, (_, i) => `junk_${String(i).padStart(2, '0')}`);
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO population_baselines (org_id, dimension, grp, count, updated_at) VALUES (?1, 'disability', 'yes', 5, '')`,
      ).bind(org.id),
      // Lee floods 30 keys on himself; gender is held by two people.
      ...junk.map((k) =>
        env.DB.prepare(`INSERT INTO participant_attributes (org_id, participant_id, dimension, value) VALUES (?1, ?2, ?3, 'x')`).bind(
          org.id,
          people.lee.id,
          k,
        ),
      ),
      env.DB.prepare(`UPDATE orgs SET attribute_dimensions = '[]' WHERE id = ?1`).bind(org.id),
    ]);

    await env.DB.prepare(backfill).run();

    const stored = await env.DB.prepare('SELECT attribute_dimensions FROM orgs WHERE id = ?1')
      .bind(org.id)
      .first<string>('attribute_dimensions');
    expect(JSON.parse(stored!)).toEqual(['disability', 'gender', ...junk.slice(0, 18)]);
  });
});
