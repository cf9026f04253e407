/**
 * One error family: whatever a host passes to the kit's public constructors and calls, what is thrown is an
 * `NrichError` with a code from docs/errors.md, never a plain `Error`/`TypeError` (fast-check feeds them arbitrary
 * values and option objects with arbitrary fields). And docs/errors.md lists exactly the codes the code has.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import {
  createConnectHandlers,
  createEmbeddedStore,
  createNrichClient,
  createPostgresStore,
  createSessions,
  createWidgetLinkHandler,
  exchangeAndFetch,
  fetchOneTimeData,
  getValidAccessToken,
  MemoryTokenStore,
  NrichError,
  refreshTokens,
  toNodeHandler,
} from '../../src/server/index.js';
import { createTokenCipher } from '../../src/server/store.js';
import { CLIENT_ERROR_CODES } from '../../src/server/client/api-error.js';
import { CONFIG_ERROR_CODE } from '../../src/server/errors.js';
import { RETRYABLE_STORE_ERROR_CODES, STORE_ERROR_CODES } from '../../src/server/tokens/store-error.js';
import { ReauthorizationRequiredError } from '../../src/server/tokens/reauthorization.js';
import {
  AccountError,
  AutosyncError,
  ClockError,
  PopulateError,
  RateLimitError,
  ScriptError,
} from '../../src/sandbox/index.js';
import { SyncCursorError } from '../../src/server/client/sync-transactions.js';

/** The table of docs/errors.md: class, code and retryable of each row. */
function documentedCodes(): { error: string; code: string; retryable: string }[] {
  const rows = readFileSync('docs/errors.md', 'utf8')
    .split('\n')
    .filter((line) => /^\|\s*`\w+`\s*\|/.test(line));
  return rows.map((line) => {
    const [error, code, retryable] = line
      .split('|')
      .slice(1, 4)
      .map((cell) => cell.trim().replace(/`/g, ''));
    return { error: error!, code: code!, retryable: retryable! };
  });
}

/** Every (class, code, retryable) the code defines. */
function codesInCode(): { error: string; code: string; retryable: string }[] {
  const apiRetryable = new Set(['network', 'timeout']);
  return [
    { error: 'NrichConfigError', code: CONFIG_ERROR_CODE, retryable: 'no' },
    ...Object.keys(CLIENT_ERROR_CODES).map((code) => ({
      error: 'NrichApiError',
      code,
      retryable: code === 'http_error' ? 'by status' : apiRetryable.has(code) ? 'yes' : 'no',
    })),
    ...Object.keys(STORE_ERROR_CODES).map((code) => ({
      error: 'TokenStoreError',
      code,
      retryable: RETRYABLE_STORE_ERROR_CODES.has(code as never) ? 'yes' : 'no',
    })),
    {
      error: 'ReauthorizationRequiredError',
      code: new ReauthorizationRequiredError('k', 'expired').code,
      retryable: 'no',
    },
    { error: 'ScriptError', code: new ScriptError('x').code, retryable: 'no' },
    { error: 'AccountError', code: new AccountError('x').code, retryable: 'no' },
    { error: 'SyncCursorError', code: new SyncCursorError('x').code, retryable: 'no' },
    { error: 'ClockError', code: new ClockError('x').code, retryable: 'no' },
    { error: 'RateLimitError', code: new RateLimitError('x').code, retryable: 'no' },
    { error: 'PopulateError', code: new PopulateError('x').code, retryable: 'no' },
    { error: 'AutosyncError', code: new AutosyncError('x').code, retryable: 'no' },
  ];
}

const documented = new Set(documentedCodes().map((row) => row.code));

/** What a host's bad input may produce: nothing thrown, or an NrichError with a documented code. */
async function typedOrNothing(run: () => unknown): Promise<void> {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    assert.ok(
      error instanceof NrichError,
      `not an NrichError: ${String(error)} (${(error as Error)?.constructor?.name})`,
    );
    // An API error passes the API's own code on; every code the kit makes itself is in the table.
    if (!(error.name === 'NrichApiError' && (error as { status?: number }).status !== 0)) {
      assert.ok(documented.has(error.code), `code ${error.code} is not in docs/errors.md`);
    }
    return;
  }
  await (value as { close?: () => Promise<void> } | undefined)?.close?.().catch(() => {});
}

/** Option objects whose fields are anything at all, beside values that are not objects. */
const options = (fields: readonly string[]) =>
  fc.oneof(
    fc.anything(),
    fc.record(Object.fromEntries(fields.map((name) => [name, fc.anything()])), { requiredKeys: [] }),
  );

const client = createNrichClient({
  clientId: 'id',
  clientSecret: 'secret',
  baseUrl: 'http://127.0.0.1:9',
  retry: false,
});

describe('no plain Error escapes the kit', () => {
  test('createNrichClient', async () => {
    await fc.assert(
      fc.asyncProperty(options(['clientId', 'clientSecret', 'baseUrl', 'timeoutMs', 'retry', 'fetch', 'env']), (o) =>
        typedOrNothing(() => createNrichClient(o as never)),
      ),
    );
  });

  test('createWidgetLinkHandler and createConnectHandlers', async () => {
    const fields = ['redirectUris', 'flow', 'hostFields', 'allowedOrigins', 'maxBodyBytes', 'onLink', 'languages'];
    await fc.assert(
      fc.asyncProperty(options(fields), fc.boolean(), (o, withParts) => {
        const parts = withParts ? { client, store: new MemoryTokenStore(), sessionKey: () => 's' } : {};
        return Promise.all([
          typedOrNothing(() =>
            createWidgetLinkHandler({ ...(o as object), ...(withParts ? { client } : {}) } as never),
          ),
          typedOrNothing(() => createConnectHandlers({ ...(o as object), ...parts } as never)),
        ]).then(() => {});
      }),
    );
  });

  test('createSessions, createTokenCipher, toNodeHandler', async () => {
    await fc.assert(
      fc.asyncProperty(options(['secret', 'secure', 'keys', 'env', 'allowInsecurePlaintext']), async (o) => {
        await typedOrNothing(() => createSessions(o as never));
        await typedOrNothing(() => createTokenCipher(o as never));
        await typedOrNothing(() => toNodeHandler(o as never));
      }),
    );
  });

  test('getValidAccessToken and refreshTokens', async () => {
    await fc.assert(
      fc.asyncProperty(options(['store', 'key', 'client', 'now', 'skewMs']), async (o) => {
        await typedOrNothing(() => getValidAccessToken(o as never));
        await typedOrNothing(() => refreshTokens(o as never));
      }),
      { numRuns: 50 },
    );
  });

  test("the client's calls and the one-time fetch, with arguments of any shape (nothing reaches an API)", async () => {
    const offline = createNrichClient({
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl: 'http://127.0.0.1:9',
      retry: false,
    });
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (a, b) => {
        await typedOrNothing(() => offline.listAccounts(a as never));
        await typedOrNothing(() => offline.listTransactions('token', a as never));
        await typedOrNothing(() => offline.listAccountTransactions('token', a as never, b as never));
        await typedOrNothing(() => offline.collectTransactions('token', a as never));
        await typedOrNothing(() => offline.exchangeCode(a as never));
        await typedOrNothing(() => offline.refreshToken(a as never));
        await typedOrNothing(() => offline.createFlow(a as never, b as never));
        await typedOrNothing(() => fetchOneTimeData(offline, a as never));
        await typedOrNothing(() => exchangeAndFetch(offline, a as never));
      }),
      // The first: a token object without toString once escaped as a plain TypeError from the Bearer header.
      { numRuns: 30, examples: [[{ toString: undefined }, []]] },
    );
  });

  test('createPostgresStore and createEmbeddedStore (no database is reached: the options are refused first)', async () => {
    const fields = ['keys', 'env', 'leaseMs', 'lockTimeoutMs', 'connectTimeoutMs', 'queryTimeoutMs', 'writeDeadlineMs'];
    await fc.assert(
      fc.asyncProperty(options(fields), async (o) => {
        // Without a connection string, directory or pool the stores never open one.
        const given = typeof o === 'object' && o !== null ? o : {};
        await typedOrNothing(() => createPostgresStore({ ...given, env: {} } as never));
        await typedOrNothing(() => createEmbeddedStore({ ...given, directory: 42, env: {} } as never));
      }),
      { numRuns: 50 },
    );
  });
});

describe('docs/errors.md', () => {
  test('lists exactly the codes the kit has, each with its class and whether it is retryable', () => {
    const key = (row: { error: string; code: string; retryable: string }) =>
      `${row.error} ${row.code} ${row.retryable}`;
    assert.deepEqual(documentedCodes().map(key).sort(), codesInCode().map(key).sort());
  });
});
