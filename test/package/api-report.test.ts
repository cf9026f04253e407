// The API reports (api/*.api.md, `npm run api` in npm test) fail on a changed export: here against a copy of the
// committed testing report that lacks one export, as the report was before a change that added it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

function check(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['scripts/api-report.mjs', '--only', 'testing', ...args], {
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('the committed report of nrich-connect/testing matches its built declarations', () => {
  const { status, output } = check();
  assert.equal(status, 0, output);
  assert.match(output, /API reports up to date \(1 entries/);
});

test('an export the report does not have fails the check, shows the difference and how to update', () => {
  const reports = mkdtempSync(join(tmpdir(), 'nrich-api-reports-'));
  try {
    const committed = readFileSync('api/testing.api.md', 'utf8');
    const without = committed.replace(/\/\/ @public[^\n]*\nexport function completeFlowRequest\([^\n]*\n\n/, '');
    assert.notEqual(without, committed, 'the copy lacks completeFlowRequest');
    writeFileSync(join(reports, 'testing.api.md'), without);
    const { status, output } = check('--reports', reports);
    assert.equal(status, 1, output);
    assert.match(output, /nrich-connect\/testing: its public API differs/);
    assert.match(output, /^\+export function completeFlowRequest\(/m);
    assert.match(output, /npm run api:update/);
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});
