/// <reference types="node" />
/**
 * `npm run bench -- --only writes`: how long the extension's writes take through `wrangler dev`, and
 * how many D1 round trips each costs (issue 9: a 100-op batch ≤ 100 ms median locally, any batch in
 * ≤ 3 round trips, a single PUT in ≤ 2).
 *
 * On a throwaway local D1 with a freshly seeded organisation (worker/dev/bench-client.ts), each case
 * is sent `repetitions` times after a warm-up, one request at a time, as the leader:
 * - `PUT /v1/sessions/:id` of a new session;
 * - `POST /v1/batch` of 1, 10 and 100 new sessions;
 * - `POST /v1/batch` of 10 and 100 mixed writes (sessions, then notes and pulses on them);
 * - the same 100 mixed writes sent again (a replay, as after a lost answer: nothing is written twice);
 * - 100 new sessions into one engagement that already holds thousands (shown, no target: the rollup
 *   triggers' cost grows with the sessions an engagement holds in the month written).
 * Each timed batch but the last goes to an engagement of its own, made before the clock starts, as a
 * leader's backlog goes to engagements of a few dozen sessions.
 * Every op must be accepted; a refused op fails the run. Prints median and p95 ms (to the last byte
 * of the answer) and the round trips from `Server-Timing`, then PASS/FAIL per target.
 *
 *   npm run bench -- --only writes
 *   npx tsx worker/dev/bench-writes.ts --repetitions 50
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BatchItem, BatchResponse } from '../../shared';
import { closeConnections, quantile, startBenchWorker, timedRequest, type Timed } from './bench-client';
import { BenchWrites } from './bench-ops';

const targets = { batch100MedianMs: 100, batchRoundTrips: 3, putRoundTrips: 2 } as const;

interface Case {
  name: string;
  /** Ops per request (1 for the PUT). */
  ops: number;
  /** Sends the case once; resolves with the timing and how many of its ops were refused. */
  send(): Promise<{ timed: Timed; refused: number }>;
  isBatch: boolean;
  /** Shown, but held to no target. */
  informational?: boolean;
}

interface Row {
  name: string;
  ops: number;
  median: number;
  p95: number;
  trips: number[];
  refused: number;
  isBatch: boolean;
  informational: boolean;
}

