// `npm run bench:store`: refreshes per second and latency percentiles of `refreshTokens` on the two SQL stores,
// for 1, 8 and 64 connections refreshed concurrently (each connection in a loop, one refresh at a time, as the
// per-connection lock allows). Two upstreams:
//   - "in process": the API's answer is made in process, so the figures are the store's own cost: the lock
//     (row lock on PostgreSQL, in-process on the embedded store), sealing two tokens, the compare-and-swap write;
//   - "sandbox": the embedded sandbox over HTTP on loopback, as a host would see it end to end.
// Two more figures on PostgreSQL, measured in the same run on the same database:
//   - the ratio of the kit's in-process refreshes/s to a bare `BEGIN; SELECT … FOR UPDATE; UPDATE …; COMMIT`
//     on a pool of the same size, with values of the same length (what a hand-written refresh costs at least);
//   - fresh-token reads (`getValidAccessToken` of a connection that is not due) while 30 other connections are
//     refreshing against an API that takes 3 s, next to the same reads with nothing refreshing.
// A benchmark, not a test: it asserts nothing. docs/stores.md's figures come from its output.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from 'nrich-connect/sandbox';
import {
  createEmbeddedStore,
  createNrichClient,
  getValidAccessToken,
  createPostgresStore,
  refreshTokens,
  saveTokenResponse,
  type NrichClient,
} from '../src/server/index.js';
import { type SqlTokenStore } from '../src/server/store.js';
import { type TokenResponse } from '../src/server/types.js';
import { completeWidget } from '../test/server/support/sandbox.js';

const CONCURRENCY = [1, 8, 64];
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const KEY = `bench:${randomBytes(32).toString('base64')}`;
const REDIRECT_URI = 'http://localhost:5173/callback';

const sandbox = await startSandbox({ port: 0 });
const sandboxClient = createNrichClient({
  baseUrl: sandbox.url,
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
});
/** Answers a refresh at once, with tokens as long as the API's: what is left to measure is the store. */
const inProcess: Pick<NrichClient, 'refreshToken'> = {
  refreshToken: async () => tokenAnswer(),
};

function tokenAnswer(): TokenResponse {
  return {
    access_token: randomBytes(400).toString('base64url'),
    refresh_token: randomBytes(200).toString('base64url'),
    expires_in: 3600,
    token_type: 'Bearer',
  };
}

async function sandboxConnection(user: string): Promise<TokenResponse> {
  const link = await sandboxClient.createFlow('ongoing/access', { redirect_uri: REDIRECT_URI, user_id: user });
  const { code = '' } = await completeWidget(sandbox.url, link.location);
  return sandboxClient.exchangeCode({ code, redirectUri: REDIRECT_URI });
}

