/**
 * One log line per sandbox call: method, path, status, duration. The path only, never the query or a header:
 * the widget's URL carries its token in the query, and codes and tokens travel in bodies and headers.
 */
export interface RequestRecord {
  method: string;
  /** Request target as received; only its path is printed. */
  url: string;
  status: number;
  durationMs: number;
}

export function requestLine(record: RequestRecord): string {
  const path = new URL(record.url, 'http://sandbox.invalid').pathname;
  return `${record.method} ${path} ${record.status} ${Math.round(record.durationMs)}ms`;
}
