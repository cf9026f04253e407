/**
 * Run the sandbox on its own: `node --import tsx demo/sandbox/serve.ts` (PORT, HOST from env).
 * Handy for poking at the widget in a browser or with curl.
 */
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from './index.js';

const sandbox = await startSandbox({
  port: Number(process.env['PORT'] ?? 0),
  host: process.env['HOST'] ?? '127.0.0.1',
});
console.log(`nrich sandbox listening on ${sandbox.url} (client ${SANDBOX_CLIENT_ID} / ${SANDBOX_CLIENT_SECRET})`);

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
