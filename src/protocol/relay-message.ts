/**
 * What the popup's `redirect_uri` page relays to the page that opened the popup: the callback query, unchanged.
 * Sent by `src/return/relay.ts`, received by `src/flow/widget-messages.ts`.
 */
export const relayChannelName = 'nrich-connect';

export interface RelayMessage {
  type: 'nrich-connect:callback';
  query: Record<string, string>;
}

/**
 * The waiting page's answer once it took a relayed result for its flow: only then may the relay page tell the
 * user the connection is complete.
 */
export interface RelayReceipt {
  type: 'nrich-connect:received';
  state: string;
}

export function isRelayReceipt(data: unknown, state: string): data is RelayReceipt {
  const receipt = data as Partial<RelayReceipt> | null;
  return receipt?.type === 'nrich-connect:received' && receipt.state === state;
}

export function isRelayMessage(data: unknown): data is RelayMessage {
  const message = data as Partial<RelayMessage> | null;
  return message?.type === 'nrich-connect:callback' && typeof message.query === 'object' && message.query !== null;
}
