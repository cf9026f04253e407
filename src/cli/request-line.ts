/**
 * One log line per sandbox call: method, path, status, duration. The path only, never the query or a header:
 * the widget's URL carries its token in the query, and codes and tokens travel in bodies and headers.
 */
import type { RequestRecord } from '../sandbox/index.js';

/** `POST /onetime/access 201 4ms`; a call that got no answer (dropped, or the client left) shows `-`. */
export function requestLine(record: RequestRecord): string {
  const path = new URL(record.url, 'http://sandbox.invalid').pathname;
  const status = record.status === 0 ? '-' : String(record.status);
  return `${record.method} ${path} ${status} ${Math.round(record.durationMs)}ms`;
}
