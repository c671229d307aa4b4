/// <reference types="node" />
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashToken, newTokenSecret } from '../domain/token-secrets';
import type { DemoRole } from './demo-data';
import { paths } from './paths';

const roles: DemoRole[] = ['admin', 'coordinator', 'leader'];
const tokenShape = /^dyad_[A-Za-z0-9_-]{43}$/;

/**
 * The demo tokens' secrets. Random (256 bits, like every Dyad token), made once
 * and kept in `.wrangler/demo-tokens.json` (gitignored) so the tokens printed by
 * `npm start` stay valid from one run to the next. Only their hashes reach D1.
 */
export async function loadDemoTokens(
  file = paths.demoTokens,
): Promise<{ secrets: Record<DemoRole, string>; hashes: Record<DemoRole, string>; created: boolean }> {
  const stored = readStored(file);
  let created = false;
  const secrets = {} as Record<DemoRole, string>;
  for (const role of roles) {
    const secret = stored[role];
    if (typeof secret === 'string' && tokenShape.test(secret)) {
      secrets[role] = secret;
    } else {
      secrets[role] = newTokenSecret();
      created = true;
    }
  }
  if (created) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const hashes = {} as Record<DemoRole, string>;
  for (const role of roles) hashes[role] = await hashToken(secrets[role]);
  return { secrets, hashes, created };
}

function readStored(file: string): Partial<Record<DemoRole, unknown>> {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Partial<Record<DemoRole, unknown>>) : {};
  } catch {
    return {}; // unreadable: start over with fresh tokens
  }
}
