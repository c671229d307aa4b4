/// <reference types="node" />
/**
 * `npm run bench -- --only load`: a sustained mix of what the product serves, through `wrangler dev`
 * on a throwaway local D1 — by default 60 s at 200 requests/s (issue 9: 0 errors, and 0 lost or
 * doubled writes, counted in D1 afterwards).
 *
 * The mix, one slot of twenty after another (so the shares are exact whatever the rate):
 * - 5/20 extension writes: `POST /v1/batch` of new writes as the queue sends them — 1, 1, 2, 3 or 10
 *   ops (sessions, then notes and pulses on them), and every 25th batch an offline day's 100;
 * - 3/20 replays: a batch already answered, sent again as after a lost answer;
 * - 8/20 panel reads as the leader: `GET /v1/sessions` for an hour of the calendar, a written
 *   session's `/notes` and an answered session's `/pulse`;
 * - 4/20 coordinator analytics: engagement, alerts, representation (gender) and pulse.
 * Sent with autocannon at a fixed overall rate over kept-alive connections. Afterwards the Worker is
 * stopped and D1's rows (sessions, notes, pulse_responses) are compared with the writes sent:
 * every acknowledged write must be there (lost: 0), no write may be there twice (doubled: 0), and
 * no row may be one nobody sent.
 *
 *   npm run bench -- --only load
 *   npx tsx worker/dev/bench-load.ts --duration 20 --rate 100
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { BatchItem, BatchResponse } from '../../shared';
import { closeConnections, quantile, startBenchWorker, timedRequest } from './bench-client';
import { BenchWrites } from './bench-ops';

type Category = 'write' | 'replay' | 'panel read' | 'analytics';

/** What the request a connection has in flight was: autocannon answers on the same connection, in order. */
interface Sent {
  category: Category;
  label: string;
  items?: BatchItem[];
  at: number;
}

interface CategoryStats {
  requests: number;
  non2xx: number;
  ms: number[];
}

