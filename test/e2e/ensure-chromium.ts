/**
 * The browser the end-to-end tests drive: Debian's Chromium at /usr/bin/chromium, or the one
 * `DYAD_CHROMIUM` names. `npm install && npm test` must pass on a fresh Debian machine (issue 9,
 * item 11), so when the default browser is missing and we can install it — root, with apt-get — the
 * e2e step installs Debian's `chromium` itself; otherwise it stops with one line saying what to
 * install. A browser named by `DYAD_CHROMIUM` is never installed for: apt would not put it there.
 */
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const defaultChromium = '/usr/bin/chromium';

/** What the decision needs from the machine; `systemOf()` is the real one, tests pass their own. */
export interface ChromiumSystem {
  /** `DYAD_CHROMIUM`, if set. */
  override: string | undefined;
  executable(path: string): boolean;
  isRoot: boolean;
  hasAptGet: boolean;
  /** Runs `apt-get <args>` with its output on our terminal; resolves with its exit status. */
  aptGet(args: string[]): number | null;
  log(line: string): void;
}

/** Thrown with a single line meant for the terminal as it is (no stack trace adds anything). */
export class MissingBrowser extends Error {
  override name = 'MissingBrowser';
}

export function systemOf(env: NodeJS.ProcessEnv = process.env): ChromiumSystem {
  return {
    override: env.DYAD_CHROMIUM || undefined,
    executable(path) {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    isRoot: process.getuid?.() === 0,
    hasAptGet: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
    aptGet: (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status,
    log: (line) => console.log(line),
  };
}

/**
 * Resolves with the path of an executable Chromium, installing Debian's when it is missing and
 * that is possible; throws `MissingBrowser` (one line) when it is not.
 *
 * @example const chromium = ensureChromium(); // "/usr/bin/chromium", installed first if need be
 */
export function ensureChromium(system: ChromiumSystem = systemOf()): string {
  const path = system.override ?? defaultChromium;
  if (system.executable(path)) return path;
  if (system.override !== undefined) {
    throw new MissingBrowser(
      `e2e: no Chromium at ${path} (from DYAD_CHROMIUM) — point DYAD_CHROMIUM at a Chromium, or unset it to use Debian's ${defaultChromium}`,
    );
  }
  const askToInstall = `e2e: Chromium not found at ${path} — install it: sudo apt-get install chromium (or set DYAD_CHROMIUM to a Chromium executable)`;
  if (!system.isRoot || !system.hasAptGet) throw new MissingBrowser(askToInstall);

  system.log(`e2e: Chromium not found at ${path}; installing Debian's chromium (apt-get) …`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const status = system.aptGet(args);
    if (status !== 0)
      throw new MissingBrowser(
        `e2e: apt-get ${args.join(' ')} failed (exit ${status}) — install Chromium by hand: apt-get install chromium (or set DYAD_CHROMIUM)`,
      );
  }
  if (!system.executable(path))
    throw new MissingBrowser(`e2e: apt-get installed chromium but ${path} is still missing — set DYAD_CHROMIUM to the Chromium executable`);
  return path;
}
