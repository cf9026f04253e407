/**
 * The controls of ongoing access over HTTP, for processes other than the one that started the sandbox (a bench's
 * workers, the CLI's sandbox): the clock, the rate limit, the population generator, the counters and the ground
 * truth of one connection. Client credentials (HTTP Basic) on every one, as for the other controls.
 */
import type { Route, Routes, SandboxContext } from './router.js';
import { HttpError, readBody, requireBasicAuth, sendJson } from './http.js';
import { ClockError } from './clock.js';
import { RateLimitError } from './rate-limit.js';
import { PopulateError, type PopulateOptions, type PopulatedConnection } from './populate.js';
import { connectionReport } from './connection-report.js';

const invalid = (code: string, message: string): HttpError => new HttpError(400, code, message);

function control(ctx: SandboxContext, route: Route): Route {
  return async (req, res, url, params) => {
    requireBasicAuth(req, ctx.clientId, ctx.clientSecret);
    try {
      await route(req, res, url, params);
    } catch (error) {
      if (error instanceof ClockError) throw invalid('invalid_clock', error.message);
      if (error instanceof RateLimitError) throw invalid('invalid_rate_limit', error.message);
      if (error instanceof PopulateError) throw invalid('invalid_populate', error.message);
      throw error;
    }
  };
}

export function ongoingRoutes(
  ctx: SandboxContext,
  populate: (options: PopulateOptions) => PopulatedConnection[],
): Routes {
  const readClock: Route = (_req, res) => sendJson(res, 200, ctx.clock.state());

  const moveClock: Route = async (req, res) => {
    const { advance, set, ...rest } = await readBody(req);
    if (Object.keys(rest).length > 0 || (advance === undefined) === (set === undefined)) {
      throw new ClockError('Send { advance: ms } or { set: ms or ISO time }.');
    }
    if (advance !== undefined) ctx.clock.advance(advance as number);
    else ctx.clock.set(typeof set === 'string' ? Date.parse(set) : (set as number));
    sendJson(res, 200, ctx.clock.state());
  };

  const readLimit: Route = (_req, res) => sendJson(res, 200, { rateLimit: ctx.limiter.current() ?? null });

  const setLimit: Route = async (req, res) => {
    const { rateLimit } = await readBody(req);
    ctx.limiter.set(rateLimit === null || rateLimit === undefined ? undefined : (rateLimit as never));
    sendJson(res, 200, { rateLimit: ctx.limiter.current() ?? null });
  };

  const populateRoute: Route = async (req, res) => {
    sendJson(res, 201, { connections: populate((await readBody(req)) as unknown as PopulateOptions) });
  };

  const counters: Route = (_req, res) =>
    sendJson(res, 200, { totals: { ...ctx.counters.totals }, connections: ctx.counters.all() });

  const connection: Route = (_req, res, _url, params) => {
    const report = connectionReport(ctx, params['id'] ?? '');
    if (!report) throw new HttpError(404, 'unknown_connection', 'No connection with this id.');
    sendJson(res, 200, report);
  };

  return {
    '/_sandbox/clock': { GET: control(ctx, readClock), POST: control(ctx, moveClock) },
    '/_sandbox/rate-limit': { GET: control(ctx, readLimit), POST: control(ctx, setLimit) },
    '/_sandbox/populate': { POST: control(ctx, populateRoute) },
    '/_sandbox/counters': { GET: control(ctx, counters) },
    '/_sandbox/connections/:id': { GET: control(ctx, connection) },
  };
}
