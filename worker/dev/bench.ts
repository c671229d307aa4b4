/// <reference types="node" />
/**
 * `npm run bench`: the analytics endpoints on the benchmark organisation, against issue 9's target —
 * every endpoint's median ≤ 1.5 × its own floor and ≤ 50 ms, with ≤ 5 D1 round trips per request.
 *
 * 1. Seeds `.wrangler/bench` with 10k participants, 5k engagements, 250k sessions and 500k pulse
 *    responses (worker/dev/seed-large.ts), unless a seed by the same version is there;
 * 2. the sqlite3 floor: the very SQL statements each endpoint sends to D1 (captured by running its
 *    query function against a recording stand-in for D1, with the same bound parameters), run by
 *    Debian's `sqlite3` on the same database file with `.timer on` — the engine's own time, with no
 *    Worker, D1 or HTTP around it (the members of the rows a route sends — a page of the list, the
 *    alerted engagements — come in the same statements). Each endpoint's statements run `floorRuns` times in one sqlite3
 *    process; the first (cold) pass is dropped and the median of the rest's summed "real" times is
 *    the floor. For scale, the same facts recomputed from the raw tables (the test oracle's
 *    statements, `rollups: false`) are timed the same way: what the rollups save;
 * 3. `wrangler dev --persist-to .wrangler/bench` on a free loopback port; a warm-up; then `requests`
 *    rounds, each sending one request to every endpoint in turn (so load from anything else on the
 *    machine falls on all of them alike), timed from sending to the last byte of the body, with the
 *    D1 round trips each response reports in `Server-Timing`;
 * 4. the floor used: no request can beat the sqlite3 floor by itself — through `wrangler dev` it also
 *    pays HTTP, workerd and, per D1 round trip, local D1's own hop (a message to its Durable Object,
 *    a query, a reply), ~1–3 ms each here: pulse's statements take ~0 ms in sqlite3, yet its request
 *    makes two round trips. So the same rounds also time three trivial requests that pay exactly
 *    that and nothing else — `/healthz` (no D1), a refused token (one indexed lookup) and an
 *    unknown programme on the alerts endpoint (the caller with their organisation, then the programme
 *    by id: two indexed lookups; not the engagement endpoint, whose batch runs every statement for the
 *    programme before answering 404) — and a least-squares line through their medians gives the cost of n trivial
 *    round trips through this wrangler dev, in this run. An endpoint's floor is its sqlite3 floor +
 *    that cost at its own round trips. Both floors are printed;
 * 5. a table: endpoint | median | p95 | D1 round trips | sqlite3 floor | floor used | ratio | raw-table
 *    sqlite3 | PASS/FAIL against ≤ 1.5 × floor and against ≤ 50 ms. wrangler is stopped.
 *
 *   npm run bench                      # seed if needed, measure, print
 *   npm run bench -- --reseed          # regenerate the organisation first
 *   npm run bench -- --requests 50 --strict   # exit 1 if any endpoint misses a target
 *   npm run bench -- --only pulse      # only the endpoints whose name contains "pulse"
 *   npm run bench -- --verify          # first check the rollups against a recomputation from the raw tables
 *   npm run bench -- --dump DIR        # write each endpoint's statements as sqlite3 scripts, and stop
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { engagementPageSize, zAnalyticsQuery, zRepresentationQuery, type Org } from '../../shared';
import { fiscalQuarterOf, monthsAround, monthsOf, previousPeriod } from '../analytics/calendar';
import { representationQuarter } from '../analytics/representation';
import { scopeOf } from '../analytics/scope';
import { loadAlertFacts } from '../db/analytics-alerts';
import { loadEngagementFacts } from '../db/analytics-engagement';
import { loadPulseRelease } from '../db/analytics-pulse';
import { loadRepresentation } from '../db/analytics-representation';
import { paths } from './paths';
import { benchPaths, ensureLargeSeed, sqlite3, type LargeSeedSummary } from './seed-large';
import { sqliteD1, sqliteScript, type Captured } from './sqlite-d1';
import { wranglerEnv } from './wrangler';

/** Issue 9: median ≤ 1.5 × the endpoint's floor and ≤ 50 ms; ≤ 5 D1 round trips (issue 4). */
export const targets = { ofFloor: 1.5, medianMs: 50, roundTrips: 5 } as const;
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
    // As the route asks for the first page of the JSON (the members come with it).
    const list = { limit: engagementPageSize.default, after: null };
    return loadEngagementFacts(db, org.id, s.programmeId, s.period, s.asOf, s.completedQuarters, list, options);
  };
  const alerts: Endpoint['query'] = (db, org, params, options) => {
    const s = scopeOf(zAnalyticsQuery.parse(params), org, asOf);
    return loadAlertFacts(db, org.id, s.programmeId, fiscalQuarterOf(s.asOf, org.fiscalYearStartMonth), s.asOf, options);
  };
  // As the route does: a released quarter (the latest, or the one containing `to`) by the clock,
  // frozen by the first reading — every measured one reads the frozen rows, as a coordinator's would.
  const representation: Endpoint['query'] = (db, org, params) => {
    const q = zRepresentationQuery.parse(params);
    const s = scopeOf(q, org, asOf);
    const now = Date.now();
    const { quarter, released } = representationQuarter(q.to, org.fiscalYearStartMonth, now);
    return loadRepresentation(db, org.id, {
      programmeId: s.programmeId,
      role: q.role ?? null,
      dimension: q.dimension,
      quarter,
      released,
      now: new Date(now).toISOString(),
    });
  };
  // Pulse figures come from the frozen cells of released months, whatever `rollups` says: the first
  // reading of a month (the floor's dropped cold pass, or the warm-up) freezes it, and every later
  // one reads the frozen cells.
  const pulse: Endpoint['query'] = (db, org, params) => {
    const s = scopeOf(zAnalyticsQuery.parse(params), org, asOf);
    const period = monthsAround(s.period);
    return loadPulseRelease(db, org.id, s.programmeId, [...monthsOf(previousPeriod(period)), ...monthsOf(period)], Date.now());
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
    e(`representation gender, Q4 ${lastYear}`, 'representation', { dimension: 'gender', ...fullYear }, representation),
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
  const capture = async (run: (db: D1Database) => Promise<unknown>) => {
    try {
      await run(recordingD1(log));
    } catch (error) {
      if (!(error instanceof CapturedAll)) throw error;
    }
  };
  await capture((db) => endpoint.query(db, org, endpoint.params, options));
  if (log.length === 0) throw new Error(`${endpoint.name}: no statement captured`);
  return log;
}

