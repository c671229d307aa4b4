/// <reference types="node" />
/**
 * What the write and load benchmarks share: a Worker of their own (`wrangler dev` on a throwaway
 * local D1, the end-to-end tests' LocalWorker) with an organisation seeded through the API (the
 * end-to-end tests' seedOrg), one timed request, and quantiles.
 */
import http from 'node:http';
import { LocalWorker } from '../../test/e2e/local-worker';
import { seedOrg, type SeededOrg } from '../../test/e2e/api';

export interface BenchWorker {
  worker: LocalWorker;
  org: SeededOrg;
  /** Stops wrangler and deletes its D1. */
  dispose(): Promise<void>;
}

/**
 * Starts the Worker on a fresh D1 (migrations applied) and seeds an organisation: the leader Ben,
 * his reverse-mentoring engagement with Ana, a coordinator. wrangler logs only warnings: a line per
 * request would cost the Worker's process time the measurement is about.
 *
 * @example const { worker, org, dispose } = await startBenchWorker(); try { … } finally { await dispose(); }
 */
export async function startBenchWorker(): Promise<BenchWorker> {
  const worker = await LocalWorker.start({ logLevel: 'warn' });
  try {
    const org = await seedOrg(worker.url, worker.bootstrapToken, 'Bench writes (synthetic)');
    return { worker, org, dispose: () => worker.dispose() };
  } catch (error) {
    await worker.dispose();
    throw error;
  }
}

export interface Timed {
  status: number;
  ms: number;
  /** D1 round trips the Worker reports in `Server-Timing` (NaN when it reports none). */
  roundTrips: number;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * One request, timed from sending it to the last byte of the answer, over a kept-alive loopback
 * connection (node:http, as worker/dev/bench.ts times the analytics: undici's fetch adds client time).
 *
 * @example const { ms, roundTrips } = await timedRequest(worker.url, 'POST', '/v1/batch', token, { ops });
 */
export function timedRequest(base: string, method: string, path: string, token: string, body?: unknown): Promise<Timed> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const ms = performance.now() - started;
          resolve({
            status: res.statusCode ?? 0,
            ms,
            roundTrips: roundTripsOf(res.headers['server-timing']),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Closes the kept-alive connection (else the process waits for it to time out). */
export function closeConnections(): void {
  agent.destroy();
}

/** `d1;desc="3 round trips"` → 3. */
export function roundTripsOf(serverTiming: string | string[] | undefined): number {
  const match = /d1;desc="(\d+) round trips"/.exec(String(serverTiming ?? ''));
  return match ? Number(match[1]) : Number.NaN;
}

/** The q-quantile (0 ≤ q ≤ 1) of `values`, interpolated between the nearest ranks. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
}
