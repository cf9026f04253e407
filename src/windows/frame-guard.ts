import { coerceNumber, numberRules } from '../protocol/coerce-number.js';
import { ConnectError } from '../protocol/connect-error.js';

// The directives a frame's load is checked against (frame-src falls back to child-src, then default-src).
const frameDirectives = ['frame-src', 'child-src', 'default-src'];

/**
 * Rejects with `frame-blocked` when the page's Content-Security-Policy refuses to load the widget's frame. The
 * browser then shows an empty box and the widget never posts: without this the flow would wait forever. The
 * message names the fix. Listens until `signal` aborts.
 */
export function frameBlocked(widgetOrigin: string, signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    // `securitypolicyviolation` is composed: a frame in the element's shadow root reports up to the document.
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        if (!frameDirectives.includes(event.effectiveDirective) || originOf(event.blockedURI) !== widgetOrigin) return;
        const message =
          `The page's Content-Security-Policy (${event.effectiveDirective}) blocked the widget's frame. ` +
          `Add "frame-src ${widgetOrigin}" to it, or use mode="popup" or "redirect".`;
        reject(new ConnectError('frame-blocked', message));
      },
      { signal },
    );
  });
}

function originOf(uri: string): string {
  try {
    return new URL(uri).origin;
  } catch {
    return '';
  }
}

/**
 * Calls `onTimeout` with the deadline when the widget's frame has not loaded `frameTimeout` ms after it was shown
 * (its `load` event fires for cross-origin pages too, so only a frame that never loads is caught). Cleared when
 * `signal` aborts.
 */
export function frameLoadDeadline(
  frameTimeout: unknown,
  loaded: () => boolean,
  signal: AbortSignal,
  onTimeout: (ms: number) => void,
): void {
  const ms = coerceNumber(frameTimeout, numberRules.frameTimeout);
  const timer = setTimeout(() => loaded() || onTimeout(ms), ms);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
