// dist/custom-elements.json (generated from the JSDoc) against the framework typings written by hand: every
// attribute, property and event the manifest lists is typed for React and Vue, and the typings name nothing else.
// The typed names come from the TypeScript compiler (the members of the published types), not from their text, so
// a word in a comment never counts as typed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';

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

const typings = ['dist/frameworks/element-api.d.ts', 'dist/events.d.ts'];
const program = ts.createProgram(typings, { strict: true, skipLibCheck: true, noEmit: true });
const checker = program.getTypeChecker();

/** The property names of a type exported by a published .d.ts file, with the type each is declared with. */
function typeMembers(file: string, name: string): Map<string, string> {
  const source = program.getSourceFile(file)!;
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === name);
  assert.ok(symbol, `${file} exports no ${name}`);
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return new Map(
    checker.getPropertiesOfType(type).map((property) => {
      const declaration = property.declarations?.[0];
      const typeNode = declaration && ts.isPropertySignature(declaration) ? declaration.type : undefined;
      return [property.name, typeNode?.getText() ?? ''];
    }),
  );
}

const sorted = (names: Iterable<string>) => [...names].sort();

test('the manifest describes <nrich-connect> and package.json points at it', () => {
  assert.equal(element.tagName, 'nrich-connect');
  assert.equal(JSON.parse(readFileSync('package.json', 'utf8')).customElements, 'dist/custom-elements.json');
});

test('the attributes of the manifest are exactly those typed in NrichConnectAttributes', () => {
  const typed = typeMembers('dist/frameworks/element-api.d.ts', 'NrichConnectAttributes');
  assert.deepEqual(sorted(typed.keys()), sorted(element.attributes!.map((a) => a.name)));
});

test('the public fields of the manifest are exactly those typed in NrichConnectProperties', () => {
  const typed = typeMembers('dist/frameworks/element-api.d.ts', 'NrichConnectProperties');
  const fields = element.members!.filter((m) => m.kind === 'field' && !m.static).map((m) => m.name);
  assert.deepEqual(sorted(typed.keys()), sorted(fields));
});

test('the events of the manifest are exactly the typed event map, each with its class', () => {
  const typed = typeMembers('dist/events.d.ts', 'NrichConnectEventMap');
  assert.deepEqual(
    sorted([...typed].map(([name, type]) => `${name}:${type}`)),
    sorted(element.events!.map((e) => `${e.name}:${e.type?.text}`)),
  );
});
