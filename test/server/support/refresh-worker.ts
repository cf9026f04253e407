/**
 * One host process, forked by the multi-process tests (child_process.fork). It opens its own store on the shared
 * data and its own client, then does what the parent says:
 *   { type: 'refresh', key, now, at }  at wall-clock time `at`, getValidAccessToken with the clock at `now`;
 *                                      answers { type: 'result', ok, accessToken | error }
 *   { type: 'close' }                  closes the store and exits
 * With `dieAfterRefreshAnswer`, it kills itself (SIGKILL) the moment the API's refresh answer has arrived,
 * before the store could write it: the fault the crash test injects. It reports the answer first.
 */
import {
  createEmbeddedStore,
  createNrichClient,
  createPostgresStore,
  getValidAccessToken,
} from '../../../src/server/index.js';
import { type FetchFunction } from '../../../src/server/client/client.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './sandbox.js';

export interface WorkerConfig {
  kind: 'embedded' | 'postgres';
  /** Directory or database URL. */
  target: string;
  keys: string;
  apiUrl: string;
  dieAfterRefreshAnswer?: boolean;
  /** Passed to the store as they are (e.g. a short `leaseMs`). */
  storeOptions?: Record<string, number>;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; ok: true; accessToken: string | undefined }
  | { type: 'result'; ok: false; error: string }
  | { type: 'upstream-answered'; refreshToken: string };

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));

const dyingFetch: FetchFunction = async (input, init) => {
  const response = await fetch(input, init);
  if (String(init.body).includes('"refresh_token"')) {
    const { refresh_token } = (await response.clone().json()) as { refresh_token: string };
    await send({ type: 'upstream-answered', refreshToken: refresh_token });
    process.kill(process.pid, 'SIGKILL'); // between the API's answer and the store's write
  }
  return response;
};

const store =
  config.kind === 'postgres'
    ? await createPostgresStore({ ...config.storeOptions, connectionString: config.target, keys: config.keys, env: {} })
    : await createEmbeddedStore({ ...config.storeOptions, directory: config.target, keys: config.keys, env: {} });
const client = createNrichClient({
  baseUrl: config.apiUrl,
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  ...(config.dieAfterRefreshAnswer ? { fetch: dyingFetch } : {}),
});

process.on('message', (message: { type: 'refresh'; key: string; now: number; at: number } | { type: 'close' }) => {
  if (message.type === 'close') {
    void store.close().then(() => process.exit(0));
    return;
  }
  setTimeout(
    () => {
      getValidAccessToken({ store, key: message.key, client, now: () => message.now }).then(
        (accessToken) => send({ type: 'result', ok: true, accessToken }),
        (error: { name?: string; code?: string; message?: string }) =>
          send({ type: 'result', ok: false, error: `${error.name}: ${error.code ?? ''} ${error.message ?? ''}` }),
      );
    },
    Math.max(0, message.at - Date.now()),
  );
});
await send({ type: 'ready' });
