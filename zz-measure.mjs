// gz of the element's initial own code with given modules stubbed out (to see what each costs)
import * as esbuild from 'esbuild';
import { gzipSync } from 'node:zlib';
const stub = process.argv.slice(2);
const r = await esbuild.build({
  entryPoints: ['dist/nrich-connect.js'], bundle: true, minify: true, format: 'esm', write: false, splitting: true, outdir: 'out',
  external: ['lit', 'lit/*', 'ibantools'], target: 'es2022', metafile: true,
  plugins: [{ name: 'stub', setup(b) { b.onLoad({ filter: /.*/ }, (a) => stub.some((s) => a.path.endsWith(s)) ? { contents: 'export const randomState=0,openPopupWindow=0,LocalizeController=class{},loadFirstUse=0,styles=0,de=0,en=0,OpenEvent=0,SuccessEvent=0,AbortEvent=0,ConnectErrorEvent=0,isLanguage=0,defaultLanguage=0;', loader: 'js' } : undefined); } }],
});
const entry = r.outputFiles.find((f) => f.path.endsWith('out/nrich-connect.js'));
const imports = r.metafile.outputs['out/nrich-connect.js'].imports.filter(i=>i.kind==='import-statement').map(i=>i.path);
let total = gzipSync(entry.contents, { level: 9 }).length;
for (const f of r.outputFiles) if (imports.some(p => f.path.endsWith(p))) total += gzipSync(f.contents, {level:9}).length;
console.log(stub.join(',') || 'none', total);
