// SSR: the built entries import in plain Node without a DOM (the element touches window/document only when
// connected), and React 19 server-renders the element and the wrapper.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

test('the built ESM entries import in plain Node without a DOM, and React renders them on the server', () => {
  const output = execFileSync(process.execPath, ['test/package/fixtures/ssr-import.mjs'], { encoding: 'utf8' });
  const seen = JSON.parse(output) as {
    before: Record<string, string>;
    after: Record<string, string>;
    entries: Record<string, string[]>;
    rendered: { native: string; wrapper: string };
  };
  assert.deepEqual(seen.before, { window: 'undefined', document: 'undefined' });
  // Importing defines no browser globals for the rest of the server.
  assert.deepEqual(seen.after, { window: 'undefined', document: 'undefined' });
  assert.ok(seen.entries['nrich-connect']!.includes('NrichConnect'));
  assert.ok(seen.entries['nrich-connect/server']!.includes('createWidgetLinkHandler'));
  assert.ok(seen.entries['nrich-connect/callback']!.includes('relayCallback'));
  assert.ok(seen.entries['nrich-connect/react']!.includes('NrichConnect'));
  assert.match(
    seen.rendered.native,
    /^<nrich-connect endpoint="\/api\/widget-link" iban-field="hidden"><\/nrich-connect>$/,
  );
  assert.match(seen.rendered.wrapper, /^<nrich-connect[^>]*><\/nrich-connect>$/);
});