interface Row {
  store: string;
  upstream: string;
  connections: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(
  store: SqlTokenStore,
  label: string,
  upstream: 'in process' | 'sandbox',
  connections: number,
  durationMs = DURATION_MS,
): Promise<Row> {
  const client = upstream === 'sandbox' ? sandboxClient : inProcess;
  const keys = Array.from({ length: connections }, (_, i) => `${label}-${upstream}-${connections}-${i}`);
  for (const key of keys) {
    await saveTokenResponse(store, key, upstream === 'sandbox' ? await sandboxConnection(key) : tokenAnswer());
  }
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  await Promise.all(
    keys.map(async (key) => {
      while (performance.now() < end) {
        const started = performance.now();
        await refreshTokens({ store, key, client });
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    store: label,
    upstream,
    connections,
    perSecond: latencies.length / (durationMs / 1000),
    p50: at(0.5),
    p99: at(0.99),
  };
}

/** The same work without the kit: one transaction holding the row lock, on a pool as large as the store's. */
async function measureBare(url: string, connections: number, durationMs: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {});
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bare (key text PRIMARY KEY, access_token text, refresh_token text, expires_at timestamptz, version bigint)',
  );
  const keys = Array.from({ length: connections }, (_, i) => `bare-${connections}-${i}`);
  for (const key of keys) {
    await pool.query('INSERT INTO bare VALUES ($1, $2, $2, now(), 1) ON CONFLICT (key) DO NOTHING', [key, 'x']);
  }
  // The lengths of the kit's sealed tokens (nc1.<id>.<iv>.<ciphertext> of 533 and 267 characters).
  const access = randomBytes(580).toString('base64url');
  const refresh = randomBytes(300).toString('base64url');
  let count = 0;
  const end = performance.now() + durationMs;
  await Promise.all(
    keys.map(async (key) => {
      while (performance.now() < end) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT * FROM bare WHERE key = $1 FOR UPDATE', [key]);
          await client.query(
            "UPDATE bare SET access_token = $2, refresh_token = $3, expires_at = now() + interval '1 hour', version = version + 1 WHERE key = $1",
            [key, access, refresh],
          );
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        count += 1;
      }
    }),
  );
  await pool.end();
  return count / (durationMs / 1000);
}

/** Reads/s and p50/p99 ms of fresh-token reads, while `slowRefreshes` connections refresh against a 3 s API. */
async function measureReads(
  store: SqlTokenStore,
  label: string,
  slowRefreshes: number,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const fresh = `${label}-fresh-${slowRefreshes}`;
  await saveTokenResponse(store, fresh, tokenAnswer());
  const due = Array.from({ length: slowRefreshes }, (_, i) => `${label}-due-${slowRefreshes}-${i}`);
  for (const key of due) await saveTokenResponse(store, key, { ...tokenAnswer(), expires_in: 0 });
  const slowApi: Pick<NrichClient, 'refreshToken'> = {
    refreshToken: () => new Promise((resolve) => setTimeout(() => resolve(tokenAnswer()), 3000)),
  };
  const refreshing = due.map((key) => getValidAccessToken({ store, key, client: slowApi }));
  const latencies: number[] = [];
  const end = performance.now() + Math.min(DURATION_MS, 2500); // inside the 3 s the refreshes take
  while (performance.now() < end) {
    const started = performance.now();
    await getValidAccessToken({ store, key: fresh, client: inProcess });
    latencies.push(performance.now() - started);
  }
  const seconds = Math.min(DURATION_MS, 2500) / 1000;
  await Promise.all(refreshing);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function postgresStore(): Promise<{
  store: SqlTokenStore;
  url: string;
  version: string;
  done(): Promise<void>;
}> {
  const base = process.env.NRICH_TEST_POSTGRES_URL;
  if (!base)
    throw new Error('Run through `npm run bench:store` (it starts PostgreSQL and sets NRICH_TEST_POSTGRES_URL).');
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const name = `nrich_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const [{ server_version: version = '?' } = {}] = (
    await admin.query<{ server_version: string }>('SHOW server_version')
  ).rows;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = await createPostgresStore({ connectionString: url.href, keys: KEY, env: {} });
  return {
    store,
    url: url.href,
    version,
    async done() {
      await store.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const rows: Row[] = [];
const ratios: { connections: number; kit: number; bare: number }[] = [];
const reads: { store: string; refreshing: number; perSecond: number; p50: number; p99: number }[] = [];
const directory = mkdtempSync(join(tmpdir(), 'nrich-bench-'));
let postgresVersion: string;
try {
  const embedded = await createEmbeddedStore({ directory, keys: KEY, env: {} });
  const postgres = await postgresStore();
  postgresVersion = postgres.version;
  for (const [label, store] of [
    ['embedded (PGlite)', embedded],
    ['PostgreSQL', postgres.store],
  ] as const) {
    for (const upstream of ['in process', 'sandbox'] as const) {
      for (const connections of CONCURRENCY) {
        const row = await measure(store, label, upstream, connections);
        rows.push(row);
        console.error(`${label}, ${upstream}, ${connections}: ${row.perSecond.toFixed(0)}/s`);
      }
    }
  }
  // Kit and bare in turns, a third of the time each, three times: a shared machine's drift hits both alike.
  for (const connections of CONCURRENCY) {
    let kit = 0;
    let bare = 0;
    for (let turn = 0; turn < 3; turn++) {
      kit += (await measure(postgres.store, 'ratio', 'in process', connections, DURATION_MS / 3)).perSecond / 3;
      bare += (await measureBare(postgres.url, connections, DURATION_MS / 3)) / 3;
    }
    ratios.push({ connections, kit, bare });
    console.error(`kit ${kit.toFixed(0)}/s, bare transaction ${bare.toFixed(0)}/s at ${connections}`);
  }
  for (const [label, store] of [
    ['embedded (PGlite)', embedded],
    ['PostgreSQL', postgres.store],
  ] as const) {
    for (const refreshing of [0, 30]) {
      reads.push({ store: label, refreshing, ...(await measureReads(store, label, refreshing)) });
    }
  }
  await embedded.close();
  await postgres.done();
} finally {
  rmSync(directory, { recursive: true, force: true });
  await sandbox.close();
}

const cpu = cpus();
console.log(
  `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, ` +
    `Node ${process.version}, PostgreSQL ${postgresVersion} (fsync off), PGlite ${await pgliteVersion()}; ` +
    `${DURATION_MS} ms per row.\n`,
);
console.log('| store | upstream | connections | refreshes/s | p50 ms | p99 ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.store} | ${row.upstream} | ${row.connections} | ${row.perSecond.toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} |`,
  );
}

console.log('\nThe kit against a bare transaction (PostgreSQL, in-process upstream, same run):\n');
console.log('| connections | kit refreshes/s | bare BEGIN/SELECT FOR UPDATE/UPDATE/COMMIT per s | ratio |');
console.log('| ---: | ---: | ---: | ---: |');
for (const { connections, kit, bare } of ratios) {
  console.log(`| ${connections} | ${kit.toFixed(0)} | ${bare.toFixed(0)} | ${(kit / bare).toFixed(2)} |`);
}
console.log('\nFresh-token reads while connections refresh against an API taking 3 s:\n');
console.log('| store | refreshes in flight | reads/s | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of reads) {
  console.log(
    `| ${row.store} | ${row.refreshing} | ${row.perSecond.toFixed(0)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} |`,
  );
}

async function pgliteVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const manifest = new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
}
