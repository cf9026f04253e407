/**
 * What the widget hands back when a flow ends: the callback query, the callback link, and the
 * postMessage payload, in the current or the older documented shape (nrich-api.md, "How the
 * user comes back"). Computed on the server so node tests can assert it without a browser.
 */
import type { Flow, Outcome } from './store.js';

type CallbackQuery = Record<string, string>;

interface CurrentMessage {
  link: string;
  query: CallbackQuery;
}
interface LegacyMessage {
  location: string;
  query: { state?: string; code?: string };
  url: string;
}

export interface FlowResult {
  link: string;
  query: CallbackQuery;
  message: CurrentMessage | LegacyMessage;
  /** The redirect_uri's origin: the only window allowed to receive the message (never '*'). */
  target_origin: string;
}

export function buildResult(flow: Flow, outcome: Outcome, code: string | undefined): FlowResult {
  const legacy = flow.messageShape === 'legacy';
  const query: CallbackQuery = {};
  if (flow.state !== undefined) query['state'] = flow.state;
  if (code !== undefined) query['code'] = code;
  query['success'] = outcome === 'authorize' ? 'true' : 'false';
  // Older docs name the cancel flag `cancel`; a plain failure is success=false with the flag false.
  query[legacy ? 'cancel' : 'abort'] = outcome === 'cancel' ? 'true' : 'false';
  query['flow_id'] = flow.id;

  const url = new URL(flow.redirectUri);
  // searchParams.set keeps whatever query the host put on its redirect_uri.
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const link = url.href;

  const message: CurrentMessage | LegacyMessage = legacy
    ? {
        location: link,
        query: {
          ...(flow.state !== undefined ? { state: flow.state } : {}),
          ...(code !== undefined ? { code } : {}),
        },
        url: `${url.origin}${url.pathname}`,
      }
    : { link, query };

  return { link, query, message, target_origin: url.origin };
}
