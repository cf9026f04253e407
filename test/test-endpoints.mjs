// Loopback endpoints that misbehave on purpose, so the element's error handling is tested over real HTTP.
//   POST /test/respond?status=&body=&type=   answers exactly that
//   POST /test/record                        remembers the request, answers 503 {"message":"recorded"}
//   GET  /test/last-request                  what /test/record saw
//   POST /test/hang                          never answers (until the client gives up)
let lastRequest = null;

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function testEndpoints(ctx, next) {
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
      lastRequest = { headers: ctx.request.headers, body: JSON.parse(await readBody(ctx.req)) };
      ctx.status = 503;
      ctx.body = { message: 'recorded' };
      return undefined;
    case '/test/last-request':
      ctx.body = lastRequest;
      return undefined;
    case '/test/hang':
      ctx.respond = false;
      return new Promise((resolve) => ctx.req.socket.on('close', resolve));
    default:
      return next();
  }
}
