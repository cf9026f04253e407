/** Routes serving the emulated widget: its page, its completion call, and the test-only message page. */
import type { OutgoingHttpHeaders } from 'node:http';
import type { Outcome } from './store.js';
import type { Routes, SandboxContext } from './router.js';
import { HttpError, readBody, sendHtml, sendJson } from './http.js';
import { bankById } from './banks.js';
import { buildResult } from './result.js';
import { renderMessagePage, renderWidgetPage } from './widget-page.js';
import { renderTestPage } from './test-page.js';
import { WIDGET_STRINGS } from './widget-strings.js';

/**
 * The real widget may be framed by localhost/127.0.0.1 on any port, so dev hosts can embed it.
 * No `http://[::1]:*`: CSP source expressions cannot hold IPv6 literals, so browsers ignore that
 * token anyway and Chromium logs a console error for it on every load.
 */
const WIDGET_CSP =
  "frame-ancestors 'self' http://localhost:* http://127.0.0.1:* https://localhost:* https://127.0.0.1:*";

const PAGE_HEADERS: OutgoingHttpHeaders = {
  'Content-Security-Policy': WIDGET_CSP,
  // The page embeds a live token: never cache it, never leak its URL to the next page.
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

const OUTCOMES: readonly Outcome[] = ['authorize', 'cancel', 'fail'];
/** How long a widget's long-poll is held before it is answered 204 and asked again. */
const AWAIT_HOLD_MS = 20_000;

export function widgetRoutes(ctx: SandboxContext): Routes {
  return {
    '/widget': {
      GET: (_req, res, url) => {
        const flow = ctx.store.flowByToken(url.searchParams.get('token') ?? '');
        if (!flow) {
          sendHtml(
            res,
            404,
            renderMessagePage(
              'en',
              'This link is unknown or has expired',
              'Please start the connection again from the app.',
            ),
            PAGE_HEADERS,
          );
          return;
        }
        const t = WIDGET_STRINGS[flow.language];
        if (flow.completed) {
          sendHtml(res, 410, renderMessagePage(flow.language, t.spentHeading, t.spentText), PAGE_HEADERS);
          return;
        }
        // Opt-in COOP reproduces banks that sever window.opener for the popup's whole life.
        const headers = flow.coop ? { ...PAGE_HEADERS, 'Cross-Origin-Opener-Policy': 'same-origin' } : PAGE_HEADERS;
        sendHtml(res, 200, renderWidgetPage(flow, ctx.baseUrl()), headers);
      },
    },
    '/widget/complete': {
      POST: async (req, res) => {
        const body = await readBody(req);
        const token = typeof body['token'] === 'string' ? body['token'] : '';
        const outcome = OUTCOMES.find((candidate) => candidate === body['outcome']);
        if (!outcome) throw new HttpError(400, 'invalid_request', 'outcome must be authorize, cancel or fail.');
        const flow = ctx.store.flowByToken(token);
        if (!flow) throw new HttpError(404, 'unknown_token', 'The widget token is unknown or has expired.');
        if (flow.completed) throw new HttpError(410, 'flow_completed', 'This flow has already been completed.');
        const bankId = typeof body['bank'] === 'string' ? bankById(body['bank'])?.id : undefined;
        const code = ctx.store.completeFlow(flow, outcome, bankId);
        ctx.remote.forget(flow.id);
        sendJson(res, 200, buildResult(flow, outcome, code));
      },
    },
    // The widget's long-poll for a completion sent by a test (`completeFlow`): 200 { outcome } to press that
    // button, 204 to ask again, 200 { ended: true } once there is no open flow to wait for (completed, expired,
    // unknown). The end of a flow is a normal answer, not an error status the browser logs in the widget's console.
    '/widget/await': {
      POST: async (req, res) => {
        const body = await readBody(req);
        if (typeof body['token'] !== 'string') throw new HttpError(400, 'invalid_request', 'token is required.');
        const token = body['token'];
        const open = () => {
          const flow = ctx.store.flowByToken(token);
          return flow && !flow.completed ? flow : undefined;
        };
        const flow = open();
        if (!flow) return sendJson(res, 200, { ended: true });
        const gone = new AbortController();
        res.once('close', () => gone.abort());
        const outcome = await ctx.remote.listen(flow.id, AWAIT_HOLD_MS, gone.signal);
        if (outcome) return sendJson(res, 200, { outcome });
        if (res.destroyed) return;
        // Nothing to press: held long enough (ask again), or the flow ended by its own buttons (`remote.forget`),
        // which is said at once rather than on the next ask.
        if (open()) res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
        else sendJson(res, 200, { ended: true });
      },
    },
    '/_test/post-message': {
      GET: (_req, res, url) => {
        const target = url.searchParams.get('target') ?? '';
        if (!isTargetOrigin(target)) {
          throw new HttpError(400, 'invalid_request', 'target must be an origin such as http://localhost:8000 (or *).');
        }
        sendHtml(res, 200, renderTestPage(target), PAGE_HEADERS);
      },
    },
  };
}

function isTargetOrigin(value: string): boolean {
  if (value === '*') return true;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
