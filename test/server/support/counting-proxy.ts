/**
 * A loopback proxy in front of the sandbox that counts what reaches the API: refresh grants, and the refresh
 * token the API issued last. Tests read "exactly one upstream refresh" from here, not from the client.
 */
import { listen, type LocalServer } from './local-servers.js';

export interface CountingProxy extends LocalServer {
  /** Refresh grants the API answered (any status). */
  refreshes: number;
  /** Authorization-code grants the API answered (any status). */
  codeExchanges: number;
  /** Flows started (POST /onetime/access, /ongoing/access, …). */
  flowsStarted: number;
  /** The refresh token in the API's latest successful refresh answer. */
  lastIssuedRefreshToken: string | undefined;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const proxy: CountingProxy = {
    refreshes: 0,
    codeExchanges: 0,
    flowsStarted: 0,
    lastIssuedRefreshToken: undefined,
    url: '',
    close: async () => {},
  };
  const server = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const grant = req.url === '/auth/token' ? (JSON.parse(body) as { grant_type?: string }).grant_type : undefined;
    const isRefresh = grant === 'refresh_token';
    if (grant === 'authorization_code') proxy.codeExchanges += 1;
    if (req.method === 'POST' && /^\/(onetime|ongoing)\//.test(req.url ?? '')) proxy.flowsStarted += 1;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    const upstream = await fetch(target + req.url, {
      method: req.method,
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    const text = await upstream.text();
    if (isRefresh) {
      proxy.refreshes += 1;
      if (upstream.ok) proxy.lastIssuedRefreshToken = (JSON.parse(text) as { refresh_token: string }).refresh_token;
    }
    const retryAfter = upstream.headers.get('retry-after');
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      ...(retryAfter === null ? {} : { 'retry-after': retryAfter }),
    });
    res.end(text);
  });
  proxy.url = server.url;
  proxy.close = server.close;
  return proxy;
}
