/** Machine-readable reasons a flow can fail; each ends the flow with one `error` event. */
export type ConnectErrorCode =
  | 'endpoint'
  | 'network'
  | 'timeout'
  | 'invalid-link'
  | 'invalid-iban'
  | 'state-mismatch'
  | 'flow-failed'
  | 'popup-blocked';

export class ConnectError extends Error {
  override name = 'ConnectError';

  constructor(
    readonly code: ConnectErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
