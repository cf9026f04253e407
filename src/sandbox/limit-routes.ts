/**
 * Puts the API routes behind the global rate limit: a call over the limit is answered 429/503 with
 * `Retry-After` before the route runs (and counted, with its connection when its access token names one);
 * every call let through is counted as an API call.
 */
import type { Route, Routes, SandboxContext } from './router.js';

export function limitRoutes(routes: Routes, ctx: SandboxContext): Routes {
  const limited =
    (route: Route): Route =>
    (req, res, url, params) => {
      try {
        ctx.limiter.take();
      } catch (error) {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
        ctx.counters.limited(bearer === undefined ? undefined : ctx.store.flowForAccessToken(bearer)?.id);
        req.resume();
        throw error;
      }
      ctx.counters.apiCall();
      return route(req, res, url, params);
    };
  return Object.fromEntries(
    Object.entries(routes).map(([path, byMethod]) => [
      path,
      Object.fromEntries(Object.entries(byMethod ?? {}).map(([method, route]) => [method, route && limited(route)])),
    ]),
  );
}
