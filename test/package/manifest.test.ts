// dist/custom-elements.json (generated from the JSDoc) against the framework typings written by hand: every
// attribute, property and event the manifest lists is typed for React and Vue, and nothing else is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; fieldName?: string }[];
  members?: { kind: string; name: string; static?: boolean }[];
  events?: { name: string; type?: { text: string } }[];
}

const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8')) as {
  modules: { declarations?: Declaration[] }[];
};
const element = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((decl) => decl.customElement)!;
const elementApi = readFileSync('dist/frameworks/element-api.d.ts', 'utf8');
const quoted = (text: string) =>
  [...text.matchAll(/'([\w-]+)'\??:|\| '(\w+)'|<NrichConnect, '(\w+)'/g)].map((m) => m[1] ?? m[2] ?? m[3]);

test('the manifest describes <nrich-connect> and package.json points at it', () => {
  assert.equal(element.tagName, 'nrich-connect');
  assert.equal(JSON.parse(readFileSync('package.json', 'utf8')).customElements, 'dist/custom-elements.json');
});

test('every attribute of the manifest is typed in NrichConnectAttributes, and no other', () => {
  const block = /interface NrichConnectAttributes \{\n([\s\S]*?)\n\}/.exec(elementApi)![1]!;
  const typed = [...block.matchAll(/^\s+'?([\w-]+)'?\?:/gm)].map((m) => m[1]).sort();
  assert.deepEqual(typed, element.attributes!.map((a) => a.name).sort());
});

test('every public field of the manifest is typed in NrichConnectProperties', () => {
  const block = elementApi.slice(elementApi.indexOf('type NrichConnectObjectProperties'));
  const typed = new Set(quoted(block));
  const fields = element.members!.filter((m) => m.kind === 'field' && !m.static).map((m) => m.name);
  assert.deepEqual(
    fields.filter((name) => !typed.has(name)),
    [],
  );
});

test('the events of the manifest are the typed event map', () => {
  const events = readFileSync('dist/events.d.ts', 'utf8');
  const map = events.slice(events.indexOf('interface NrichConnectEventMap'));
  const typed = [...map.matchAll(/^\s+(\w+): (\w+);/gm)].map((m) => `${m[1]}:${m[2]}`).sort();
  assert.deepEqual(typed, element.events!.map((e) => `${e.name}:${e.type?.text}`).sort());
});
