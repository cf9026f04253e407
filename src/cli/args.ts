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

Sandbox over time (ongoing access; GET /_sandbox/clock answers the clock, POST moves it):
  --clock-speed <x>      the sandbox's clock runs x times real time (e.g. 3600: an hour a second; default 1)
  --clock-start <ISO>    the sandbox's time at start (e.g. 2026-01-01T00:00:00Z; default now)
  --rate-limit <n>       API calls per second for all clients together (flow starts, /auth/token, /rest/...);
                         beyond it the answer is 429 with Retry-After (default: no limit)
  --rate-limit-status <s>
                         429 (default) or 503 for a call over the limit
  --autosync-per-day <n> qwist's autosync runs per day for each ongoing connection, 1 to 24 (default 4)
  --transactions-per-day <n>
                         new transactions per ongoing connection per day, 0 to 500 (default 2)
  --consent-days <n>     days an ongoing connection's bank consent lasts, 1 to 3650 (default 180)
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
      /** Set when --clock-speed or --clock-start is given: the sandbox's scaled clock. */
      clock: { epoch: number; speed: number } | undefined;
      rateLimit: { perSecond: number; status: 429 | 503 } | undefined;
      autosync: { syncsPerDay?: number; transactionsPerDay?: number };
      consentDays: number | undefined;
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
        'clock-speed': { type: 'string' },
        'clock-start': { type: 'string' },
        'rate-limit': { type: 'string' },
        'rate-limit-status': { type: 'string' },
        'autosync-per-day': { type: 'string' },
        'transactions-per-day': { type: 'string' },
        'consent-days': { type: 'string' },
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
  const sandboxOnly = SANDBOX_OPTIONS.find((name) => name in values);
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
    ...overTime(values),
  };
}

const SANDBOX_OPTIONS = [
  'port',
  'host',
  'client-id',
  'client-secret',
  'quiet',
  'clock-speed',
  'clock-start',
  'rate-limit',
  'rate-limit-status',
  'autosync-per-day',
  'transactions-per-day',
  'consent-days',
] as const;

/** The flags of the sandbox over time, checked here with the ranges `startSandbox` accepts. */
function overTime(
  values: Partial<Record<(typeof SANDBOX_OPTIONS)[number], string | boolean>>,
): Pick<Extract<CliCommand, { kind: 'sandbox' }>, 'clock' | 'rateLimit' | 'autosync' | 'consentDays'> {
  const text = (name: (typeof SANDBOX_OPTIONS)[number]) => values[name] as string | undefined;
  const speed = numberFlag(text('clock-speed'), '--clock-speed', { min: 0, above: true, max: 1e7 });
  const start = text('clock-start');
  const epoch = start === undefined ? undefined : parseTime(start);
  const perSecond = numberFlag(text('rate-limit'), '--rate-limit', { min: 0, above: true, max: 1e6 });
  const status = text('rate-limit-status');
  if (status !== undefined && status !== '429' && status !== '503') {
    throw new UsageError(`--rate-limit-status must be 429 or 503, not "${status}".`);
  }
  if (status !== undefined && perSecond === undefined) throw new UsageError('--rate-limit-status needs --rate-limit.');
  const syncsPerDay = numberFlag(text('autosync-per-day'), '--autosync-per-day', { min: 1, max: 24, whole: true });
  const transactionsPerDay = numberFlag(text('transactions-per-day'), '--transactions-per-day', { min: 0, max: 500 });
  return {
    clock: speed === undefined && epoch === undefined ? undefined : { epoch: epoch ?? Date.now(), speed: speed ?? 1 },
    rateLimit: perSecond === undefined ? undefined : { perSecond, status: status === '503' ? 503 : 429 },
    autosync: {
      ...(syncsPerDay === undefined ? {} : { syncsPerDay }),
      ...(transactionsPerDay === undefined ? {} : { transactionsPerDay }),
    },
    consentDays: numberFlag(text('consent-days'), '--consent-days', { min: 1, max: 3650, whole: true }),
  };
}

/** A decimal number (whole when `whole`) from `min` (exclusive when `above`) to `max`, or undefined if not given. */
function numberFlag(
  value: string | undefined,
  name: string,
  range: { min: number; max: number; above?: boolean; whole?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const number = (range.whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) ? Number(value) : NaN;
  const inRange = (range.above ? number > range.min : number >= range.min) && number <= range.max;
  if (!inRange) {
    const kind = range.whole ? 'a whole number' : 'a number';
    const from = range.above ? `above ${range.min}` : `from ${range.min}`;
    throw new UsageError(`${name} must be ${kind} ${from} to ${range.max}, not "${value}".`);
  }
  return number;
}

/** An ISO 8601 date (midnight UTC) or date-time with a zone. */
function parseTime(value: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value);
  const time = iso ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) {
    throw new UsageError(
      `--clock-start must be an ISO date or date-time with a zone (2026-01-01T00:00:00Z), not "${value}".`,
    );
  }
  return time;
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
