/// <reference types="node" />
/**
 * `npm run bench`: the three benchmarks one after the other, each in its own process (each starts
 * and stops its own `wrangler dev`) — the analytics reads (bench.ts), then the writes
 * (bench-writes.ts), then the sustained load (bench-load.ts).
 *
 *   npm run bench                          # all three
 *   npm run bench -- --only writes         # one part (analytics | writes | load), or several: --only writes,load
 *   npm run bench -- --verify              # other options go to the analytics part …
 *   npm run bench -- --only load --duration 20   # … or, with a single --only, to that part
 *
 * Each part parses its own options strictly, so `--only` is taken off here. Every selected part
 * runs even if an earlier one fails; the exit status is 1 if any failed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { paths } from './paths';

const parts = {
  analytics: 'bench.ts',
  writes: 'bench-writes.ts',
  load: 'bench-load.ts',
} as const;
type Part = keyof typeof parts;
const order = Object.keys(parts) as Part[];

function parse(argv: string[]): { only: Part[]; rest: string[] } {
  const rest: string[] = [];
  let only: Part[] = order;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--only' ? argv[++i] : arg.startsWith('--only=') ? arg.slice('--only='.length) : undefined;
    if (value === undefined) {
      rest.push(arg);
      continue;
    }
    const names = value.split(',').filter(Boolean);
    const unknown = names.filter((name) => !(name in parts));
    if (names.length === 0 || unknown.length > 0)
      throw new Error(`--only takes ${order.join(', ')} (or several, comma-separated); got "${value}"`);
    only = order.filter((part) => names.includes(part));
  }
  return { only, rest };
}

function main(): number {
  const { only, rest } = parse(process.argv.slice(2));
  // Options belong to one part: the one --only names, else the analytics part (as before this wrapper).
  const optionsFor: Part = only.length === 1 ? only[0]! : 'analytics';
  if (rest.length > 0 && !only.includes(optionsFor))
    throw new Error(`options ${rest.join(' ')} given, but the analytics part is not run: name one part with --only`);
  const tsx = path.join(paths.root, 'node_modules', '.bin', 'tsx');
  const failed: Part[] = [];
  for (const part of only) {
    console.log(`\n━━ npm run bench: ${part} (worker/dev/${parts[part]}) ━━`);
    const run = spawnSync(tsx, [path.join(paths.root, 'worker', 'dev', parts[part]), ...(part === optionsFor ? rest : [])], {
      stdio: 'inherit',
      cwd: paths.root,
    });
    if (run.status !== 0) failed.push(part);
  }
  if (failed.length > 0) console.error(`\nnpm run bench: ${failed.join(', ')} failed`);
  return failed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
