/**
 * The demo's two secrets, made on first start and kept in its data directory (mode 0600) so a restart can
 * still open the stored tokens and recognize its session cookies: a token key in the `NRICH_TOKEN_KEYS` format
 * and the session cookie's HMAC secret. `NRICH_TOKEN_KEYS` in the environment wins over the file.
 *
 * Demo convenience only: a real host keeps its token key outside the database's directory (a secret manager,
 * the environment), so a copy of the data alone opens nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenKey, TOKEN_KEYS_VARIABLE } from '../../src/server/index.js';

export interface DemoSecrets {
  tokenKeys: string;
  sessionSecret: string;
}

export function loadDemoSecrets(directory: string, env: Record<string, string | undefined>): DemoSecrets {
  const file = join(directory, 'secrets.json');
  let secrets: DemoSecrets;
  try {
    secrets = JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
  } catch {
    mkdirSync(directory, { recursive: true });
    secrets = { tokenKeys: generateTokenKey('demo'), sessionSecret: generateTokenKey('session') };
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
  }
  return { ...secrets, tokenKeys: env[TOKEN_KEYS_VARIABLE]?.trim() || secrets.tokenKeys };
}

/** For a demo that keeps nothing: fresh secrets in memory. */
export function ephemeralSecrets(): DemoSecrets {
  return { tokenKeys: generateTokenKey('demo'), sessionSecret: generateTokenKey('session') };
}
