/**
 * The element's template-facing API in framework-neutral types, for the framework typings beside this file:
 * its attributes (kebab-case, what HTML and server rendering write), its object-valued properties, and its events.
 * Value types come from the class itself, so they cannot drift; test/package checks the names against the manifest.
 */
import type { NrichConnect } from '../element/nrich-connect.component.js';
import type { NrichConnectEventMap } from '../events.js';

/** Attributes, as written in markup. Numbers are accepted for the numeric ones. */
export interface NrichConnectAttributes {
  endpoint?: NrichConnect['endpoint'];
  'redirect-uri'?: NrichConnect['redirectUri'];
  language?: NrichConnect['language'];
  'sync-period'?: NrichConnect['syncPeriod'] | `${number}`;
  iban?: NrichConnect['iban'];
  'iban-field'?: NrichConnect['ibanField'];
  'flow-key'?: NrichConnect['flowKey'];
  state?: NrichConnect['state'];
  mode?: NrichConnect['mode'];
  'popup-width'?: NrichConnect['popupWidth'] | `${number}`;
  'popup-height'?: NrichConnect['popupHeight'] | `${number}`;
  'popup-fallback'?: NrichConnect['popupFallback'];
  'popup-closed-timeout'?: NrichConnect['popupClosedTimeout'] | `${number}`;
  timeout?: NrichConnect['timeout'] | `${number}`;
  'frame-timeout'?: NrichConnect['frameTimeout'] | `${number}`;
  disabled?: NrichConnect['disabled'];
  preload?: NrichConnect['preload'] | boolean;
  'preload-max-age'?: NrichConnect['preloadMaxAge'] | `${number}`;
}

/** Properties without an attribute: set as JS properties (React 19 and Vue do so for names the element has). */
export type NrichConnectObjectProperties = Partial<
  Pick<NrichConnect, 'accounts' | 'createLink' | 'fetchOptions' | 'strings'>
>;

/** Every public property, camelCase (Vue's template checker matches `iban-field` to `ibanField`). */
export type NrichConnectProperties = NrichConnectObjectProperties &
  Partial<
    Pick<
      NrichConnect,
      | 'endpoint'
      | 'redirectUri'
      | 'language'
      | 'syncPeriod'
      | 'iban'
      | 'ibanField'
      | 'flowKey'
      | 'state'
      | 'mode'
      | 'popupWidth'
      | 'popupHeight'
      | 'popupFallback'
      | 'popupClosedTimeout'
      | 'timeout'
      | 'frameTimeout'
      | 'disabled'
      | 'preload'
      | 'preloadMaxAge'
    >
  >;

export type { NrichConnectEventMap };
