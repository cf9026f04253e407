// Loopback endpoints that misbehave on purpose, so the element's error handling is tested over real HTTP.
//   POST /test/respond?status=&body=&type=   answers exactly that
//   POST /test/record?key=                   remembers the request under key, answers 503 {"message":"recorded"}
//   GET  /test/last-request?key=             what /test/record saw last under key (browsers run side by side)
//   POST /test/hang                          never answers (until the client gives up)
//   POST /test/fail-once?path=               the next GET of that path answers 503 (a chunk that fails to load once)
//   GET  /fresh-<token>/src/...              the file /src/... under a URL no other test page used (not cached);
//                                            its packages re-export the page's own copies (one Lit per page)
const lastRequests = new Map();
const failOnce = new Set();

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function testEndpoints(ctx, next) {
  if (ctx.method === 'GET' && failOnce.delete(ctx.path)) {
    ctx.status = 503;
    ctx.body = 'failing once on purpose (POST /test/fail-once)';
    return undefined;
  }
  const fresh = /^\/fresh-\w+(\/.*)$/.exec(ctx.path);
  if (fresh?.[1].startsWith('/node_modules/')) {
    ctx.type = 'js';
    ctx.body = `export * from ${JSON.stringify(fresh[1] + ctx.search)};`;
    return undefined;
  }
  if (fresh) ctx.path = fresh[1];
  if (!ctx.path.startsWith('/test/')) return next();
  const params = ctx.URL.searchParams;
  switch (ctx.path) {
    case '/test/respond':
      await readBody(ctx.req);
      ctx.status = Number(params.get('status') ?? 200);
      ctx.type = params.get('type') ?? 'application/json';
      ctx.body = params.get('body') ?? '';
      return undefined;
    case '/test/record':
      lastRequests.set(params.get('key'), { headers: ctx.request.headers, body: JSON.parse(await readBody(ctx.req)) });
      ctx.status = 503;
      ctx.body = { message: 'recorded' };
      return undefined;
    case '/test/last-request':
      ctx.body = lastRequests.get(params.get('key')) ?? null;
      return undefined;
    case '/test/fail-once':
      failOnce.add(params.get('path'));
      ctx.status = 204;
      return undefined;
    case '/test/hang':
      ctx.respond = false;
      return new Promise((resolve) => ctx.req.socket.on('close', resolve));
    default:
      return next();
  }
}
