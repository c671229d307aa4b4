/// <reference types="node" />
/**
 * `npm run bench`: the analytics endpoints on the benchmark organisation (issue 4's speed
 * requirement: ≤ 150 ms median through `wrangler dev`, ≤ 5 D1 round trips per request).
 *
 * 1. Seeds `.wrangler/bench` with 10k participants, 5k engagements, 250k sessions and 500k pulse
 *    responses (worker/dev/seed-large.ts), unless a seed by the same version is there;
 * 2. the floor: the very SQL statements each endpoint sends to D1 (captured by running its query
 *    function against a recording stand-in for D1, with the same bound parameters), run by Debian's
 *    `sqlite3` on the same database file with `.timer on` — the engine's own time, with no Worker,
 *    D1 or HTTP around it. Each endpoint's statements run `floorRuns` times in one sqlite3 process;
 *    the first (cold) pass is dropped and the median of the rest's summed "real" times is the floor.
 *    For scale, the same facts recomputed from the raw tables (the query functions' `rollups: false`
 *    statements) are timed the same way: what the rollups save;
 * 3. `wrangler dev --persist-to .wrangler/bench` on a free loopback port; a warm-up; then
 *    `requests` sequential requests per endpoint, timed from sending to the last byte of the body,
 *    with the D1 round trips each response reports in `Server-Timing`;
 * 4. a table: endpoint | median ms | p95 ms | D1 round trips | sqlite3 floor ms | sqlite3, raw tables ms.
 *    wrangler is stopped.
 *
 *   npm run bench                      # seed if needed, measure, print
 *   npm run bench -- --reseed          # regenerate the organisation first
 *   npm run bench -- --requests 50 --strict   # exit 1 if any endpoint misses the budget
 *   npm run bench -- --verify          # first check the rollups against a recomputation from the raw tables
 *   npm run bench -- --dump DIR        # write each endpoint's statements as sqlite3 scripts, and stop
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zAnalyticsQuery, zRepresentationQuery, type Org } from '../../shared';
import { fiscalQuarterOf, monthsAround, previousPeriod } from '../analytics/calendar';
import { scopeOf } from '../analytics/scope';
import { loadAlertFacts } from '../db/analytics-alerts';
import { loadEngagementFacts } from '../db/analytics-engagement';
import { loadPulseCells } from '../db/analytics-pulse';
import { loadRepresentationFacts } from '../db/analytics-representation';
import { paths } from './paths';
import { benchPaths, ensureLargeSeed, sqlite3, type LargeSeedSummary } from './seed-large';
import { sqliteD1, sqliteScript, type Captured } from './sqlite-d1';
import { wranglerEnv } from './wrangler';

const budget = { medianMs: 150, roundTrips: 5 } as const;
const host = '127.0.0.1';

interface Endpoint {
  name: string;
  path: string;
  params: Record<string, string>;
  /** Calls the endpoint's query function as the route does, against the given D1. */
  query: (db: D1Database, org: Org, params: Record<string, string>, options?: { rollups?: boolean }) => Promise<unknown>;
}

