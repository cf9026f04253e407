// `nrich-connect/solid` in a JSX app: attributes typed from the element, events with their typed `detail`.
import type { CustomElements } from 'nrich-connect/solid';

declare global {
  // What a JSX framework provides (Solid's JSX namespace has these three), extended as the integration's docs say.
  // eslint-disable-next-line @typescript-eslint/no-namespace -- JSX frameworks declare a namespace; so does this.
  namespace JSX {
    type Element = Node | string | null;
    interface CSSProperties {
      [property: string]: string | number | undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the integration's documented use
    interface IntrinsicElements extends CustomElements {}
  }
}

export const typed = (
  <nrich-connect
    endpoint="/api/widget-link"
    mode="popup"
    popup-width={480}
    onsuccess={(e) => e.detail.code.toUpperCase() + e.detail.state + e.detail.flow_id}
    onabort={(e) => e.detail.reason satisfies 'widget' | 'dismissed' | 'host' | 'popup-closed'}
    onerror={(e) => e.detail.message}
  />
);

// @ts-expect-error `mode` is one of overlay, popup, inline, redirect
export const badMode = <nrich-connect mode="sideways" />;

// @ts-expect-error the success detail has no `token`
export const noToken = <nrich-connect onsuccess={(e) => e.detail.token} />;

// @ts-expect-error `popup-width` is a number
export const badWidth = <nrich-connect popup-width={{ px: 480 }} />;
