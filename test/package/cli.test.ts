// `npx nrich-connect sandbox` (issue 15), as the package's bin runs it: a real process from dist/. It starts,
// prints the base URL and credentials, answers, logs one line per call without any code or token, and stops
// cleanly on SIGINT (exit 0, port released).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';

const bin = JSON.parse(readFileSync('package.json', 'utf8')).bin['nrich-connect'] as string;

function start(args: string[]): {
  child: ChildProcess;
  output: () => string;
  line: (pattern: RegExp) => Promise<string>;
} {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const line = async (pattern: RegExp): Promise<string> => {
    for (;;) {
      const found = output.split('\n').find((candidate) => pattern.test(candidate));
      if (found !== undefined) return found;
      if (child.exitCode !== null) throw new Error(`exited before printing ${pattern}:\n${output}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, output: () => output, line };
}

const DAY = 86_400_000;

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: string | null }> =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

test('starts, answers, logs method/path/status only, and stops cleanly on SIGINT', async () => {
  const cli = start(['sandbox', '--port', '0']);
  try {
    const url = (await cli.line(/^ {2}NRICH_API_URL=/)).split('=')[1]!;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await cli.line(/NRICH_CLIENT_ID=/), '  NRICH_CLIENT_ID=sandbox-client');
    assert.equal(await cli.line(/NRICH_CLIENT_SECRET=/), '  NRICH_CLIENT_SECRET=sandbox-secret');

    // A whole flow, so codes and tokens pass through the process.
    const basic = `Basic ${btoa('sandbox-client:sandbox-secret')}`;
    const json = { Authorization: basic, 'Content-Type': 'application/json' };
    const flow = await fetch(`${url}/onetime/access`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ redirect_uri: 'http://localhost/cb', state: 'state-1' }),
    });
    assert.equal(flow.status, 201);
    const { location } = (await flow.json()) as { location: string };
    assert.equal((await fetch(location)).status, 200);
    const token = new URL(location).searchParams.get('token')!;
    const done = await fetch(`${url}/widget/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, outcome: 'authorize' }),
    });
    const code = ((await done.json()) as { query: { code: string } }).query.code;
    const tokens = await fetch(`${url}/auth/token`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ grant_type: 'authorization_code', code }),
    });
    const { access_token: accessToken } = (await tokens.json()) as { access_token: string };
    const data = await fetch(`${url}/rest/transactions?count=5`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    assert.equal(data.status, 200);

    await cli.line(/^GET \/rest\/transactions 200 \d+ms$/);
    for (const expected of [
      /^POST \/onetime\/access 201 \d+ms$/m,
      /^GET \/widget 200 \d+ms$/m,
      /^POST \/widget\/complete 200 \d+ms$/m,
      /^POST \/auth\/token 200 \d+ms$/m,
    ]) {
      assert.match(cli.output(), expected);
    }
    for (const secret of [token, code, accessToken, 'state-1', 'count=5']) {
      assert.ok(!cli.output().includes(secret), `the log shows ${secret.slice(0, 12)}…`);
    }

    const exit = exited(cli.child);
    cli.child.kill('SIGINT');
    assert.deepEqual(await exit, { code: 0, signal: null });
    assert.match(cli.output(), /nrich sandbox stopped\.\n$/);
    await assert.rejects(fetch(url), 'the port is released');
  } finally {
    cli.child.kill('SIGKILL');
  }
});

test('--quiet logs no calls; custom credentials are printed and enforced', async () => {
  const cli = start(['sandbox', '--port', '0', '--quiet', '--client-id', 'my-app', '--client-secret', 's3cret']);
  try {
    const url = (await cli.line(/^ {2}NRICH_API_URL=/)).split('=')[1]!;
    assert.equal(await cli.line(/NRICH_CLIENT_ID=/), '  NRICH_CLIENT_ID=my-app');
    const refused = await fetch(`${url}/onetime/access`, {
      method: 'POST',
      headers: { Authorization: `Basic ${btoa('sandbox-client:sandbox-secret')}` },
    });
    assert.equal(refused.status, 401);
    const exit = exited(cli.child);
    cli.child.kill('SIGTERM');
    assert.equal((await exit).code, 0);
    assert.doesNotMatch(cli.output(), /onetime/);
  } finally {
    cli.child.kill('SIGKILL');
  }
});

test('a port in use: exit 1 with a plain message', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const result = spawnSync(process.execPath, [bin, 'sandbox', '--port', String(port)], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`port ${port} is in use; pass --port 0 for a free one`));
  } finally {
    blocker.close();
  }
});

/** The sandbox's controls take the client credentials (HTTP Basic), as every other control does. */
const control = { Authorization: `Basic ${btoa('sandbox-client:sandbox-secret')}`, 'Content-Type': 'application/json' };

test('--clock-speed and --clock-start: GET /_sandbox/clock reports the scaled clock, and its time only moves on', async () => {
  const clockStart = '2026-01-01T00:00:00Z';
  const cli = start(['sandbox', '--port', '0', '--quiet', '--clock-speed', '3600', '--clock-start', clockStart]);
  try {
    const url = (await cli.line(/^ {2}NRICH_API_URL=/)).split('=')[1]!;
    assert.equal(await cli.line(/^Clock:/), 'Clock: 3600× real time from 2026-01-01T00:00:00.000Z.');
    type Clock = { now: number; scaled: { epoch: number; speed: number } | undefined };
    const read = async (): Promise<Clock> => (await fetch(`${url}/_sandbox/clock`, { headers: control })).json();
    const first = await read();
    assert.deepEqual(
      { epoch: first.scaled?.epoch, speed: first.scaled?.speed },
      { epoch: Date.parse(clockStart), speed: 3600 },
    );
    assert.ok(first.now >= Date.parse(clockStart), 'the clock starts at --clock-start');
    let previous = first.now;
    for (let i = 0; i < 5; i++) {
      const { now } = await read();
      assert.ok(now >= previous, 'sim time never goes back');
      previous = now;
    }
  } finally {
    cli.child.kill('SIGKILL');
  }
});

