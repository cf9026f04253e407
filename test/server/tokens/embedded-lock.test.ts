// The embedded store's directory lock, raced for real: 8 processes open one directory at the same instant, 15
// rounds (exactly one holder each round, every round's row intact afterwards: nothing corrupted), and two
// processes in two PID namespaces (two containers on one volume, node PID 1 in both): the second is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbeddedStore } from '../../../src/server/index.js';
import { TEST_KEY_A } from '../support/test-stores.js';
import { until } from '../../support/until.js';

const WORKER = fileURLToPath(new URL('../support/lock-worker.ts', import.meta.url));
const PROCESSES = 8;
const ROUNDS = 15;

describe('eight processes racing for one directory', () => {
  let directory: string;
  const children: ChildProcess[] = [];
  const inboxes: { type: string; outcome?: string }[][] = [];
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'nrich-lock-'));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  });

  /** The next message of `type` from worker `i`. */
  async function next(i: number, type: string): Promise<{ type: string; outcome?: string }> {
    await until(() => inboxes[i]!.some((message) => message.type === type), `worker ${i}: ${type}`, 30_000);
    return inboxes[i]!.splice(
      inboxes[i]!.findIndex((message) => message.type === type),
      1,
    )[0]!;
  }

  test(`${PROCESSES} processes × ${ROUNDS} rounds: exactly one holder each round, and no round's data lost`, async () => {
    for (let i = 0; i < PROCESSES; i++) {
      const child = fork(WORKER, [directory, TEST_KEY_A], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
      inboxes.push([]);
      child.on('message', (message: { type: string }) => inboxes[i]!.push(message));
      children.push(child);
    }
    await Promise.all(children.map((_, i) => next(i, 'ready')));
    const holdersPerRound: number[] = [];
    const otherOutcomes = new Set<string>();
    for (let round = 1; round <= ROUNDS; round++) {
      const at = Date.now() + 100; // every process tries at this instant
      for (const child of children) child.send({ type: 'open', round, at });
      const outcomes = await Promise.all(children.map(async (_, i) => (await next(i, 'result')).outcome!));
      const holders = outcomes.flatMap((outcome, i) => (outcome === 'opened' ? [i] : []));
      holdersPerRound.push(holders.length);
      for (const outcome of outcomes) if (outcome !== 'opened') otherOutcomes.add(outcome);
      for (const i of holders) children[i]!.send({ type: 'close' });
      await Promise.all(holders.map((i) => next(i, 'closed')));
    }
    assert.deepEqual(holdersPerRound, Array(ROUNDS).fill(1), 'one holder per round');
    assert.deepEqual([...otherOutcomes], ['store_in_use'], 'the others were refused, typed');

    const store = await createEmbeddedStore({ directory, keys: TEST_KEY_A, env: {}, lockWaitMs: 0 });
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        assert.equal((await store.get(`round-${round}`))?.tokens.accessToken, 'a', `round ${round}'s row`);
      }
    } finally {
      await store.close();
    }
  });
});

describe('two PID namespaces on one directory', () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'nrich-lock-ns-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  /** node as PID 1 of a new PID namespace (what a container gives it), holding the store until stdin ends. */
  function inNamespace(): { child: ChildProcess; outcome: Promise<string> } {
    const child = spawn(
      'unshare',
      ['--pid', '--fork', '--mount-proc', process.execPath, '--import', 'tsx', WORKER, directory, TEST_KEY_A],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let output = '';
    const outcome = new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.trim());
      });
      child.once('exit', (code) => reject(new Error(`ended (${code}) before answering: ${output}`)));
    });
    return { child, outcome };
  }

  test('node is PID 1 in both: the second is refused with store_in_use, and opens once the first has closed', async () => {
    const first = inNamespace();
    assert.equal(await first.outcome, 'opened');
    const second = inNamespace();
    assert.equal(await second.outcome, 'store_in_use');
    second.child.stdin!.end();
    first.child.stdin!.end();
    await new Promise((resolve) => first.child.once('exit', resolve));
    const third = inNamespace();
    assert.equal(await third.outcome, 'opened');
    third.child.stdin!.end();
    await new Promise((resolve) => third.child.once('exit', resolve));
  });
});
