// `npx nrich-connect doctor`, as the package's bin runs it (a real process from dist/), against the sandbox over
// HTTP and real stores: a good setup is exit 0; each broken setting is one FIX line naming the variable and exit 1;
// no secret, key or database password is ever printed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { generateTokenKey } from '../../src/server/index.js';
import { storeLocation, type StoreLocation } from './support/test-stores.js';

const bin = JSON.parse(readFileSync('package.json', 'utf8')).bin['nrich-connect'] as string;
const KEY = generateTokenKey('k1');

let sandbox: Sandbox;
let postgres: StoreLocation;
let dataDir: string;

before(async () => {
  sandbox = await startSandbox({ clientId: 'doctor-client', clientSecret: 'doctor-secret-3f9a' });
  postgres = await storeLocation('postgres');
  dataDir = mkdtempSync(join(tmpdir(), 'nrich-doctor-'));
});

after(async () => {
  await sandbox?.close();
  await postgres?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A host's environment as production would have it, on the sandbox and the test's PostgreSQL. */
function goodEnv(): Record<string, string> {
  return {
    NRICH_API_URL: sandbox.url,
    NRICH_CLIENT_ID: 'doctor-client',
    NRICH_CLIENT_SECRET: 'doctor-secret-3f9a',
    APP_ORIGIN: 'https://app.example',
    NRICH_REDIRECT_URIS: 'https://app.example/connect,https://app.example/settings/bank',
    NRICH_TOKEN_KEYS: KEY,
    DATABASE_URL: postgres.target,
  };
}

/** Runs the doctor with exactly this environment (no inherited NRICH_*), answering its exit code and lines. */
function doctor(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; lines: string[]; output: string }> {
  const child = spawn(process.execPath, [bin, 'doctor', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, lines: output.trim().split('\n'), output })),
  );
}

const fixes = (lines: string[]): string[] => lines.filter((line) => line.startsWith('FIX'));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function assertNoSecrets(output: string): void {
  for (const secret of [
    'doctor-secret-3f9a',
    'wrong-secret-77',
    KEY.split(':')[1]!,
    new URL(postgres.target).password,
  ]) {
    if (secret) assert.ok(!output.includes(secret), `the output shows a secret: ${output}`);
  }
}

test('a good setup (PostgreSQL store) passes: exit 0, no FIX line, the store migrated', async () => {
  const { code, lines, output } = await doctor(goodEnv());
  assert.deepEqual(fixes(lines), []);
  assert.equal(code, 0, output);
  assert.equal(lines.at(-1), 'No problems found.');
  assert.equal(lines.filter((line) => line.startsWith('ok ')).length, 4, output);
  const migrations = await postgres.sql('SELECT count(*)::int AS n FROM nrich_schema_migrations');
  assert.ok(Number(migrations[0]!.n) >= 1, 'the schema is in place');
  assertNoSecrets(output);
});

test('a good setup with the embedded store and an --env-file passes', async () => {
  const { DATABASE_URL: _unused, ...env } = goodEnv();
  const file = join(dataDir, '.env');
  writeFileSync(
    file,
    Object.entries({ ...env, NRICH_DATA_DIR: join(dataDir, 'store') })
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const { code, output } = await doctor({}, ['--env-file', file]);
  assert.equal(code, 0, output);
  assert.match(output, /^ok {2}store: NRICH_DATA_DIR/m);
});

const broken: [string, (env: Record<string, string>) => Promise<void> | void, RegExp][] = [
  [
    'a wrong secret',
    (env) => void (env.NRICH_CLIENT_SECRET = 'wrong-secret-77'),
    /^FIX NRICH_CLIENT_ID \/ NRICH_CLIENT_SECRET: .*refused them \(401\)/,
  ],
  [
    'an http base URL',
    (env) => void (env.NRICH_API_URL = 'http://api.nrich.example'),
    /^FIX NRICH_API_URL must use https/,
  ],
  ['no token key', (env) => void delete env.NRICH_TOKEN_KEYS, /^FIX NRICH_TOKEN_KEYS is not set/],
  [
    'a key of the wrong size',
    (env) => void (env.NRICH_TOKEN_KEYS = 'k1:AAAA'),
    /^FIX NRICH_TOKEN_KEYS entry 1: the key must be 32 bytes/,
  ],
  [
    'an unreachable store',
    async (env) => void (env.DATABASE_URL = `postgres://nrich:pw-5521@127.0.0.1:${await closedPort()}/nrich`),
    /^FIX DATABASE_URL \(127\.0\.0\.1:\d+\/nrich\): the store cannot be opened: .*ECONNREFUSED/,
  ],
  [
    'an unreachable API',
    async (env) => void (env.NRICH_API_URL = `http://127.0.0.1:${await closedPort()}`),
    /^FIX NRICH_API_URL: no answer from/,
  ],
  [
    'an http redirect URI',
    (env) => void (env.NRICH_REDIRECT_URIS = 'http://app.example/connect'),
    /^FIX NRICH_REDIRECT_URIS: http:\/\/app\.example\/connect must use https/,
  ],
  [
    'a redirect URI on another origin',
    (env) => void (env.NRICH_REDIRECT_URIS = 'https://app.example/connect,https://other.example/connect'),
    /^FIX NRICH_REDIRECT_URIS: https:\/\/other\.example\/connect is not on APP_ORIGIN/,
  ],
  ['no store', (env) => void delete env.DATABASE_URL, /^FIX No store: set DATABASE_URL/],
];

for (const [what, breakIt, expected] of broken) {
  test(`${what}: one FIX line saying what to change, exit 1`, async () => {
    const env = goodEnv();
    await breakIt(env);
    const { code, lines, output } = await doctor(env);
    assert.equal(code, 1, output);
    assert.equal(fixes(lines).length, 1, output);
    assert.match(fixes(lines)[0]!, expected);
    assert.equal(lines.at(-1), '1 problem to fix.');
    assertNoSecrets(output);
  });
}

test('several problems at once: one line each', async () => {
  const env = goodEnv();
  env.NRICH_CLIENT_SECRET = 'wrong-secret-77';
  delete env.NRICH_TOKEN_KEYS;
  env.DATABASE_URL = `postgres://127.0.0.1:${await closedPort()}/nrich`;
  const { code, lines, output } = await doctor(env);
  assert.equal(code, 1);
  assert.equal(fixes(lines).length, 3, output);
  assert.equal(lines.at(-1), '3 problems to fix.');
});
