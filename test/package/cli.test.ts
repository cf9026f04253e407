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

test('usage errors exit 2 with the usage; --help exits 0', () => {
  for (const args of [[], ['serve'], ['sandbox', '--port', 'abc'], ['sandbox', '--colour'], ['sandbox', 'extra']]) {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^nrich-connect: .+\n[\s\S]*Usage: nrich-connect sandbox/);
  }
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: nrich-connect sandbox \[options\]/);
});
