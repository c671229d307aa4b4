import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { pairOrg, snapshot } from './support';

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
