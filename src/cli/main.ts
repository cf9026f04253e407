#!/usr/bin/env node
/**
 * `npx nrich-connect sandbox [--port 8787]`: the sandbox (API and widget) as a process, for integrators whose
 * tests or dev server run elsewhere (its clock, API rate limit, autosync and consent set by flags too). Prints the
 * base URL and client credentials, logs one line per call (method, path, status: never a query, header or body,
 * so never a code or token) and stops on Ctrl-C.
 *
 * `npx nrich-connect doctor`: checks the host's configuration from its environment (src/cli/doctor.ts).
 */
import { parseCommandLine, USAGE, UsageError } from './args.js';
import { requestLine } from './request-line.js';
import { startSandbox } from '../sandbox/index.js';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`nrich-connect: ${error.message}\n`);
    err(USAGE);
    return 2;
  }
  if (command.kind === 'help') {
    out(USAGE);
    return 0;
  }
  if (command.kind === 'doctor') return doctor(command.envFile);

  let sandbox;
  try {
    sandbox = await startSandbox({
      port: command.port,
      host: command.host,
      hostNames: command.hostNames,
      ...(command.clientId === undefined ? {} : { clientId: command.clientId }),
      ...(command.clientSecret === undefined ? {} : { clientSecret: command.clientSecret }),
      ...(command.quiet ? {} : { onRequest: (record) => out(requestLine(record)) }),
      ...(command.clock === undefined ? {} : { clock: command.clock }),
      // A whole burst: the sandbox's default (perSecond) is refused for a fractional limit such as 2.5.
      ...(command.rateLimit === undefined
        ? {}
        : { rateLimit: { ...command.rateLimit, burst: Math.max(1, Math.floor(command.rateLimit.perSecond)) } }),
      autosync: command.autosync,
      ...(command.consentDays === undefined ? {} : { consentDays: command.consentDays }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') err(`nrich-connect: port ${command.port} is in use; pass --port 0 for a free one.`);
    else if (code === 'EADDRNOTAVAIL') err(`nrich-connect: cannot bind ${command.host} on this machine.`);
    else err(`nrich-connect: the sandbox did not start: ${(error as Error).message}`);
    return 1;
  }

  out(`nrich sandbox (API and widget) on ${sandbox.url}`);
  out('');
  out(`  NRICH_API_URL=${sandbox.url}`);
  out(`  NRICH_CLIENT_ID=${sandbox.credentials.clientId}`);
  out(`  NRICH_CLIENT_SECRET=${sandbox.credentials.clientSecret}`);
  out('');
  if (command.clock)
    out(`Clock: ${command.clock.speed}× real time from ${new Date(command.clock.epoch).toISOString()}.`);
  if (command.rateLimit) {
    out(`Rate limit: ${command.rateLimit.perSecond} calls/s; beyond it ${command.rateLimit.status} with Retry-After.`);
  }
  out('Logging each call as: method path status duration. Ctrl-C stops it.');

  const running = sandbox;
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      // A second Ctrl-C while closing gives up on a graceful stop.
      process.once(signal, () => resolve(130));
      void running.close().then(
        () => {
          out('nrich sandbox stopped.');
          resolve(0);
        },
        (error: Error) => {
          err(`nrich-connect: closing failed: ${error.message}`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function doctor(envFile: string | undefined): Promise<number> {
  if (envFile !== undefined) {
    try {
      process.loadEnvFile(envFile);
    } catch (error) {
      err(`nrich-connect: cannot read ${envFile}: ${(error as Error).message}`);
      return 2;
    }
  }
  // Loaded here, so `sandbox` does not load the server kit.
  const { runDoctor } = await import('./doctor.js');
  const findings = await runDoctor(process.env);
  for (const finding of findings) out(`${finding.ok ? 'ok ' : 'FIX'} ${finding.text}`);
  const problems = findings.filter((finding) => !finding.ok).length;
  out(problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} to fix.`);
  return problems === 0 ? 0 : 1;
}

// Exit explicitly: stdout to a pipe or file is written synchronously on Linux, so nothing printed is lost.
process.exit(await main(process.argv.slice(2)));
