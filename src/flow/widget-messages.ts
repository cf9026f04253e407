import { isRelayMessage, relayChannelName, type RelayReceipt } from '../protocol/relay-message.js';
import { parseCallbackQuery, parseWidgetMessage, type WidgetResult } from '../protocol/widget-result.js';

/** The window the widget (or, for a popup, the relay page) runs in, read when a message arrives: only its count. */
export type WidgetWindow = () => Window | null;

/**
 * How the widget's result comes back:
 * `frame`: the framed widget posts it from its own origin (overlay, inline);
 * `relay`: the widget navigates the popup to `redirect_uri`, whose page relays it from this page's origin (popup);
 * `none`: this page is left, and the result is read on return (redirect, see src/return/).
 */
export type ResultChannel = 'frame' | 'relay' | 'none';

/**
 * The first widget result that counts for this flow. Everything it listens with is released when `signal` aborts.
 * `widgetOrigin` is the origin of the checked widget link; `state` is the pending flow's.
 */
export function nextWidgetResult(
  channel: ResultChannel,
  widgetOrigin: string,
  widgetWindow: WidgetWindow,
  state: string,
  signal: AbortSignal,
): Promise<WidgetResult> {
  return new Promise((resolve) => {
    const fromWidgetWindow = (source: MessageEventSource | null) => {
      const expected = widgetWindow();
      return expected !== null && source === expected;
    };
    if (channel === 'frame') {
      window.addEventListener(
        'message',
        (event) => {
          // Origin alone is not enough: another window of the widget's origin (another flow) must not end this one.
          if (event.origin !== widgetOrigin || !fromWidgetWindow(event.source)) return;
          const result = parseWidgetMessage(event.data);
          if (result) resolve(result);
        },
        { signal },
      );
    } else if (channel === 'relay') {
      // Every tab of this origin hears the BroadcastChannel, so a result for another state is another tab's flow:
      // ignored here, not an error.
      const onRelay = (data: unknown) => {
        if (!isRelayMessage(data)) return;
        const result = parseCallbackQuery(new URLSearchParams(data.query));
        if (result?.state !== state) return;
        resolve(result);
        // The relay page may now say the connection is complete (it says nothing positive before).
        broadcast.postMessage({ type: 'nrich-connect:received', state } satisfies RelayReceipt);
      };
      // The relay page runs on this page's origin, in the popup (unless a COOP page severed it from us).
      window.addEventListener(
        'message',
        (event) => event.origin === window.location.origin && fromWidgetWindow(event.source) && onRelay(event.data),
        { signal },
      );
      const broadcast = new BroadcastChannel(relayChannelName);
      broadcast.addEventListener('message', (event) => onRelay(event.data));
      signal.addEventListener('abort', () => broadcast.close(), { once: true });
    }
  });
}