async function main() {
  const { values } = parseArgs({
    options: {
      repetitions: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
    },
  });
  const repetitions = Math.min(Math.max(Number(values.repetitions), 1), 500);
  const warmup = Math.min(Math.max(Number(values.warmup), 0), 50);

  console.log('▸ Writes: wrangler dev on a throwaway D1, an organisation seeded through the API …');
  const { worker, org, dispose } = await startBenchWorker();
  const writes = new BenchWrites(org.engagement.id, `w${Date.now().toString(36)}`);
  const token = org.leader.token;

  const batch = async (items: BatchItem[]) => {
    const timed = await timedRequest(worker.url, 'POST', '/v1/batch', token, { ops: items });
    if (timed.status !== 200) throw new Error(`POST /v1/batch answered ${timed.status}: ${timed.body.slice(0, 500)}`);
    const { results } = JSON.parse(timed.body) as BatchResponse;
    const refused = results.filter((result) => !result.ok);
    if (refused.length > 0 && !firstRefusal) firstRefusal = JSON.stringify(refused[0]).slice(0, 400);
    return { timed, refused: refused.length + Math.max(0, items.length - results.length) };
  };
  let firstRefusal = '';
  // The rollup triggers (migrations/0003) recompute an engagement's month from its sessions on each
  // write, so a batch costs more the more sessions its engagement already holds in that month. A real
  // leader's backlog goes to engagements of a few dozen sessions, so every timed batch goes to an
  // engagement of its own (made before the clock starts); one case instead keeps writing into the
  // same engagement, thousands of sessions deep, to show that cost (no target).
  const { reverse } = org.programmes;
  const freshEngagement = async () => {
    const made = await timedRequest(worker.url, 'POST', '/v1/engagements', org.coordinator.token, {
      programmeId: reverse.id,
      members: [
        { participantId: org.mentor.participant.id, role: 'mentor' },
        { participantId: org.leader.participant.id, role: 'mentee' },
      ],
      startsOn: new Date(Date.now() - 120 * 24 * 3600_000).toISOString().slice(0, 10),
    });
    if (made.status !== 201) throw new Error(`POST /v1/engagements answered ${made.status}: ${made.body.slice(0, 300)}`);
    writes.useEngagement((JSON.parse(made.body) as { id: string }).id);
  };
  const fresh = (send: () => Promise<{ timed: Timed; refused: number }>) => async () => {
    await freshEngagement();
    return send();
  };
  // Each replay sends a 100-op mix that was applied once already (made and sent before it is timed).
  const replays: BatchItem[][] = [];
  const cases: Case[] = [
    {
      name: 'PUT /v1/sessions/:id (new session)',
      ops: 1,
      isBatch: false,
      async send() {
        const { op } = writes.session();
        if (op.kind !== 'session') throw new Error('unreachable');
        const timed = await timedRequest(worker.url, 'PUT', `/v1/sessions/${op.sessionId}`, token, op.body);
        const ok = timed.status === 200 || timed.status === 201;
        if (!ok && !firstRefusal) firstRefusal = `PUT answered ${timed.status}: ${timed.body.slice(0, 300)}`;
        return { timed, refused: ok ? 0 : 1 };
      },
    },
    { name: 'batch of 1 new session', ops: 1, isBatch: true, send: fresh(() => batch(writes.newSessions(1))) },
    { name: 'batch of 10 new sessions', ops: 10, isBatch: true, send: fresh(() => batch(writes.newSessions(10))) },
    { name: 'batch of 100 new sessions', ops: 100, isBatch: true, send: fresh(() => batch(writes.newSessions(100))) },
    { name: 'batch of 10 mixed (4 sessions, 3 notes, 3 pulses)', ops: 10, isBatch: true, send: fresh(() => batch(writes.mix(10))) },
    {
      name: 'batch of 100 mixed (34 sessions, 33 notes, 33 pulses)',
      ops: 100,
      isBatch: true,
      send: fresh(() => batch(writes.mix(100))),
    },
    {
      name: 'batch of 100 new sessions, all into one engagement that grows by 100 each time (no target)',
      ops: 100,
      isBatch: true,
      informational: true,
      async send() {
        writes.useEngagement(org.engagement.id);
        return batch(writes.newSessions(100));
      },
    },
    {
      name: 'replay of a batch of 100 mixed',
      ops: 100,
      isBatch: true,
      async send() {
        const items = replays.shift() ?? (await firstSent(writes.mix(100)));
        return batch(items);
      },
    },
  ];
  const firstSent = async (items: BatchItem[]) => {
    await batch(items);
    return items;
  };

  const rows: Row[] = [];
  try {
    for (const c of cases) {
      if (c.name.startsWith('replay')) for (let i = 0; i < warmup + repetitions; i++) replays.push(await firstSent(writes.mix(100)));
      for (let i = 0; i < warmup; i++) await c.send();
      const samples: Timed[] = [];
      let refused = 0;
      for (let i = 0; i < repetitions; i++) {
        const { timed, refused: r } = await c.send();
        samples.push(timed);
        refused += r;
      }
      const ms = samples.map((s) => s.ms);
      rows.push({
        name: c.name,
        ops: c.ops,
        median: quantile(ms, 0.5),
        p95: quantile(ms, 0.95),
        trips: [...new Set(samples.map((s) => s.roundTrips))].sort((a, b) => a - b),
        refused,
        isBatch: c.isBatch,
        informational: c.informational ?? false,
      });
      console.log(`  ${c.name}: median ${quantile(ms, 0.5).toFixed(1)} ms`);
    }
  } finally {
    closeConnections();
    await dispose();
  }

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `\nNode ${process.version}, ${os.cpus().length} × ${cpu}; ${repetitions} sequential requests per case after ${warmup} warm-up\n`,
  );
  console.log('| write | median ms | p95 ms | D1 round trips | refused ops |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.trips.map((t) => (Number.isNaN(t) ? '?' : t)).join('–')} | ${r.refused} |`,
    );

  const verdicts: Array<[string, boolean]> = [];
  // A refused op is cheap: a time counts only when every op of the case was written.
  for (const r of rows.filter((row) => row.isBatch && row.ops === 100 && !row.informational)) {
    verdicts.push([
      `${r.name}: median ${r.median.toFixed(1)} ms ≤ ${targets.batch100MedianMs} ms, every op accepted`,
      r.median <= targets.batch100MedianMs && r.refused === 0,
    ]);
  }
  const maxTrips = (filter: (r: Row) => boolean) => Math.max(...rows.filter(filter).flatMap((r) => r.trips));
  const batchTrips = maxTrips((r) => r.isBatch);
  const putTrips = maxTrips((r) => !r.isBatch);
  verdicts.push([
    `every batch in ≤ ${targets.batchRoundTrips} D1 round trips (most: ${batchTrips})`,
    batchTrips <= targets.batchRoundTrips,
  ]);
  verdicts.push([`a single PUT in ≤ ${targets.putRoundTrips} D1 round trips (most: ${putTrips})`, putTrips <= targets.putRoundTrips]);
  const refused = rows.reduce((sum, r) => sum + r.refused, 0);
  verdicts.push([`every write accepted (refused: ${refused}${firstRefusal ? `; the first: ${firstRefusal}` : ''})`, refused === 0]);
  console.log('');
  for (const [what, ok] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
