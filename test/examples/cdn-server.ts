// A stand-in for jsDelivr/unpkg on its own loopback origin: serves a folder read-only, with the CORS header a
// public CDN sends (cross-origin module scripts need it) unless `cors: false`.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json' };

export interface CdnServer {
  /** The URL the folder is served at, ending in a slash. */
  url: string;
  /** The paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function startCdn(folder: string, options: { prefix: string; cors?: boolean }): Promise<CdnServer> {
  const requests: string[] = [];
  const root = path.resolve(folder);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://cdn');
    requests.push(url.pathname);
    const file = path.join(root, decodeURIComponent(url.pathname.slice(options.prefix.length)));
    const found = url.pathname.startsWith(options.prefix) && file.startsWith(root + path.sep) && isFile(file);
    if (options.cors !== false) response.setHeader('access-control-allow-origin', '*');
    if (!found) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${options.prefix}`,
    requests,
    close: () => {
      server.closeAllConnections(); // the browser keeps idle keep-alive sockets open
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
