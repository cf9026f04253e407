/**
 * The store only stores: no method of the `TokenStore` contract takes a function, so no store can be handed code
 * to run (the refresh's API call stays in tokens/refresh.ts, between `hold` and `write`), and no file under
 * tokens/stores/ imports the API client or the routes. Read by the TypeScript compiler, not by a regex.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import ts from 'typescript';

const CONTRACT = 'src/server/tokens/token-store.ts';
const STORES = 'src/server/tokens/stores';

test('no TokenStore method takes a callback', () => {
  const program = ts.createProgram([CONTRACT], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(CONTRACT)!;
  const contract = source.statements.find(
    (node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === 'TokenStore',
  );
  assert.ok(contract, 'TokenStore is declared in token-store.ts');
  const takesFunction: string[] = [];
  for (const member of contract.members) {
    if (!ts.isMethodSignature(member)) continue;
    for (const parameter of member.parameters) {
      const type = checker.getTypeAtLocation(parameter);
      if (type.getCallSignatures().length > 0)
        takesFunction.push(`${member.name.getText(source)}(${parameter.name.getText(source)})`);
    }
  }
  assert.ok(contract.members.length > 5, 'the contract was read');
  assert.deepEqual(takesFunction, []);
});

test('the stores import neither the API client nor the routes', () => {
  for (const file of readdirSync(STORES).filter((name) => name.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, ts.sys.readFile(`${STORES}/${file}`)!, ts.ScriptTarget.Latest);
    const specifiers = source.statements
      .filter((node) => ts.isImportDeclaration(node) || ts.isExportDeclaration(node))
      .map((node) => ((node as ts.ImportDeclaration).moduleSpecifier as ts.StringLiteral | undefined)?.text ?? '');
    for (const specifier of specifiers) {
      assert.doesNotMatch(specifier, /\/(client|http)\//, `${file} imports ${specifier}`);
    }
  }
});
