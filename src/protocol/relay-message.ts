/**
 * What the popup's `redirect_uri` page relays to the page that opened the popup: the callback query, unchanged.
 * Sent by `src/return/relay.ts`, received by `src/flow/widget-messages.ts`.
 */
export const relayChannelName = 'nrich-connect';

export interface RelayMessage {
  type: 'nrich-connect:callback';
  query: Record<string, string>;
}

export function isRelayMessage(data: unknown): data is RelayMessage {
  const message = data as Partial<RelayMessage> | null;
  return message?.type === 'nrich-connect:callback' && typeof message.query === 'object' && message.query !== null;
}
