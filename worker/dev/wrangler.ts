/// <reference types="node" />
import { spawn } from 'node:child_process';
import { paths } from './paths';

/**
 * Runs a one-shot wrangler command against the local D1 and resolves with its
 * output; rejects with that output if it fails. stdin is closed and CI is set,
 * so wrangler never waits for a confirmation (e.g. `d1 migrations apply`).
 *
 * @example
 * await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local']);
 */
export function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(paths.wranglerBin, args, {
      cwd: paths.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: wranglerEnv({ CI: 'true' }),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}

/** The environment for wrangler: no usage metrics from a developer's local demo. */
export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', ...extra };
}