test('--rate-limit 2: a burst of calls gets 429 with Retry-After (503 with --rate-limit-status 503)', async () => {
  for (const status of [429, 503]) {
    const extra = status === 503 ? ['--rate-limit-status', '503'] : [];
    const cli = start(['sandbox', '--port', '0', '--quiet', '--rate-limit', '2', ...extra]);
    try {
      const url = (await cli.line(/^ {2}NRICH_API_URL=/)).split('=')[1]!;
      const answers: Response[] = [];
      for (let i = 0; i < 8; i++) answers.push(await fetch(`${url}/rest/accounts`));
      const limited = answers.filter((answer) => answer.status === status);
      assert.ok(limited.length > 0, `a burst of 8 over 2 calls/s gets ${status}`);
      assert.ok(
        answers.some((answer) => answer.status === 401),
        'the calls within the limit reach the route',
      );
      for (const answer of limited) assert.match(answer.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      const { rateLimit } = (await (await fetch(`${url}/_sandbox/rate-limit`, { headers: control })).json()) as {
        rateLimit: { perSecond: number; status: number };
      };
      assert.deepEqual([rateLimit.perSecond, rateLimit.status], [2, status]);
    } finally {
      cli.child.kill('SIGKILL');
    }
  }
});

test('--consent-days, --autosync-per-day and --transactions-per-day shape ongoing connections', async () => {
  const args = ['--consent-days', '30', '--autosync-per-day', '2', '--transactions-per-day', '4'];
  const cli = start(['sandbox', '--port', '0', '--quiet', '--clock-start', '2026-01-01', ...args]);
  try {
    const url = (await cli.line(/^ {2}NRICH_API_URL=/)).split('=')[1]!;
    const populated = await fetch(`${url}/_sandbox/populate`, {
      method: 'POST',
      headers: control,
      body: JSON.stringify({ connections: 1, transactionCount: 0 }),
    });
    const [connection] = (
      (await populated.json()) as {
        connections: { connectionId: string; connectedAt: string; tokens: { consent_expires_at: string } }[];
      }
    ).connections;
    const connectedAt = Date.parse(connection!.connectedAt);
    assert.equal(
      Date.parse(connection!.tokens.consent_expires_at),
      connectedAt + 30 * DAY,
      'the consent lasts 30 days',
    );

    await fetch(`${url}/_sandbox/clock`, {
      method: 'POST',
      headers: control,
      body: JSON.stringify({ advance: 2 * DAY }),
    });
    const report = (await (
      await fetch(`${url}/_sandbox/connections/${connection!.connectionId}`, { headers: control })
    ).json()) as {
      transactions: { replaces?: string; history: { at: string }[] }[];
    };
    // Two syncs a day, two transactions each (4 a day): 4 syncs in 2 days, 12 hours apart.
    const arrivals = report.transactions
      .filter((tx) => tx.replaces === undefined)
      .map((tx) => Date.parse(tx.history[0]!.at))
      .filter((at) => at > connectedAt); // autosync's, not the seeded history
    assert.equal(arrivals.length, 8, 'four transactions a day for two days');
    const syncs = [...new Set(arrivals.map((at) => (at - connectedAt) / (DAY / 2)))].sort((a, b) => a - b);
    assert.deepEqual(syncs, [1, 2, 3, 4], 'two syncs a day');
  } finally {
    cli.child.kill('SIGKILL');
  }
});

test('usage errors exit 2 with the usage; --help exits 0', () => {
  const bad = [
    ['--clock-speed', '0'],
    ['--clock-speed', 'fast'],
    ['--clock-start', 'tomorrow'],
    ['--clock-start', '2026-01-01T00:00:00'],
    ['--rate-limit', '0'],
    ['--rate-limit', '2', '--rate-limit-status', '500'],
    ['--rate-limit-status', '503'],
    ['--autosync-per-day', '25'],
    ['--autosync-per-day', '1.5'],
    ['--transactions-per-day', '501'],
    ['--consent-days', '0'],
  ];
  for (const flags of bad) {
    const result = spawnSync(process.execPath, [bin, 'sandbox', ...flags], { encoding: 'utf8' });
    assert.equal(result.status, 2, flags.join(' '));
    assert.match(result.stderr, new RegExp(`^nrich-connect: ${flags.at(-2)} [\\s\\S]*Usage: nrich-connect sandbox`));
  }
  const doctor = spawnSync(process.execPath, [bin, 'doctor', '--clock-speed', '2'], { encoding: 'utf8' });
  assert.equal(doctor.status, 2);
  assert.match(doctor.stderr, /--clock-speed is an option of sandbox, not doctor/);
  for (const args of [[], ['serve'], ['sandbox', '--port', 'abc'], ['sandbox', '--colour'], ['sandbox', 'extra']]) {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^nrich-connect: .+\n[\s\S]*Usage: nrich-connect sandbox/);
  }
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: nrich-connect sandbox \[options\]/);
});