function endpoints(seed: LargeSeedSummary): Endpoint[] {
  const asOf = seed.today;
  const lastYear = String(Number(asOf.slice(0, 4)) - 1);
  const fullYear = { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` };
  const engagement: Endpoint['query'] = (db, org, params, options) => {
    const s = scopeOf(zAnalyticsQuery.parse(params), org, asOf);
    return loadEngagementFacts(db, org.id, s.programmeId, s.period, s.asOf, s.completedQuarters, options);
  };
  const alerts: Endpoint['query'] = (db, org, params, options) => {
    const s = scopeOf(zAnalyticsQuery.parse(params), org, asOf);
    return loadAlertFacts(db, org.id, s.programmeId, fiscalQuarterOf(s.asOf, org.fiscalYearStartMonth), s.asOf, options);
  };
  const representation: Endpoint['query'] = (db, org, params, options) => {
    const q = zRepresentationQuery.parse(params);
    const s = scopeOf(q, org, asOf);
    return loadRepresentationFacts(db, org.id, { programmeId: s.programmeId, role: q.role ?? null, dimension: q.dimension, period: s.period }, options);
  };
  const pulse: Endpoint['query'] = (db, org, params, options) => {
    const s = scopeOf(zAnalyticsQuery.parse(params), org, asOf);
    const period = monthsAround(s.period);
    return loadPulseCells(db, org.id, s.programmeId, { from: previousPeriod(period).from, to: period.to }, options);
  };
  const e = (name: string, p: string, params: Record<string, string>, query: Endpoint['query']): Endpoint => ({
    name,
    path: `/v1/analytics/${p}`,
    params: { asOf, ...params },
    query,
  });
  return [
    e('engagement', 'engagement', {}, engagement),
    e(`engagement?programmeId (classic)`, 'engagement', { programmeId: seed.programmeIds.classic[0]! }, engagement),
    e(`engagement, year ${lastYear}`, 'engagement', fullYear, engagement),
    e('alerts', 'alerts', {}, alerts),
    e('representation?dimension=gender', 'representation', { dimension: 'gender' }, representation),
    e('representation?dimension=gender&role=mentee', 'representation', { dimension: 'gender', role: 'mentee' }, representation),
    e(`representation gender, year ${lastYear}`, 'representation', { dimension: 'gender', ...fullYear }, representation),
    e('pulse', 'pulse', {}, pulse),
    e(`pulse, year ${lastYear}`, 'pulse', fullYear, pulse),
  ];
}

// ---------------------------------------------------------------------------
// The floor: the same statements, run by sqlite3

class CapturedAll extends Error {}

/**
 * A stand-in for D1 that records what a query function prepares and binds, and stops it at its
 * first round trip (every analytics query function makes exactly one, after the route's checks).
 */
function recordingD1(log: Captured[]): D1Database {
  const statement = (sql: string, params: unknown[] = []) => {
    const stop = () => {
      log.push({ sql, params });
      throw new CapturedAll();
    };
    return { sql, params, bind: (...values: unknown[]) => statement(sql, values), all: stop, first: stop, run: stop, raw: stop };
  };
  return {
    prepare: (sql: string) => statement(sql),
    batch: async (statements: Captured[]) => {
      for (const s of statements) log.push({ sql: s.sql, params: s.params });
      throw new CapturedAll();
    },
  } as unknown as D1Database;
}

async function statementsOf(endpoint: Endpoint, org: Org, options?: { rollups?: boolean }): Promise<Captured[]> {
  const log: Captured[] = [];
  try {
    await endpoint.query(recordingD1(log), org, endpoint.params, options);
  } catch (error) {
    if (!(error instanceof CapturedAll)) throw error;
  }
  if (log.length === 0) throw new Error(`${endpoint.name}: no statement captured`);
  return log;
}

/**
 * Median over `runs − 1` warm passes of the summed sqlite3 "real" time of the statements, in ms.
 * Parameters are bound with `.parameter set`, not inlined, so SQLite plans exactly what D1 runs.
 */
async function floorMs(file: string, statements: Captured[], runs: number): Promise<number> {
  const script = ['.output /dev/null', '.timer on'];
  for (let run = 0; run < runs; run++) script.push(...sqliteScript(statements));
  const out = await sqlite3(file, `${script.join('\n')}\n`);
  const times = [...out.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  if (times.length !== runs * statements.length) throw new Error(`sqlite3 reported ${times.length} timings, expected ${runs * statements.length}`);
  const sums: number[] = [];
  for (let run = 1; run < runs; run++) sums.push(times.slice(run * statements.length, (run + 1) * statements.length).reduce((a, b) => a + b, 0));
  return quantile(sums, 0.5);
}

// ---------------------------------------------------------------------------
// --verify: the rollups against a recomputation from the raw tables, on the same database

/** Facts in a canonical form: maps as sorted objects, lists of rows sorted. */
function canonical(value: unknown): unknown {
  if (value instanceof Map) return canonical(Object.fromEntries([...value].sort(([a], [b]) => String(a).localeCompare(String(b)))));
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
      ? items.map((x) => JSON.stringify(x)).sort().map((x) => JSON.parse(x) as unknown)
      : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** Each endpoint's facts from the rollups and from the raw tables; resolves with the names that differ. */
async function verify(file: string, list: Endpoint[], org: Org): Promise<string[]> {
  const db = sqliteD1(file);
  const differ: string[] = [];
  for (const endpoint of list) {
    const started = Date.now();
    const [fromRollups, fromRaw] = [
      JSON.stringify(canonical(await endpoint.query(db, org, endpoint.params))),
      JSON.stringify(canonical(await endpoint.query(db, org, endpoint.params, { rollups: false }))),
    ];
    const same = fromRollups === fromRaw;
    console.log(`  ${same ? 'same' : 'DIFFERENT'}  ${endpoint.name} (${fromRaw.length} bytes of facts, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (!same) {
      differ.push(endpoint.name);
      let i = 0;
      while (fromRollups[i] === fromRaw[i]) i++;
      console.log(`    rollups: …${fromRollups.slice(Math.max(0, i - 200), i + 100)}\n    raw:     …${fromRaw.slice(Math.max(0, i - 200), i + 100)}`);
    }
  }
  return differ;
}

// ---------------------------------------------------------------------------
// wrangler dev

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startWrangler(port: number, logFile: string) {
  const log = createWriteStream(logFile);
  const child = spawn(
    paths.wranglerBin,
    ['dev', '--ip', host, '--port', String(port), '--persist-to', benchPaths.persistTo, '--show-interactive-dev-session=false', '--log-level', 'warn'],
    // Its own process group, so stopping reaches wrangler and the workerd it runs.
    { cwd: paths.root, stdio: ['ignore', 'pipe', 'pipe'], env: wranglerEnv(), detached: true },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await gone;
    clearTimeout(timer);
  };
  process.on('exit', () => {
    if (!exited) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok) return stop;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${host}:${port} (see ${path.relative(process.cwd(), logFile)})`);
}

interface Sample {
  ms: number;
  roundTrips: number;
}

/**
 * One request, timed from sending it to the last byte of the body, over a kept-alive loopback
 * connection. node:http, not fetch: undici's fetch spends ~70 ms reading the 2.6 MB engagement body
 * on this kind of machine (curl: ~4 ms), which is the client, not the API.
 */
function request(base: string, endpoint: Endpoint, token: string): Promise<Sample> {
  const url = `${base}${endpoint.path}?${new URLSearchParams(endpoint.params)}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - started;
        if (res.statusCode !== 200) return reject(new Error(`${endpoint.name}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
        const trips = /d1;desc="(\d+) round trips"/.exec(String(res.headers['server-timing'] ?? ''));
        if (!trips) return reject(new Error(`${endpoint.name}: no D1 round trips in Server-Timing`));
        resolve({ ms, roundTrips: Number(trips[1]) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${endpoint.name}: no answer in 30 s`)));
    req.on('error', reject);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
}

/**
 * `--dump DIR`: each endpoint's statements as two sqlite3 scripts, to study one by one:
 * `sqlite3 -cmd '.timer on' DB < DIR/pulse.sql` and `sqlite3 DB < DIR/pulse.plan.sql` (EXPLAIN QUERY PLAN).
 */
async function dump(dir: string, list: Endpoint[], org: Org, file: string) {
  mkdirSync(dir, { recursive: true });
  for (const endpoint of list) {
    const name = endpoint.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const statements = await statementsOf(endpoint, org);
    writeFileSync(path.join(dir, `${name}.sql`), `${sqliteScript(statements).join('\n')}\n`);
    writeFileSync(path.join(dir, `${name}.plan.sql`), `${sqliteScript(statements, 'EXPLAIN QUERY PLAN ').join('\n')}\n`);
  }
  console.log(`Wrote the statements of ${list.length} endpoints to ${path.relative(process.cwd(), dir)}; database: ${path.relative(process.cwd(), file)}`);
}

// ---------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      reseed: { type: 'boolean', default: false },
      requests: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
      'floor-runs': { type: 'string', default: '6' },
      strict: { type: 'boolean', default: false },
      dump: { type: 'string' },
      verify: { type: 'boolean', default: false },
    },
  });
  const requests = Math.min(Math.max(Number(values.requests), 1), 1000);
  const warmup = Math.min(Math.max(Number(values.warmup), 0), 100);
  const floorRuns = Math.min(Math.max(Number(values['floor-runs']), 2), 100);
  const rawRuns = Math.min(floorRuns, 3);

  const { summary, token, file } = await ensureLargeSeed({ reseed: values.reseed });
  const c = summary.counts;
  console.log(
    `  ${c.participants} participants, ${c.engagements} engagements, ${c.sessions} sessions, ${c.pulse_responses} pulse responses; asOf ${summary.today}`,
  );
  const org: Org = {
    id: summary.orgId,
    name: 'Benchmark Holdings (synthetic)',
    minGroupSize: 5,
    commentMinimum: 10,
    fiscalYearStartMonth: 1,
    createdAt: '',
    updatedAt: '',
  };
  const list = endpoints(summary);
  if (values.dump) return dump(path.resolve(values.dump), list, org, file);
  if (values.verify) {
    console.log('▸ Verify: each endpoint\'s facts from the rollups and recomputed from the raw tables (sqlite3) …');
    const differ = await verify(file, list, org);
    if (differ.length > 0) throw new Error(`rollups and recomputation differ: ${differ.join(', ')}`);
  }

  console.log(`▸ Floor: each endpoint's statements through sqlite3 (${floorRuns} passes, the first dropped) …`);
  const floors = new Map<string, number>();
  for (const endpoint of list) floors.set(endpoint.name, await floorMs(file, await statementsOf(endpoint, org), floorRuns));
  // For scale: the same facts recomputed from the raw tables, with no rollups (what the rollups save).
  console.log(`▸ The same facts from the raw tables through sqlite3 (${rawRuns} passes, the first dropped) …`);
  const rawFloors = new Map<string, number>();
  for (const endpoint of list) rawFloors.set(endpoint.name, await floorMs(file, await statementsOf(endpoint, org, { rollups: false }), rawRuns));

  const port = await freePort();
  const logFile = path.join(benchPaths.persistTo, 'wrangler-dev.log');
  console.log(`▸ wrangler dev on ${host}:${port} (log: ${path.relative(process.cwd(), logFile)}) …`);
  const stop = await startWrangler(port, logFile);
  const rows: { name: string; median: number; p95: number; trips: string; floor: number; raw: number; ok: boolean }[] = [];
  try {
    const base = `http://${host}:${port}`;
    for (const endpoint of list) for (let i = 0; i < warmup; i++) await request(base, endpoint, token);
    console.log(`▸ ${requests} sequential requests per endpoint …`);
    for (const endpoint of list) {
      const samples: Sample[] = [];
      for (let i = 0; i < requests; i++) samples.push(await request(base, endpoint, token));
      const ms = samples.map((s) => s.ms);
      const trips = [...new Set(samples.map((s) => s.roundTrips))].sort((a, b) => a - b);
      const median = quantile(ms, 0.5);
      rows.push({
        name: endpoint.name,
        median,
        p95: quantile(ms, 0.95),
        trips: trips.join('–'),
        floor: floors.get(endpoint.name)!,
        raw: rawFloors.get(endpoint.name)!,
        ok: median <= budget.medianMs && Math.max(...trips) <= budget.roundTrips,
      });
    }
  } finally {
    agent.destroy();
    await stop();
  }

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`\nNode ${process.version}, ${os.cpus().length} × ${cpu}; budget: median ≤ ${budget.medianMs} ms, ≤ ${budget.roundTrips} D1 round trips\n`);
  console.log('| endpoint | median ms | p95 ms | D1 round trips | sqlite3 floor ms | sqlite3, raw tables ms | within budget |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.trips} | ${r.floor.toFixed(1)} | ${r.raw.toFixed(1)} | ${r.ok ? 'yes' : 'NO'} |`,
    );
  }
  if (values.strict && rows.some((r) => !r.ok)) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
