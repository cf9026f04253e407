/** `nrich-connect sandbox [options]` and `nrich-connect doctor`: the command line, parsed by Node's own `parseArgs`. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: nrich-connect sandbox [options]
       nrich-connect doctor [--env-file <path>]

sandbox  Runs the nrich API sandbox (API and widget) on loopback until Ctrl-C.
doctor   Checks this environment's configuration (NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET,
         NRICH_REDIRECT_URIS, APP_ORIGIN, NRICH_TOKEN_KEYS, DATABASE_URL or NRICH_DATA_DIR) and prints
         one line per problem with what to fix; exit 1 if there is one. --env-file reads a .env file first.

Sandbox options:
  --port <n>             port to listen on (default 8787; 0 picks a free one)
  --host <address>       address to bind (default 127.0.0.1)
  --host-name <name>     a host name the sandbox answers besides IP addresses and localhost (repeatable; e.g. a
                         container's service name): any other Host header is refused (421)
  --client-id <id>       client id the API accepts (default sandbox-client)
  --client-secret <s>    client secret the API accepts (default sandbox-secret)
  --quiet                do not log requests
  -h, --help             show this help
`;

const DEFAULT_CLI_PORT = 8787;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'doctor'; envFile: string | undefined }
  | {
      kind: 'sandbox';
      port: number;
      host: string;
      hostNames: string[];
      clientId: string | undefined;
      clientSecret: string | undefined;
      quiet: boolean;
    };

/** A bad command line: the message is for the person who typed it; exit code 2, as other CLIs do. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCommandLine(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'host-name': { type: 'string', multiple: true },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        quiet: { type: 'boolean' },
        'env-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...rest] = positionals;
  if (command !== 'sandbox' && command !== 'doctor') {
    throw new UsageError(
      command === undefined ? 'Name a command: sandbox or doctor.' : `Unknown command "${command}".`,
    );
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  const sandboxOnly = (['port', 'host', 'client-id', 'client-secret', 'quiet'] as const).find((name) => name in values);
  if (command === 'doctor') {
    if (sandboxOnly) throw new UsageError(`--${sandboxOnly} is an option of sandbox, not doctor.`);
    return { kind: 'doctor', envFile: nonEmpty(values['env-file'], '--env-file') };
  }
  if (values['env-file'] !== undefined) throw new UsageError('--env-file is an option of doctor, not sandbox.');
  return {
    kind: 'sandbox',
    port: parsePort(values.port),
    host: nonEmpty(values.host, '--host') ?? '127.0.0.1',
    hostNames: (values['host-name'] ?? []).map((name) => nonEmpty(name, '--host-name') ?? ''),
    clientId: nonEmpty(values['client-id'], '--client-id'),
    clientSecret: nonEmpty(values['client-secret'], '--client-secret'),
    quiet: values.quiet ?? false,
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CLI_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

function nonEmpty(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${name} must not be empty.`);
  return value;
}
