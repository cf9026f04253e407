// <nrich-connect> in Svelte templates: its attributes and `onsuccess`/`onabort`/`onerror` with typed `detail`,
// from the package's generated typings (nrich-connect/svelte).
import type { CustomElements } from 'nrich-connect/svelte';

declare global {
  namespace svelteHTML {
    interface IntrinsicElements extends CustomElements {}
  }
}

export {};
