/**
 * `nrich-connect/vue`: template typings for `<nrich-connect>` in Vue 3 (checked by vue-tsc / Vue - Official):
 * properties (`iban-field="hidden"` or `:ibanField`), and `@success="(event) => event.detail.code"` with the element's typed events.
 * Import it once for its types (`import type {} from 'nrich-connect/vue'`) next to `import 'nrich-connect/define'`,
 * and tell Vue's compiler the tag is a custom element (vite.config.ts):
 *
 *   vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'nrich-connect' } } })
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { NrichConnect } from '../element/nrich-connect.component.js';
import type { NrichConnectEventMap, NrichConnectProperties } from './element-api.js';

type VueEvents = { [K in keyof NrichConnectEventMap]: (event: NrichConnectEventMap[K]) => void };

/**
 * How Vue's docs type a custom element that Vue did not build: a constructor whose instance carries `$props`
 * and `$emit` for the template checker only. Vue's `HTMLAttributes` types `onError`/`onAbort` as media/resource
 * events with a plain `Event`; they are left out so `@error`/`@abort` get the element's typed events instead.
 */
export type NrichConnectVueComponent = new () => NrichConnect & {
  /** @deprecated Template typing only; not a property of the element. */
  $props: Omit<HTMLAttributes, 'onError' | 'onAbort'> & NrichConnectProperties & PublicProps;
  /** @deprecated Template typing only; not a method of the element. */
  $emit: EmitFn<VueEvents>;
};

declare module 'vue' {
  interface GlobalComponents {
    'nrich-connect': NrichConnectVueComponent;
  }
}
