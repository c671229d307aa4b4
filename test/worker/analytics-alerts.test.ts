import { describe, expect, it } from 'vitest';
import { analyticsOrg } from './analytics-fixture';

/** As of 16 February 2026, in Q1 (90 days; 47 elapsed, so a commitment of 2 expects 1 by now). */
const asOf = '2026-02-16';

async function alertsOrg() {
  const fx = await analyticsOrg({ minGroupSize: 3 });
  const reverse = await fx.programme('reverse', 2, 'Reverse');
  const pair = async (name: string, opts: { startsOn?: string; status?: 'active' | 'paused' | 'closed'; endsOn?: string } = {}) => {
    const a = await fx.person(`${name} mentor`);
    const b = await fx.person(`${name} mentee`);
    return {
      id: await fx.engagement(
        reverse,
        [
          [a, 'mentor'],
          [b, 'mentee'],
        ],
        { startsOn: '2025-01-01', ...opts },
      ),
      a,
      b,
    };
  };

  const fine = await pair('Fine');
  await fx.session(fine.id, '2026-01-05T09:00:00Z');
  await fx.session(fine.id, '2026-01-20T09:00:00Z');

  const asked = await pair('Asked');
  const askedSession = await fx.session(asked.id, '2026-02-01T09:00:00Z');
  await fx.pulse(askedSession, asked.a, { value: 2, checkIn: true, at: '2026-02-01T10:00:00Z' });

  const oldAsk = await pair('OldAsk');
  const oldSession = await fx.session(oldAsk.id, '2026-01-10T09:00:00Z');
  await fx.pulse(oldSession, oldAsk.b, { value: 2, checkIn: true, at: '2026-01-17T23:59:00Z' }); // 31 days before: too old

  const lapsed = await pair('Lapsed');
  await fx.session(lapsed.id, '2025-10-01T09:00:00Z'); // 138 days > 136.9

  const atRisk = await pair('AtRisk');
  await fx.session(atRisk.id, '2025-12-01T09:00:00Z'); // 77 days > 68.4

  const cancelling = await pair('Cancelling');
  await fx.session(cancelling.id, '2026-01-10T09:00:00Z');
  await fx.session(cancelling.id, '2026-01-25T09:00:00Z', { status: 'cancelled' });
  await fx.session(cancelling.id, '2026-02-08T09:00:00Z', { status: 'cancelled' });

  const newcomer = await pair('New', { startsOn: '2026-02-15' }); // 2 days in: nothing expected yet
  const paused = await pair('Paused', { status: 'paused' });
  const ended = await pair('Ended', { endsOn: '2026-01-31' });

  return { fx, reverse, fine, asked, oldAsk, lapsed, atRisk, cancelling, newcomer, paused, ended };
}

describe('GET /v1/analytics/alerts', () => {
  it('lists the engagements that need a coordinator, most urgent first, with every reason', async () => {
    const o = await alertsOrg();

    const { body } = await o.fx.coordinator.get(`/v1/analytics/alerts?asOf=${asOf}`);

    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-03-31', asOf });
    expect(
      body.alerts.map((a: any) => [a.engagementId, a.reasons, a.health, a.daysSinceLastSession, a.heldThisQuarter, a.expectedByNow]),
    ).toEqual([
      [o.lapsed.id, ['lapsed', 'behind_commitment'], 'lapsed', 138, 0, 1],
      [o.atRisk.id, ['at_risk', 'behind_commitment'], 'at_risk', 77, 0, 1],
      [o.cancelling.id, ['repeated_cancellations'], 'healthy', 37, 1, 1],
      [o.asked.id, ['check_in_requested'], 'healthy', 15, 1, 1],
    ]);
  });

  it('leaves out healthy, paused, ended and just-started engagements, and check-ins older than 30 days', async () => {
    const o = await alertsOrg();

    const { body } = await o.fx.coordinator.get(`/v1/analytics/alerts?asOf=${asOf}`);

    const ids = body.alerts.map((a: any) => a.engagementId);
    for (const quiet of [o.fine, o.oldAsk, o.newcomer, o.paused, o.ended]) expect(ids).not.toContain(quiet.id);
  });

  it('never says who asked for a check-in: the alert is the same whichever member asked', async () => {
    const o = await alertsOrg();
    const other = await o.fx.engagement(
      o.reverse,
      [
        [await o.fx.person('X mentor'), 'mentor'],
        [await o.fx.person('X mentee'), 'mentee'],
      ],
      { startsOn: '2025-01-01' },
    );
    const s = await o.fx.session(other, '2026-02-01T09:00:00Z');
    const menteeId = (await o.fx.coordinator.get(`/v1/engagements/${other}`)).body.members.find(
      (m: any) => m.role === 'mentee',
    ).participantId;
    await o.fx.pulse(s, menteeId, { value: 2, checkIn: true, at: '2026-02-01T10:00:00Z' }); // the mentee asked here; the mentor asked in `asked`

    const { body } = await o.fx.coordinator.get(`/v1/analytics/alerts?asOf=${asOf}`);

    const strip = (a: any) => ({ ...a, engagementId: null, members: a.members.map((m: any) => m.role) });
    const mine = body.alerts.find((a: any) => a.engagementId === o.asked.id);
    const theirs = body.alerts.find((a: any) => a.engagementId === other);
    expect(strip(theirs)).toEqual(strip(mine));
    expect(Object.keys(mine).sort()).toEqual([
      'daysSinceLastSession',
      'engagementId',
      'expectedByNow',
      'health',
      'heldThisQuarter',
      'kind',
      'members',
      'programmeId',
      'programmeName',
      'reasons',
    ]);
  });

  it('exports CSV with the same rows', async () => {
    const o = await alertsOrg();

    const res = await o.fx.coordinator.get(`/v1/analytics/alerts?asOf=${asOf}&format=csv`);

    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('engagementId,programme,kind,members,reasons,health,daysSinceLastSession,heldThisQuarter,expectedByNow');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      `${o.lapsed.id},Reverse,reverse,Lapsed mentee (mentee); Lapsed mentor (mentor),lapsed behind_commitment,lapsed,138,0,1`,
    );
  });
});
