/**
 * How the e2e step gets its browser on a fresh machine (ensure-chromium.ts), against a stand-in
 * machine: what it installs, when, and the one line it stops with when it cannot.
 */
import { describe, expect, it } from 'vitest';
import { ensureChromium, MissingBrowser, type ChromiumSystem } from './ensure-chromium';

/** A machine with the given executables; apt-get "installs" chromium by adding /usr/bin/chromium. */
function machine(options: { has?: string[]; override?: string; isRoot?: boolean; hasAptGet?: boolean; aptFails?: boolean } = {}) {
  const executables = new Set(options.has ?? []);
  const aptCalls: string[][] = [];
  const system: ChromiumSystem = {
    override: options.override,
    executable: (path) => executables.has(path),
    isRoot: options.isRoot ?? true,
    hasAptGet: options.hasAptGet ?? true,
    aptGet(args) {
      aptCalls.push(args);
      if (options.aptFails) return 100;
      if (args[0] === 'install') executables.add('/usr/bin/chromium');
      return 0;
    },
    log: () => {},
  };
  return { system, aptCalls };
}

function failure(system: ChromiumSystem): MissingBrowser {
  try {
    ensureChromium(system);
  } catch (error) {
    if (error instanceof MissingBrowser) return error;
    throw error;
  }
  throw new Error('ensureChromium did not fail');
}

describe('the e2e step finds or installs Chromium', () => {
  it("uses Debian's Chromium when it is there, installing nothing", () => {
    const { system, aptCalls } = machine({ has: ['/usr/bin/chromium'] });

    expect(ensureChromium(system)).toBe('/usr/bin/chromium');
    expect(aptCalls).toEqual([]);
  });

  it("installs Debian's chromium with apt-get when it is missing and we are root", () => {
    const { system, aptCalls } = machine();

    expect(ensureChromium(system)).toBe('/usr/bin/chromium');
    expect(aptCalls).toEqual([['update'], ['install', '-y', '--no-install-recommends', 'chromium']]);
  });

  it('stops with one line saying what to install when not root', () => {
    const { system, aptCalls } = machine({ isRoot: false });

    const error = failure(system);

    expect(error.message).toBe(
      'e2e: Chromium not found at /usr/bin/chromium — install it: sudo apt-get install chromium (or set DYAD_CHROMIUM to a Chromium executable)',
    );
    expect(aptCalls).toEqual([]);
  });

  it('stops with the same line when there is no apt-get', () => {
    const { system } = machine({ hasAptGet: false });

    expect(failure(system).message).toMatch(/^e2e: Chromium not found at \/usr\/bin\/chromium — install it: sudo apt-get install chromium/);
  });

  it('says which apt-get step failed', () => {
    const { system } = machine({ aptFails: true });

    expect(failure(system).message).toMatch(/^e2e: apt-get update failed \(exit 100\)/);
  });

  it('uses the browser DYAD_CHROMIUM names, and never installs for one that is missing', () => {
    const present = machine({ override: '/opt/chromium/chrome', has: ['/opt/chromium/chrome'] });
    const missing = machine({ override: '/nonexistent' });

    expect(ensureChromium(present.system)).toBe('/opt/chromium/chrome');
    expect(failure(missing.system).message).toMatch(/^e2e: no Chromium at \/nonexistent \(from DYAD_CHROMIUM\)/);
    expect(missing.aptCalls).toEqual([]);
  });

  it('every message is a single line', () => {
    const messages = [machine({ isRoot: false }), machine({ aptFails: true }), machine({ override: '/nonexistent' })].map(
      ({ system }) => failure(system).message,
    );

    for (const message of messages) expect(message).not.toContain('\n');
  });
});
