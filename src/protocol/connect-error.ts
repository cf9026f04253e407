import type { ConnectErrorCode } from './details.js';

/**
 * A failure with the code the element reports. The link request throws it; a host's `createLink` may throw one
 * too, to choose the code, message and status the `error` event carries.
 */
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
