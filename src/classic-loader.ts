/**
 * dist/cdn/nrich-connect.classic.js: for pages that can only paste a classic `<script src>` (a CMS, a tag
 * manager). A classic script cannot hold `import` statements, so this one loads the module build beside it
 * (nrich-connect.js) from its own URL with `import()`, which classic scripts may call. It also works as
 * `type="module"`. When loading fails it says why in the console, and what fixes it.
 */
const MODULE_FILE = 'nrich-connect.js';

// Classic scripts have document.currentScript while they run; a module (or a script in a shadow root) has
// none, and there import() resolves a relative URL against this file's own URL anyway.
const script = document.currentScript as HTMLScriptElement | null;
const moduleUrl = script?.src ? new URL(MODULE_FILE, script.src).href : `./${MODULE_FILE}`;

// The console is how a script tag talks to the page's developer: these two lines are the loader's only output.
if (!('customElements' in window)) {
  // eslint-disable-next-line no-console
  console.error('nrich-connect: this browser has no custom elements; <nrich-connect> needs a current browser.');
} else {
  import(/* @vite-ignore */ moduleUrl).catch((error: unknown) => {
    // eslint-disable-next-line no-console
    console.error(
      `nrich-connect: could not load ${moduleUrl} (${String(error)}). Serve the whole dist/cdn/ folder beside ` +
        'nrich-connect.classic.js; from another origin the server must send Access-Control-Allow-Origin (jsDelivr ' +
        'and unpkg do), and a Content-Security-Policy must allow that origin in script-src.',
    );
  });
}

export {}; // a module to TypeScript; esbuild bundles it as a classic script (IIFE)
