// dist/vscode.html-custom-data.json (custom-element-vs-code-integration, from the manifest): VS Code's HTML
// IntelliSense lists the element with every attribute of the manifest, and the enumerated values of `mode`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface CustomData {
  tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[];
}
interface Manifest {
  modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[];
}

const data = JSON.parse(readFileSync('dist/vscode.html-custom-data.json', 'utf8')) as CustomData;
const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8')) as Manifest;
const element = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.tagName === 'nrich-connect');

test('VS Code custom data: <nrich-connect> with every attribute of the manifest', () => {
  const tag = data.tags.find((t) => t.name === 'nrich-connect');
  assert.ok(tag, 'no nrich-connect tag');
  const attributes = tag.attributes.map((a) => a.name).sort();
  assert.ok(element?.attributes?.length, 'the manifest lists attributes');
  for (const name of ['endpoint', 'mode', 'redirect-uri', 'language', 'iban-field', 'preload'])
    assert.ok(attributes.includes(name), `${name} missing`);
  assert.deepEqual(attributes, element.attributes.map((a) => a.name).sort());
  const mode = tag.attributes.find((a) => a.name === 'mode');
  assert.deepEqual(mode?.values?.map((v) => v.name).sort(), ['inline', 'overlay', 'popup', 'redirect']);
});

test('package.json exports the generated typings and the editor data', () => {
  const { exports } = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> };
  assert.deepEqual(exports['./svelte'], { types: './dist/svelte.d.ts' });
  assert.deepEqual(exports['./solid'], { types: './dist/solid.d.ts' });
  assert.equal(exports['./vscode.html-custom-data.json'], './dist/vscode.html-custom-data.json');
});
