/// <reference types="node" />
/**
 * `npm start`: everything a fresh clone needs to try Dyad locally, in one command.
 *
 * 1. `.dev.vars` with a random BOOTSTRAP_TOKEN (made once, gitignored);
 * 2. the D1 migrations, applied to the local database;
 * 3. the demo organisation, seeded (upserts: re-running refreshes, never duplicates);
 * 4. the extension, built;
 * 5. the local identity provider on 127.0.0.1:8788 (oidc-provider.ts), in this process;
 * 6. `wrangler dev` on 127.0.0.1:8787, and once /healthz answers, how to sign in.
 *
 * Nobody is handed a token: the staff sign in through the identity provider, and the demo's
 * external advisors with the invitations the seed makes fresh each time.
 *
 * Ctrl-C stops wrangler (and its workerd) before this script exits; the provider goes with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { newTokenSecret } from '../domain/token-secrets';
import { DEMO_ORG_NAME, DEMO_ORG_SLUG, DEMO_PROVIDER_LABEL, DEMO_STAFF_DOMAIN } from './demo-data';
import { LOCAL_OIDC_PORT, startLocalOidcProvider } from './oidc-provider';
import { paths } from './paths';
import { applySeed, demoOrigins, writeDemoSeed } from './seed-demo';
import { runWrangler, wranglerEnv } from './wrangler';

const host = '127.0.0.1';
const port = 8787;
const apiUrl = `http://${host}:${port}`;
if (apiUrl !== demoOrigins.api) throw new Error('start.ts and seed-demo.ts disagree on the API URL');

async function main() {
  await step('Bootstrap token', async () => ensureBootstrapToken());
  await step('Migrations (local D1)', () => runWrangler(['d1', 'migrations', 'apply', 'DB', '--local']));
  const seed = await step('Demo data', async () => {
    const s = await writeDemoSeed();
    await applySeed(s.sqlFile);
    return s;
  });
  await step('Extension build', () => run('npm', ['run', '--silent', 'build:extension']));

  for (const p of [port, LOCAL_OIDC_PORT]) {
    if (await portAnswers(p)) throw new Error(`Something is already listening on ${host}:${p} — stop it (another npm start?) and retry.`);
  }
  const idp = await step(`Identity provider on ${demoOrigins.identityProvider}`, () =>
    startLocalOidcProvider({
      port: LOCAL_OIDC_PORT,
      accounts: seed.data.staff.map((p) => ({ email: p.email, name: p.displayName })),
      workerOrigins: [apiUrl],
    }),
  );
  if (idp.issuer !== demoOrigins.identityProvider) throw new Error(`the identity provider runs at ${idp.issuer}, not where the seed says`);
  console.log(`▸ Starting wrangler dev on ${apiUrl} …`);
  const wrangler = spawn(
    paths.wranglerBin,
    ['dev', '--ip', host, '--port', String(port), '--show-interactive-dev-session=false'],
    // Its own process group, so one signal reaches wrangler and the workerd it runs.
    { cwd: paths.root, stdio: ['ignore', 'inherit', 'inherit'], env: wranglerEnv(), detached: true },
  );
  forwardStopSignals(wrangler);
  const exited = new Promise<number>((resolve) => wrangler.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));
  exited.then((code) => process.exit(code));

  await waitForHealth(exited);
  const c = seed.counts;
  const leaderRoles = seed.data.leaderEngagements.map((e) => `${e.role} in ${e.programme}`).join(', ');
  const { admin, coordinator, leader } = seed.data.people;
  const [linkInvite, curlInvite] = seed.invitations;
  const signIn = `"Sign in with ${DEMO_PROVIDER_LABEL}"`;
  const who = (role: string, p: { email: string; displayName: string }) => `    ${role.padEnd(12)} ${p.email.padEnd(34)} ${p.displayName}`;
  console.log(`
Dyad is running.

  API          ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)
  Demo org     ${DEMO_ORG_NAME}, organisation "${DEMO_ORG_SLUG}": ${c.participants} people, ${c.programmes} programmes,
               ${c.engagements} engagements, ${c.sessions} sessions, ${c.pulse_responses} pulse answers, ${c.notes} notes

  Sign in      at ${DEMO_PROVIDER_LABEL}, ${idp.issuer}: log in as any @${DEMO_STAFF_DOMAIN} email, any password
${who('admin', admin)}
${who('coordinator', coordinator)}
${who('leader', leader)}
                 ${leaderRoles}

  Extension    Chrome: chrome://extensions → Developer mode → Load unpacked → ${paths.extension}
               Options: API URL ${apiUrl}, organisation ${DEMO_ORG_SLUG} → ${signIn} → log in as the leader
  Console      ${apiUrl}/console/?org=${DEMO_ORG_SLUG} → ${signIn} → log in as the coordinator or admin
  Invitation   ${linkInvite.person.displayName} <${linkInvite.person.email}>, an external advisor (single use, 7 days):
               ${linkInvite.link}
  API tour     ${curlInvite.person.displayName}'s invitation, redeemed for a 15-minute access token (and a refresh token):
               curl -s -X POST ${apiUrl}/v1/auth/invitations/redeem -H 'Content-Type: application/json' \\
                 -d '{"code":"${curlInvite.code}","client":"api"}'
               curl -s ${apiUrl}/v1/me -H "Authorization: Bearer <accessToken>"

  Bootstrap    BOOTSTRAP_TOKEN in ${rel(paths.devVars)} (Bearer for POST /v1/orgs)

Ctrl-C stops the server and the identity provider.
`);
}

/** Makes `.dev.vars` hold a BOOTSTRAP_TOKEN, keeping whatever else is in it. */
function ensureBootstrapToken(): string {
  const line = `BOOTSTRAP_TOKEN=${newTokenSecret()}\n`;
  if (!existsSync(paths.devVars)) {
    writeFileSync(paths.devVars, `# Local secrets for wrangler dev. Never commit this file.\n${line}`, { mode: 0o600 });
    return `created ${rel(paths.devVars)}`;
  }
  const current = readFileSync(paths.devVars, 'utf8');
  if (/^\s*BOOTSTRAP_TOKEN\s*=/m.test(current)) return `kept ${rel(paths.devVars)}`;
  appendFileSync(paths.devVars, `${current.endsWith('\n') || current === '' ? '' : '\n'}${line}`);
  return `added to ${rel(paths.devVars)}`;
}

/** Ctrl-C, kill and a closed terminal stop wrangler first; a second Ctrl-C, or 10 s, forces it. */
function forwardStopSignals(child: ChildProcess) {
  let stopping = false;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return signalGroup('SIGKILL');
      stopping = true;
      signalGroup('SIGINT');
      setTimeout(() => signalGroup('SIGKILL'), 10_000).unref();
    });
  }
  process.on('exit', () => signalGroup('SIGKILL'));
}

async function waitForHealth(exited: Promise<number>, timeoutMs = 120_000) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!gone && Date.now() < deadline) {
    try {
      const res = await fetch(`${apiUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (!gone) throw new Error(`${apiUrl}/healthz did not answer within ${timeoutMs / 1000} s`);
}

function portAnswers(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: p });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs a command quietly; its output is shown only if it fails. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: paths.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`)),
    );
  });
}

async function step<T>(label: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  process.stdout.write(`▸ ${label} … `);
  const result = await action();
  const detail = typeof result === 'string' && result.length < 80 && !result.includes('\n') ? ` (${result})` : '';
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s${detail}`);
  return result;
}

const rel = (p: string) => path.relative(process.cwd(), p) || '.';

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
