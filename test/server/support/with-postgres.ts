/**
 * `node --import tsx test/server/support/with-postgres.ts <command…>`: starts a throwaway PostgreSQL, runs the
 * command with its URL in NRICH_TEST_POSTGRES_URL, and stops the server whatever happens (failure, Ctrl-C).
 * Exits with the command's status. `npm run test:node` runs the node tests this way.
 */
import { spawn } from 'node:child_process';
import { startPostgres } from './postgres-server.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-postgres.ts <command> [args…]');
  process.exit(2);
}

const server = await startPostgres();
let stopped = false;
const stop = (): void => {
  if (stopped) return;
  stopped = true;
  server.stop();
};
process.on('exit', stop);

const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, NRICH_TEST_POSTGRES_URL: server.url },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal)); // the child ends, then the 'exit' below stops the server
}
child.on('error', (error) => {
  console.error(`with-postgres: ${error.message}`);
  stop();
  process.exit(1);
});
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
