/**
 * One host process of the fault suite (store-faults.test.ts): a PostgreSQL store with short bounds and a client
 * on the sandbox. On `run` it refreshes its connections round-robin, as fast as it can, until `stop`, and counts
 * what every call ended in; `mark` starts a second count (calls after the fault is over). It never handles
 * an error in a way that hides one: anything that is neither a success nor a typed error is counted as `raw`.
 *   { type: 'run', keys, now } | { type: 'mark' } | { type: 'stop' } | { type: 'close' }
 * answers { type: 'ready' } once, { type: 'counts', counts } after `stop`.
 */
import {
  createNrichClient,
  createPostgresStore,
  isNrichApiError,
  isReauthorizationRequired,
  isTokenStoreError,
  refreshTokens,
} from '../../../src/server/index.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './sandbox.js';

export interface FaultWorkerConfig {
  target: string;
  keys: string;
  apiUrl: string;
  storeOptions: Record<string, number>;
}

export interface FaultCounts {
  ok: number;
  /** Successes after `mark`. */
  okAfterMark: number;
  /** TokenStoreError codes. */
  typed: Record<string, number>;
  needsReauthorization: number;
  api: Record<string, number>;
  /** Anything else: must stay 0. The first few messages, for the failure report. */
  raw: number;
  rawMessages: string[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as FaultWorkerConfig;
const send = (message: unknown): Promise<void> =>
  new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const store = await createPostgresStore({
  ...config.storeOptions,
  connectionString: config.target,
  keys: config.keys,
  env: {},
});
const client = createNrichClient({
  baseUrl: config.apiUrl,
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
});
const counts: FaultCounts = {
  ok: 0,
  okAfterMark: 0,
  typed: {},
  needsReauthorization: 0,
  api: {},
  raw: 0,
  rawMessages: [],
};
let running = false;
let marked = false;
let loop: Promise<void> = Promise.resolve();

async function run(keys: string[], now: number): Promise<void> {
  for (let i = 0; running; i++) {
    const key = keys[i % keys.length]!;
    try {
      await refreshTokens({ store, key, client, now: () => now });
      counts.ok += 1;
      if (marked) counts.okAfterMark += 1;
    } catch (error) {
      if (isTokenStoreError(error)) counts.typed[error.code] = (counts.typed[error.code] ?? 0) + 1;
      else if (isReauthorizationRequired(error)) counts.needsReauthorization += 1;
      else if (isNrichApiError(error)) counts.api[error.kind] = (counts.api[error.kind] ?? 0) + 1;
      else {
        counts.raw += 1;
        if (counts.rawMessages.length < 5) counts.rawMessages.push(String((error as Error).message));
      }
      await sleep(50); // a host would back off too
    }
  }
}

process.on('message', (message: { type: 'run'; keys: string[]; now: number } | { type: string }) => {
  if (message.type === 'run') {
    running = true;
    const { keys, now } = message as { keys: string[]; now: number };
    loop = run(keys, now);
  } else if (message.type === 'mark') {
    marked = true;
  } else if (message.type === 'stop') {
    running = false;
    void loop.then(() => send({ type: 'counts', counts }));
  } else if (message.type === 'close') {
    void store.close().then(() => process.exit(0));
  }
});
await send({ type: 'ready' });
