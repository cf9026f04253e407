// The source maps the package ships resolve where it is installed: src/ is not in the tarball, so every map must
// carry each source's text (`sourcesContent`), the text of the source it was built from; and every
// `sourceMappingURL` names a map that is in the tarball. (Before: 112 maps pointed at ../src/*.ts with no content.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [packed] = JSON.parse(
  execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
) as { files: { path: string }[] }[];
const shipped = new Set(packed!.files.map((file) => file.path));
const maps = [...shipped].filter((file) => file.endsWith('.map'));

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
}

/** Where a map's source would be, or has none of its own: the sources of the bundled dependencies. */
function problems(mapFile: string, map = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMap): string[] {
  return map.sources.flatMap((source, index) => {
    const content = map.sourcesContent?.[index];
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(mapFile), source));
    if (typeof content !== 'string') {
      return shipped.has(resolved) ? [] : [`${mapFile}: ${source} is neither shipped nor embedded`];
    }
    // tsc's maps embed our sources as they are (a stale copy would mislead a debugger). The CDN bundles embed
    // what esbuild read, which for the element's CSS is the CDN build's minified text: the map's positions are in it.
    if (
      !mapFile.startsWith('dist/cdn/') &&
      resolved.startsWith('src/') &&
      existsSync(resolved) &&
      readFileSync(resolved, 'utf8') !== content
    ) {
      return [`${mapFile}: the embedded ${source} is not src's text`];
    }
    return [];
  });
}

test('the tarball ships source maps, each of whose sources is embedded (or shipped)', () => {
  assert.ok(maps.length > 50, `only ${maps.length} maps`);
  assert.deepEqual(
    maps.flatMap((file) => problems(file)),
    [],
  );
});

test("every shipped script's sourceMappingURL names a shipped map", () => {
  const missing = [...shipped]
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
      if (!url || url.startsWith('data:')) return [];
      const target = path.posix.join(path.posix.dirname(file), url);
      return shipped.has(target) ? [] : [`${file} → ${target}`];
    });
  assert.deepEqual(missing, []);
});

test('the check sees a map without its sources, or with a changed copy (so the tests above can fail)', () => {
  const file = 'dist/index.js.map';
  const map = JSON.parse(readFileSync(file, 'utf8')) as SourceMap;
  assert.deepEqual(problems(file, { sources: map.sources }), [
    `${file}: ../src/index.ts is neither shipped nor embedded`,
  ]);
  assert.deepEqual(problems(file, { sources: map.sources, sourcesContent: ['// changed'] }), [
    `${file}: the embedded ../src/index.ts is not src's text`,
  ]);
});
