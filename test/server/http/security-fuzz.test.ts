/**
 * Fuzzing the link-request validator (issue 14): whatever a page posts, `validateWidgetLinkRequest` never
 * throws, and only a redirect_uri on the host's list ever passes, exactly as listed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type WidgetLinkRules } from '../../../src/server/http/widget-link-request.js';
import { validateWidgetLinkRequest } from '../../../src/server/http/widget-link-request.js';

const ALLOWED = ['https://shop.example/connect/done', 'http://localhost:5173/callback'];
const rules: WidgetLinkRules = { redirectUris: ALLOWED, accountTypes: ['checking'], allowMultiSelection: false };
const RUNS = 10_000;

/** Near misses of an allowed URI: the tricks open redirects are made of. */
const nearMiss = fc
  .tuple(
    fc.constantFrom(...ALLOWED),
    fc.constantFrom(
      (u: string) => u.toUpperCase(),
      (u: string) => `${u}/`,
      (u: string) => `${u}?x=1`,
      (u: string) => `${u}#frag`,
      (u: string) => `${u}/../evil`,
      (u: string) => u.replace('//', '//evil.example@'),
      (u: string) => u.replace('https:', 'javascript:'),
      (u: string) => u.replace('.example', '.example.evil.example'),
      (u: string) => ` ${u}`,
      (u: string) => `${u}\u0000`,
      (u: string) => encodeURI(u),
      (u: string) => u.replace('/', '\\'),
      (u: string) => u,
    ),
    fc.string({ maxLength: 3 }),
  )
  .map(([uri, trick, noise]) => trick(uri) + noise);

const field = fc.oneof(fc.anything(), nearMiss, fc.constantFrom(...ALLOWED), fc.webUrl());
const body = fc.oneof(
  fc.anything(),
  // Otherwise valid bodies, so the redirect_uri alone decides.
  fc.record(
    { redirect_uri: field, state: fc.stringMatching(/^[A-Za-z0-9._~-]{0,20}$/) },
    { requiredKeys: ['redirect_uri'] },
  ),
  fc.record(
    {
      redirect_uri: field,
      state: fc.oneof(fc.string(), fc.anything()),
      language: fc.oneof(fc.constantFrom('de', 'en', 'xx'), fc.anything()),
      sync_period: fc.oneof(fc.integer(), fc.double(), fc.anything()),
      accounts: fc.oneof(fc.array(fc.record({ id: fc.oneof(fc.string(), fc.anything()) })), fc.anything()),
      account_types: fc.anything(),
      allow_multi_selection: fc.anything(),
      __proto__: fc.anything(),
      constructor: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

test(`the link-request validator: ${RUNS} bodies, no throw, only listed redirect_uris pass`, () => {
  let passed = 0;
  fc.assert(
    fc.property(body, (input) => {
      const result = validateWidgetLinkRequest(input, rules);
      if (!result.ok) {
        assert.equal(typeof result.error, 'string');
        return;
      }
      passed += 1;
      assert.ok(ALLOWED.includes(result.request.redirect_uri), result.request.redirect_uri);
      assert.equal((input as { redirect_uri: unknown }).redirect_uri, result.request.redirect_uri);
    }),
    { numRuns: RUNS },
  );
  assert.ok(passed > 0, 'some bodies were valid: the property was not vacuous');
});

test(`the same with a function policy: ${RUNS} bodies, it alone decides`, () => {
  const functionRules: WidgetLinkRules = { redirectUris: (uri) => uri === ALLOWED[0] };
  fc.assert(
    fc.property(body, (input) => {
      const result = validateWidgetLinkRequest(input, functionRules);
      if (result.ok) assert.equal(result.request.redirect_uri, ALLOWED[0]);
    }),
    { numRuns: RUNS },
  );
});
