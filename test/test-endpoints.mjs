// Loopback endpoints that misbehave on purpose, so the element's error handling is tested over real HTTP.
//   POST /test/respond?status=&body=&type=   answers exactly that
//   POST /test/record?key=                   remembers the request under key, answers 503 {"message":"recorded"}
//   GET  /test/last-request?key=             what /test/record saw last under key (browsers run side by side)
//   POST /test/hang                          never answers (until the client gives up)
//   POST /test/fail-once?path=               the next GET of that path answers 503 (a chunk that fails to load once)
//   POST /test/hold-once?path=               the next GET of that path waits for POST /test/release?path= (a chunk
//                                            still loading, for as long as a test needs)
//   POST /test/refuse-preloads?key=           a host that refuses preloads: a body with `preload: true` waits for
//                                            POST /test/answer-preloads?key= and gets 403; any other is the demo
//                                            backend's /api/widget-link answer
//   GET  /test/preload-gate?key=             { preloads, clicks }: how many of each /test/refuse-preloads got
//   GET  /test/held?path=                    { arrived }: whether the held GET of that path has arrived (and waits)
//   GET  /fresh-<token>/src/...              the file /src/... under a URL no other test page used (not cached);
//                                            its packages re-export the page's own copies (one Lit per page)
const lastRequests = new Map();
const failOnce = new Set();
/** path -> a held GET: its release, and whether it has arrived (only the first GET after hold-once waits). */
const holds = new Map();
/** key -> what /test/refuse-preloads saw, and the release of its held preloads. */
const gates = new Map();
const gate = (key) => {
  if (!gates.has(key)) {
    const entry = { preloads: 0, clicks: 0 };
    entry.answered = new Promise((resolve) => (entry.answer = resolve));
    gates.set(key, entry);
  }
  return gates.get(key);
};

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
  const hold = ctx.method === 'GET' && holds.get(ctx.path);
  if (hold && !hold.arrived) {
    hold.arrived = true;
    await hold.released;
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
    case '/test/hold-once': {
      const hold = { arrived: false };
      hold.released = new Promise((resolve) => (hold.release = resolve));
      holds.set(params.get('path'), hold);
      ctx.body = { held: true };
      return undefined;
    }
    case '/test/held':
      ctx.body = { arrived: holds.get(params.get('path'))?.arrived ?? false };
      return undefined;
    case '/test/release': {
      const hold = holds.get(params.get('path'));
      holds.delete(params.get('path'));
      hold?.release();
      ctx.body = { arrived: hold?.arrived ?? false };
      return undefined;
    }
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
    case '/test/refuse-preloads': {
      const entry = gate(params.get('key'));
      const body = await readBody(ctx.req);
      if (JSON.parse(body).preload) {
        entry.preloads += 1;
        await entry.answered;
        ctx.status = 403;
        ctx.body = { message: 'no preloads here' };
        return undefined;
      }
      entry.clicks += 1;
      const response = await fetch(new URL('/api/widget-link', ctx.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      ctx.status = response.status;
      ctx.type = 'application/json';
      ctx.body = await response.text();
      return undefined;
    }
    case '/test/answer-preloads':
      gate(params.get('key')).answer();
      ctx.status = 204;
      return undefined;
    case '/test/preload-gate': {
      const { preloads, clicks } = gate(params.get('key'));
      ctx.body = { preloads, clicks };
      return undefined;
    }
    case '/test/hang':
      ctx.respond = false;
      return new Promise((resolve) => ctx.req.socket.on('close', resolve));
    default:
      return next();
  }
}