/**
 * Median over `runs − 1` warm passes of the summed sqlite3 "real" time of the statements, in ms.
 * Parameters are bound with `.parameter set`, not inlined, so SQLite plans exactly what D1 runs.
 */
async function floorMs(file: string, statements: Captured[], runs: number): Promise<number> {
  const script = ['.output /dev/null', '.timer on'];
  for (let run = 0; run < runs; run++) script.push(...sqliteScript(statements, '', { timed: true }));
  const out = await sqlite3(file, `${script.join('\n')}\n`);
  const times = [...out.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  if (times.length !== runs * statements.length)
    throw new Error(`sqlite3 reported ${times.length} timings, expected ${runs * statements.length}`);
  const sums: number[] = [];
  for (let run = 1; run < runs; run++)
    sums.push(times.slice(run * statements.length, (run + 1) * statements.length).reduce((a, b) => a + b, 0));
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
      ? items
          .map((x) => JSON.stringify(x))
          .sort()
          .map((x) => JSON.parse(x) as unknown)
      : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
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
    console.log(
      `  ${same ? 'same' : 'DIFFERENT'}  ${endpoint.name} (${fromRaw.length} bytes of facts, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (!same) {
      differ.push(endpoint.name);
      let i = 0;
      while (fromRollups[i] === fromRaw[i]) i++;
      console.log(
        `    rollups: …${fromRollups.slice(Math.max(0, i - 200), i + 100)}\n    raw:     …${fromRaw.slice(Math.max(0, i - 200), i + 100)}`,
      );
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
  // wrangler.toml serves the console from here and refuses a missing folder; the bench never asks for it.
  mkdirSync(path.join(paths.root, '.output', 'console'), { recursive: true });
  const child = spawn(
    paths.wranglerBin,
    [
      'dev',
      '--ip',
      host,
      '--port',
      String(port),
      '--persist-to',
      benchPaths.persistTo,
      '--show-interactive-dev-session=false',
      // The bench measures speed: its one coordinator asks far more than a person would in a minute.
      // (Before --log-level: after it, wrangler 4 drops the --var.)
      '--var',
      'RATE_LIMITS:analytics=100000000',
      '--log-level',
      'warn',
    ],
    // Its own process group, so stopping reaches wrangler and the workerd it runs.
    { cwd: paths.root, stdio: ['ignore', 'pipe', 'pipe'], env: wranglerEnv(), detached: true },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
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

/** Something to time through wrangler dev: an endpoint, or one of the trivial requests of the floor. */
interface Target {
  name: string;
  /** Path and query. */
  url: string;
  status: number;
  token: string;
}

/**
 * One request, timed from sending it to the last byte of the body, over a kept-alive loopback
 * connection. node:http, not fetch: undici's fetch spends ~70 ms reading a 2.6 MB body on this kind
 * of machine (curl: ~4 ms), which is the client, not the API.
 */
function request(base: string, target: Target): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(
      `${base}${target.url}`,
      { agent, headers: { authorization: `Bearer ${target.token}` }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const ms = performance.now() - started;
          if (res.statusCode !== target.status) {
            return reject(
              new Error(
                `${target.name}: HTTP ${res.statusCode}, expected ${target.status}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
              ),
            );
          }
          const trips = /d1;desc="(\d+) round trips"/.exec(String(res.headers['server-timing'] ?? ''));
          if (!trips) return reject(new Error(`${target.name}: no D1 round trips in Server-Timing`));
          resolve({ ms, roundTrips: Number(trips[1]) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${target.name}: no answer in 30 s`)));
    req.on('error', reject);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * The least-squares line through (round trips, median ms) of the trivial requests: what a request
 * that makes n D1 round trips of trivial statements costs through this wrangler dev.
 */
export function tripCost(points: { roundTrips: number; ms: number }[]): { fixedMs: number; perTripMs: number } {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.roundTrips, 0) / n;
  const my = points.reduce((a, p) => a + p.ms, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.roundTrips - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.roundTrips - mx) * (p.ms - my), 0);
  const perTripMs = sxx === 0 ? 0 : Math.max(0, sxy / sxx);
  return { fixedMs: Math.max(0, my - perTripMs * mx), perTripMs };
}

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
  console.log(
    `Wrote the statements of ${list.length} endpoints to ${path.relative(process.cwd(), dir)}; database: ${path.relative(process.cwd(), file)}`,
  );
}

// ---------------------------------------------------------------------------

export interface ReadBenchRow {
  name: string;
  median: number;
  p95: number;
  /** The D1 round trips the responses reported (a range if they varied). */
  trips: string;
  /** The statements' time in sqlite3 alone. */
  sqliteFloor: number;
  /** sqlite3 floor + the cost of as many trivial D1 round trips through the same wrangler dev. */
  floor: number;
  /** The same facts recomputed from the raw tables, in sqlite3. */
  raw: number;
  ofFloor: boolean;
  underMs: boolean;
  tripsOk: boolean;
}

export interface ReadBenchOptions {
  reseed?: boolean;
  requests?: number;
  warmup?: number;
  floorRuns?: number;
  /** Only the endpoints whose name contains this. */
  only?: string;
  verify?: boolean;
}

/**
 * The read benchmark (steps 1–5 above); prints its table and resolves with its rows. `npm run bench`
 * runs it with the write and load benchmarks.
 *
 * @example const rows = await benchReads({ requests: 30 }); if (rows.some(missed)) process.exitCode = 1;
 */
export async function benchReads(options: ReadBenchOptions = {}): Promise<ReadBenchRow[]> {
  const requests = Math.min(Math.max(options.requests ?? 30, 1), 1000);
  const warmup = Math.min(Math.max(options.warmup ?? 3, 0), 100);
  const floorRuns = Math.min(Math.max(options.floorRuns ?? 6, 2), 100);
  const rawRuns = Math.min(floorRuns, 3);

  const { summary, token, file } = await ensureLargeSeed({ reseed: options.reseed });
  const c = summary.counts;
  console.log(
    `  ${c.participants} participants, ${c.engagements} engagements, ${c.sessions} sessions, ${c.pulse_responses} pulse responses; asOf ${summary.today}`,
  );
  const org = benchOrg(summary);
  const list = endpoints(summary).filter((e) => !options.only || e.name.includes(options.only));
  if (options.verify) {
    console.log("▸ Verify: each endpoint's facts from the rollups and recomputed from the raw tables (sqlite3) …");
    const differ = await verify(file, list, org);
    if (differ.length > 0) throw new Error(`rollups and recomputation differ: ${differ.join(', ')}`);
  }

  console.log(`▸ sqlite3 floor: each endpoint's statements through sqlite3 (${floorRuns} passes, the first dropped) …`);
  const floors = new Map<string, number>();
  for (const endpoint of list) floors.set(endpoint.name, await floorMs(file, await statementsOf(endpoint, org), floorRuns));
  // For scale: the same facts recomputed from the raw tables, with no rollups (what the rollups save).
  console.log(`▸ The same facts from the raw tables through sqlite3 (${rawRuns} passes, the first dropped) …`);
  const rawFloors = new Map<string, number>();
  for (const endpoint of list)
    rawFloors.set(endpoint.name, await floorMs(file, await statementsOf(endpoint, org, { rollups: false }), rawRuns));

  const toTarget = (e: Endpoint): Target => ({ name: e.name, url: `${e.path}?${new URLSearchParams(e.params)}`, status: 200, token });
  const trivial: Target[] = [
    { name: 'trivial: /healthz', url: '/healthz', status: 200, token },
    { name: 'trivial: a refused token', url: '/v1/analytics/pulse', status: 401, token: 'not-a-token' },
    { name: 'trivial: an unknown programme', url: `/v1/analytics/alerts?programmeId=${crypto.randomUUID()}`, status: 404, token },
  ];
  const targetsToTime = [...list.map(toTarget), ...trivial];

  const port = await freePort();
  const logFile = path.join(benchPaths.persistTo, 'wrangler-dev.log');
  console.log(`▸ wrangler dev on ${host}:${port} (log: ${path.relative(process.cwd(), logFile)}) …`);
  const stop = await startWrangler(port, logFile);
  const samples = new Map<string, Sample[]>(targetsToTime.map((t) => [t.name, []]));
  try {
    const base = `http://${host}:${port}`;
    for (let i = 0; i < warmup; i++) for (const target of targetsToTime) await request(base, target);
    console.log(`▸ ${requests} rounds of one request to each endpoint and each trivial request, in turn …`);
    for (let i = 0; i < requests; i++) for (const target of targetsToTime) samples.get(target.name)!.push(await request(base, target));
  } finally {
    agent.destroy();
    await stop();
  }

  const medianOf = (name: string) =>
    quantile(
      samples.get(name)!.map((x) => x.ms),
      0.5,
    );
  const tripsOf = (name: string) => [...new Set(samples.get(name)!.map((x) => x.roundTrips))].sort((a, b) => a - b);
  const cost = tripCost(trivial.map((t) => ({ roundTrips: Math.max(...tripsOf(t.name)), ms: medianOf(t.name) })));
  const rows: ReadBenchRow[] = list.map((endpoint) => {
    const trips = tripsOf(endpoint.name);
    const median = medianOf(endpoint.name);
    const sqliteFloor = floors.get(endpoint.name)!;
    const floor = sqliteFloor + cost.fixedMs + cost.perTripMs * Math.max(...trips);
    return {
      name: endpoint.name,
      median,
      p95: quantile(
        samples.get(endpoint.name)!.map((x) => x.ms),
        0.95,
      ),
      trips: trips.join('–'),
      sqliteFloor,
      floor,
      raw: rawFloors.get(endpoint.name)!,
      ofFloor: median <= targets.ofFloor * floor,
      underMs: median <= targets.medianMs,
      tripsOk: Math.max(...trips) <= targets.roundTrips,
    };
  });

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`\nNode ${process.version}, ${os.cpus().length} × ${cpu}`);
  console.log(
    `Trivial requests through this wrangler dev (median ms, D1 round trips): ${trivial.map((t) => `${t.name.slice(9)} ${medianOf(t.name).toFixed(1)} (${tripsOf(t.name).join('–')})`).join('; ')}`,
  );
  console.log(
    `→ a request with n trivial D1 round trips costs ${cost.fixedMs.toFixed(1)} + ${cost.perTripMs.toFixed(1)} × n ms; floor used = sqlite3 floor + that at the endpoint's round trips`,
  );
  console.log(
    `Targets: median ≤ ${targets.ofFloor} × floor used, median ≤ ${targets.medianMs} ms, ≤ ${targets.roundTrips} D1 round trips\n`,
  );
  console.log(
    '| endpoint | median ms | p95 ms | D1 round trips | sqlite3 floor ms | floor used ms | median / floor used | sqlite3, raw tables ms | ≤ 1.5 × floor | ≤ 50 ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |');
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.trips}${r.tripsOk ? '' : ' FAIL'} | ${r.sqliteFloor.toFixed(1)} | ${r.floor.toFixed(1)} | ${(r.median / r.floor).toFixed(2)} | ${r.raw.toFixed(1)} | ${verdict(r.ofFloor)} | ${verdict(r.underMs)} |`,
    );
  }
  return rows;
}

/** A row that misses any target. */
export const missed = (r: ReadBenchRow) => !r.ofFloor || !r.underMs || !r.tripsOk;

function benchOrg(summary: LargeSeedSummary): Org {
  return {
    id: summary.orgId,
    name: 'Benchmark Holdings (synthetic)',
    slug: 'benchmark',
    minGroupSize: 5,
    commentMinimum: 10,
    fiscalYearStartMonth: 1,
    attributeDimensions: ['gender', 'age_band', 'ethnicity'], // the large seed's dimensions
    createdAt: '',
    updatedAt: '',
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      reseed: { type: 'boolean', default: false },
      requests: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
      'floor-runs': { type: 'string', default: '6' },
      strict: { type: 'boolean', default: false },
      only: { type: 'string' },
      dump: { type: 'string' },
      verify: { type: 'boolean', default: false },
    },
  });
  if (values.dump) {
    const { summary, file } = await ensureLargeSeed({ reseed: values.reseed });
    return dump(path.resolve(values.dump), endpoints(summary), benchOrg(summary), file);
  }
  const rows = await benchReads({
    reseed: values.reseed,
    requests: Number(values.requests),
    warmup: Number(values.warmup),
    floorRuns: Number(values['floor-runs']),
    only: values.only,
    verify: values.verify,
  });
  if (values.strict && rows.some(missed)) process.exit(1);
}

// Run as a script (`npm run bench`), not when another bench imports benchReads.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
