const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The widget location comes from the network, so it is only ever shown when it is https, or http on loopback
 * (the sandbox and local development). Returns the parsed URL, or null for anything else (javascript:, data:, ...).
 */
export function parseWidgetUrl(location: unknown): URL | null {
  if (typeof location !== 'string') return null;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return url;
  return null;
}