const hour = 3600_000;
/** Engagements the leader's writes rotate over. */
const engagementPool = 50;
const slots: Array<Category | 'sessions' | 'notes' | 'pulse'> = [
  'write',
  'sessions',
  'analytics',
  'write',
  'notes',
  'replay',
  'pulse',
  'write',
  'sessions',
  'analytics',
  'write',
  'notes',
  'replay',
  'sessions',
  'write',
  'analytics',
  'pulse',
  'replay',
  'notes',
  'analytics',
];
const batchSizes = [1, 1, 2, 3, 10];
const analytics = [
  '/v1/analytics/engagement',
  '/v1/analytics/alerts',
  '/v1/analytics/representation?dimension=gender',
  '/v1/analytics/pulse',
];

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      rate: { type: 'string', default: '200' },
      connections: { type: 'string', default: '20' },
    },
  });
  const duration = Math.min(Math.max(Number(values.duration), 1), 600);
  const rate = Math.min(Math.max(Number(values.rate), 1), 2000);
  const connections = Math.min(Math.max(Number(values.connections), 1), 200);

  console.log('▸ Load: wrangler dev on a throwaway D1, an organisation seeded through the API …');
  const { worker, org, dispose } = await startBenchWorker();
  const writes = new BenchWrites(org.engagement.id, `l${Date.now().toString(36)}`);
  const leader = `Bearer ${org.leader.token}`;
  const coordinator = `Bearer ${org.coordinator.token}`;

  // What D1 has acknowledged, as the extension would know it: the answered batches' accepted ops.
  const acknowledged = { sessions: new Set<string>(), notes: new Set<string>(), pulses: new Set<string>() };
  const answeredBatches: BatchItem[][] = [];
  let refusedOps = 0;
  let firstRefusal = '';
  const acknowledge = (items: BatchItem[], body: string) => {
    const { results } = JSON.parse(body) as BatchResponse;
    items.forEach(({ op }, i) => {
      const result = results[i];
      if (!result?.ok) {
        refusedOps++;
        if (!firstRefusal) firstRefusal = JSON.stringify(result ?? 'no result').slice(0, 400);
        return;
      }
      if (op.kind === 'session') acknowledged.sessions.add(op.sessionId);
      else if (op.kind === 'note') acknowledged.notes.add(op.noteId);
      else acknowledged.pulses.add(op.sessionId);
    });
    // Kept for replays: a bounded window of recent batches, as a queue only replays its own recent sends.
    answeredBatches.push(items);
    if (answeredBatches.length > 500) answeredBatches.shift();
  };

  try {
    // A leader's writes spread over engagements, as an organisation's spread over its thousands: the
    // rollup triggers recompute an engagement's month on each write, so one engagement taking every
    // session of the run (thousands in a fortnight) would measure a programme no one runs.
    const engagements: string[] = [org.engagement.id];
    for (let i = 1; i < engagementPool; i++) {
      const made = await timedRequest(worker.url, 'POST', '/v1/engagements', org.coordinator.token, {
        programmeId: org.programmes.reverse.id,
        members: [
          { participantId: org.mentor.participant.id, role: 'mentor' },
          { participantId: org.leader.participant.id, role: 'mentee' },
        ],
        startsOn: new Date(Date.now() - 120 * 24 * hour).toISOString().slice(0, 10),
      });
      if (made.status !== 201) throw new Error(`POST /v1/engagements answered ${made.status}: ${made.body.slice(0, 300)}`);
      engagements.push((JSON.parse(made.body) as { id: string }).id);
    }
    // Something to read from the first request on: a few sessions with notes and pulses.
    const first = writes.mix(30);
    const seeded = await timedRequest(worker.url, 'POST', '/v1/batch', org.leader.token, { ops: first });
    if (seeded.status !== 200) throw new Error(`the first batch answered ${seeded.status}: ${seeded.body.slice(0, 300)}`);
    acknowledge(first, seeded.body);
    closeConnections();

    let slot = 0;
    let newBatches = 0;
    const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;
    /** A member of a set (the newest few are as likely as any: the panel reads what was just written). */
    const anyOf = (set: Set<string>) => pick([...set].slice(-200));
    const stats = new Map<Category, CategoryStats>();

    const build = (): { sent: Sent; method: 'GET' | 'POST'; path: string; auth: string; body?: string } => {
      const kind = slots[slot++ % slots.length]!;
      const at = performance.now();
      if (kind === 'write' || (kind === 'replay' && answeredBatches.length === 0)) {
        const size = ++newBatches % 25 === 0 ? 100 : batchSizes[newBatches % batchSizes.length]!;
        writes.useEngagement(engagements[newBatches % engagements.length]!);
        const items = writes.mix(size);
        return {
          sent: { category: 'write', label: `batch of ${size}`, items, at },
          method: 'POST',
          path: '/v1/batch',
          auth: leader,
          body: JSON.stringify({ ops: items }),
        };
      }
      if (kind === 'replay') {
        const items = pick(answeredBatches);
        return {
          sent: { category: 'replay', label: 'replay', items, at },
          method: 'POST',
          path: '/v1/batch',
          auth: leader,
          body: JSON.stringify({ ops: items }),
        };
      }
      // Until something is acknowledged (never, if every batch is refused), the panel reads the calendar.
      const unread = (kind === 'notes' && acknowledged.sessions.size === 0) || (kind === 'pulse' && acknowledged.pulses.size === 0);
      if (kind === 'sessions' || unread) {
        const from = Date.now() - Math.floor(Math.random() * 300) * hour;
        const query = new URLSearchParams({
          from: new Date(from).toISOString(),
          to: new Date(from + hour).toISOString(),
          engagementId: pick(engagements),
        });
        return { sent: { category: 'panel read', label: 'sessions', at }, method: 'GET', path: `/v1/sessions?${query}`, auth: leader };
      }
      if (kind === 'notes')
        return {
          sent: { category: 'panel read', label: 'notes', at },
          method: 'GET',
          path: `/v1/sessions/${anyOf(acknowledged.sessions)}/notes`,
          auth: leader,
        };
      if (kind === 'pulse')
        return {
          sent: { category: 'panel read', label: 'pulse', at },
          method: 'GET',
          path: `/v1/sessions/${anyOf(acknowledged.pulses)}/pulse`,
          auth: leader,
        };
      const path = analytics[slot % analytics.length]!;
      return { sent: { category: 'analytics', label: path, at }, method: 'GET', path, auth: coordinator };
    };

    console.log(`▸ ${duration} s at ${rate} requests/s over ${connections} connections (autocannon) …`);
    const result = await autocannon({
      url: worker.url,
      connections,
      overallRate: rate,
      duration,
      timeout: 30,
      requests: [
        {
          setupRequest(request, context) {
            const next = build();
            (context as { sent?: Sent }).sent = next.sent;
            return {
              ...request,
              method: next.method,
              path: next.path,
              headers: { authorization: next.auth, ...(next.body ? { 'content-type': 'application/json' } : {}) },
              body: next.body ?? '',
            };
          },
          onResponse(status, body, context) {
            const sent = (context as { sent?: Sent }).sent;
            if (!sent) return;
            const s = stats.get(sent.category) ?? { requests: 0, non2xx: 0, ms: [] };
            stats.set(sent.category, s);
            s.requests++;
            s.ms.push(performance.now() - sent.at);
            if (status < 200 || status > 299) {
              s.non2xx++;
              if (!firstRefusal) firstRefusal = `${sent.label} answered ${status}: ${body.slice(0, 300)}`;
            } else if (sent.items) acknowledge(sent.items, body);
          },
        },
      ],
    });

    // Stopped, so D1's file has one reader: count what it holds against what was sent.
    await worker.stop();
    const orgId = org.orgId.replaceAll("'", "''");
    const sessionRows = await worker.query<{ id: string; event_id: string }>(`SELECT id, event_id FROM sessions WHERE org_id = '${orgId}'`);
    const noteRows = await worker.query<{ id: string; body: string }>(`SELECT id, body FROM notes WHERE org_id = '${orgId}'`);
    const pulseRows = await worker.query<{ session_id: string }>(`SELECT session_id FROM pulse_responses WHERE org_id = '${orgId}'`);
    const check = (what: string, rows: string[], contentKeys: string[], acked: Set<string>, sent: Set<string>) => {
      const found = new Set(rows);
      return {
        what,
        sent: sent.size,
        acknowledged: acked.size,
        rows: rows.length,
        lost: [...acked].filter((id) => !found.has(id)).length,
        // Twice: the same write under two rows (a session's event, a note's text) or one id twice.
        doubled: rows.length - found.size + contentKeys.length - new Set(contentKeys).size,
        unknown: rows.filter((id) => !sent.has(id)).length,
      };
    };
    const counts = [
      check(
        'sessions',
        sessionRows.map((r) => r.id),
        sessionRows.map((r) => r.event_id),
        acknowledged.sessions,
        writes.sessions,
      ),
      check(
        'notes',
        noteRows.map((r) => r.id),
        noteRows.map((r) => r.body),
        acknowledged.notes,
        writes.notes,
      ),
      check(
        'pulse_responses',
        pulseRows.map((r) => r.session_id),
        [],
        acknowledged.pulses,
        writes.pulses,
      ),
    ];

    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const errors = result.non2xx + result.errors + result.timeouts + refusedOps;
    console.log(
      `\nNode ${process.version}, ${os.cpus().length} × ${cpu}; ${duration} s at ${rate} requests/s target, ${connections} connections\n`,
    );
    console.log(
      `throughput: ${result.requests.total} requests in ${result.duration} s = ${(result.requests.total / result.duration).toFixed(1)} requests/s (${(result.throughput.average / 1024).toFixed(0)} KiB/s)`,
    );
    console.log(
      `latency (autocannon, all requests): p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    );
    console.log(
      `errors: ${result.non2xx} non-2xx, ${result.errors} socket errors (${result.timeouts} timeouts), ${refusedOps} refused ops in answered batches${firstRefusal ? ` — the first: ${firstRefusal}` : ''}\n`,
    );
    console.log('| requests | count | non-2xx | p50 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const category of ['write', 'replay', 'panel read', 'analytics'] as const) {
      const s = stats.get(category);
      if (s)
        console.log(
          `| ${category} | ${s.requests} | ${s.non2xx} | ${quantile(s.ms, 0.5).toFixed(1)} | ${quantile(s.ms, 0.99).toFixed(1)} |`,
        );
    }
    console.log('\n| rows | sent | acknowledged | in D1 | lost | doubled | not sent |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const c of counts)
      console.log(`| ${c.what} | ${c.sent} | ${c.acknowledged} | ${c.rows} | ${c.lost} | ${c.doubled} | ${c.unknown} |`);

    const lost = counts.reduce((sum, c) => sum + c.lost, 0);
    const doubled = counts.reduce((sum, c) => sum + c.doubled + c.unknown, 0);
    const achieved = result.requests.total / result.duration;
    const verdicts: Array<[string, boolean]> = [
      [`0 errors under the sustained mix (${errors})`, errors === 0],
      [`0 lost writes (${lost})`, lost === 0],
      [`0 doubled writes (${doubled})`, doubled === 0],
      // autocannon slows down rather than fail when the Worker cannot keep up: say so.
      [`the rate held: ${achieved.toFixed(1)} of ${rate} requests/s (≥ 95 %)`, achieved >= 0.95 * rate],
    ];
    console.log('');
    for (const [what, ok] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
    if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    closeConnections();
    await dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
