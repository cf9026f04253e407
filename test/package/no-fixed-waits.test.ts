// Tests wait for something (an event, a request, a log line, a fake clock), never for a fixed time and then hope
// (issue 20): a sleep passes on an idle machine and lies on a loaded one. This scans test/ and the examples' tests
// for sleep-style waits and names each by file:line. A timer that is itself the subject (a timeout exercised, a
// host's back-off played by a worker, a bounded poll with a deadline) goes in ALLOWED with its reason.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOTS = ['test', ...readdirSync('demo/examples').map((example) => join('demo/examples', example, 'tests'))];
const SCANNED = /\.(?:ts|mts|mjs|js|html)$/;

/** What a fixed wait looks like. */
const WAITS: { name: string; pattern: RegExp }[] = [
  // new Promise((resolve) => setTimeout(resolve, 50)), window.setTimeout too: a promise that only waits.
  {
    name: 'bare promise setTimeout',
    pattern: /new Promise\S*\s*\(?(\w+)\)?\s*=>\s*(?:\w+\.)?setTimeout\(\s*\1\s*[,)]/,
  },
  { name: 'waitForTimeout', pattern: /\bwaitForTimeout\(/ },
  { name: 'sleep/delay call', pattern: /\b(?:sleep|delay|aTimeout)\(/ },
  { name: 'promise timers', pattern: /['"](?:node:)?timers\/promises['"]/ },
];

/** file → [the line's text, trimmed, must include this; why the timer is the subject]. */
const ALLOWED: Record<string, [string, string][]> = {
  'test/support/until.ts': [
    ["from 'node:timers/promises'", 'the node tests’ bounded poll: checks a condition often, fails at its deadline'],
  ],
  'test/helpers.ts': [
    ['win.setTimeout(resolve, 0)', 'nextTask: one task boundary after a positive signal, no amount of time'],
    ['setTimeout(resolve, 50)', 'waitFor: the browser tests’ bounded poll, fails at its deadline'],
  ],
  'test/sandbox/widget-poll.test.ts': [
    ['setTimeout(resolve, 0)', 'a task boundary inside the widget frame after a round trip into it'],
  ],
  'test/element/preload.test.ts': [
    [
      'setTimeout(resolve, 30)',
      'gateSays: a poll of the test server’s counts until they hold (the test’s timeout bounds it)',
    ],
  ],
  'test/security/pointer-stability.test.ts': [
    ['setTimeout(resolve, 200)', 'the subject: a press held as long as a person’s, while the pointer must stay put'],
  ],
  'test/security/frame-timeout.test.ts': [
    [
      'clicked + 3300',
      'the subject: the real guard deadline (3 s from the click) is passed, then the frame must be open',
    ],
  ],
  'test/webkit-driver.mjs': [
    ['setTimeout(resolve, 50)', 'a bounded poll for the driver’s port, with its deadline'],
    ['setTimeout(resolve, 100)', 'a bounded poll for the driver’s /status, with its deadline'],
  ],
  'test/examples/harness.ts': [
    ['setTimeout(resolve, 5000)', 'the grace a stopped app gets after SIGTERM before SIGKILL'],
  ],
  'test/server/support/fault-worker.ts': [
    ['const sleep =', 'the back-off below'],
    ['await sleep(50); // a host would back off too', 'the subject: a host’s back-off after a failed call'],
  ],
  'test/server/support/lock-worker.ts': [
    ['const sleep =', 'the start below'],
    ['await sleep(Math.max(0, message.at - Date.now()))', 'every process starts at one agreed instant (a barrier)'],
  ],
  'test/server/tokens/store-faults.test.ts': [
    ['const sleep =', 'the cap below'],
    ['const cap = sleep(15_000)', 'a cap: a stalled call still pending after 15 s is counted as such'],
  ],
};

function* files(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an example without tests
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SCANNED.test(entry.name)) yield path;
  }
}

function findWaits(): string[] {
  const found: string[] = [];
  for (const file of ROOTS.flatMap((root) => [...files(root)])) {
    if (file === 'test/package/no-fixed-waits.test.ts') continue; // its patterns name what they look for
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const wait = WAITS.find(({ pattern }) => pattern.test(line));
        if (!wait) return;
        if (ALLOWED[file]?.some(([text]) => line.includes(text))) return;
        found.push(`${file}:${index + 1}: ${wait.name}: ${line.trim()}`);
      });
  }
  return found;
}

test('no test waits a fixed time and hopes: every wait is for an event, a request, or a fake clock', () => {
  assert.deepEqual(findWaits(), []);
});

test('the scan finds what it looks for (each pattern, on a line written as the waits were)', () => {
  const samples = [
    'await new Promise((resolve) => setTimeout(resolve, 50));',
    'return new Promise((resolve) => win.setTimeout(resolve, 0));',
    'await page.waitForTimeout(100);',
    'await sleep(1_500);',
    "import { setTimeout as tick } from 'node:timers/promises';",
  ];
  for (const sample of samples)
    assert.ok(
      WAITS.some(({ pattern }) => pattern.test(sample)),
      sample,
    );
  assert.ok(!WAITS.some(({ pattern }) => pattern.test('const timer = setTimeout(() => reject(new Error()), 10_000);')));
});

test('every allowed entry still matches a line: the allow-list does not outlive its timer', () => {
  for (const [file, entries] of Object.entries(ALLOWED)) {
    const text = readFileSync(file, 'utf8');
    for (const [line, reason] of entries) assert.ok(text.includes(line), `${file}: "${line}" (${reason}) is gone`);
  }
});
