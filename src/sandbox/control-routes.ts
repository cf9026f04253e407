/**
 * The sandbox's controls over HTTP, for a sandbox in another process (`npx nrich-connect sandbox`) or a runner
 * whose test code runs in the browser (Cypress's `cy.request`): the same scripts, faults, added accounts and
 * remote completion as the in-process methods. Every control needs the client credentials (HTTP Basic).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route, Routes, SandboxContext } from './router.js';
import type { Fault } from './control.js';
import type { Outcome } from './store.js';
import { HttpError, readBody, requireBasicAuth, sendJson } from './http.js';
import { parseScript, ScriptError } from './script.js';
import { AccountError } from './added-accounts.js';
import { NoOpenWidget } from './remote-complete.js';

const OUTCOMES: readonly Outcome[] = ['authorize', 'cancel', 'fail'];
const MAX_COMPLETE_TIMEOUT_MS = 60_000;

const invalid = (code: string, message: string): HttpError => new HttpError(400, code, message);

/** Client credentials first; typed input errors become 400 with the field named. */
function control(ctx: SandboxContext, route: Route): Route {
  return async (req, res, url, params) => {
    requireBasicAuth(req, ctx.clientId, ctx.clientSecret);
    try {
      await route(req, res, url, params);
    } catch (error) {
      if (error instanceof ScriptError) throw invalid('invalid_script', error.message);
      if (error instanceof AccountError) throw invalid('invalid_account', error.message);
      throw error;
    }
  };
}

export function controlRoutes(ctx: SandboxContext): Routes {
  const script: Route = async (req, res) => {
    const { scope = 'all', ...fields } = await readBody(req);
    if (scope !== 'all' && scope !== 'next') throw invalid('invalid_script', 'scope must be all or next.');
    const parsed = parseScript(fields);
    if (scope === 'all') ctx.scripts.setGlobal(parsed);
    else ctx.scripts.enqueue(parsed);
    sendJson(res, 200, { scope, script: parsed });
  };

  const fail: Route = async (req, res) => {
    const fault = parseFault(await readBody(req));
    ctx.control.fail(fault);
    sendJson(res, 200, { fault });
  };

  const accounts: Route = async (req, res) => {
    sendJson(res, 201, { account: ctx.accounts.add(await readBody(req)) });
  };

  const reset: Route = (_req, res) => {
    ctx.reset();
    sendJson(res, 200, { reset: true });
  };

  const complete: Route = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const outcome = OUTCOMES.find((candidate) => candidate === (body['outcome'] ?? 'authorize'));
    if (!outcome) throw invalid('invalid_request', `outcome must be one of ${OUTCOMES.join(', ')}.`);
    const flowId = body['flow_id'];
    if (flowId !== undefined && typeof flowId !== 'string')
      throw invalid('invalid_request', 'flow_id must be a string.');
    const timeout = body['timeout'] ?? 10_000;
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > MAX_COMPLETE_TIMEOUT_MS) {
      throw invalid('invalid_request', `timeout must be 0 to ${MAX_COMPLETE_TIMEOUT_MS} ms.`);
    }
    if (flowId !== undefined) {
      const flow = ctx.store.flowById(flowId);
      if (!flow) throw new HttpError(404, 'unknown_flow', `No flow ${flowId}.`);
      if (flow.completed) throw new HttpError(409, 'flow_completed', `Flow ${flowId} has already ended.`);
    }
    // The test gave up (its request closed): stop waiting for a widget on its behalf.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    try {
      const completed = await ctx.remote.complete(outcome, flowId, timeout, gone.signal);
      sendJson(res, 200, { flow_id: completed, outcome });
    } catch (error) {
      if (error instanceof NoOpenWidget) throw new HttpError(404, 'no_open_widget', error.message);
      throw error;
    }
  };

  return {
    '/_sandbox/script': { POST: control(ctx, script) },
    '/_sandbox/fail': { POST: control(ctx, fail) },
    '/_sandbox/accounts': { POST: control(ctx, accounts) },
    '/_sandbox/reset': { POST: control(ctx, reset) },
    '/_sandbox/complete': { POST: control(ctx, complete) },
  };
}

const FAULT_KEYS = ['path', 'method', 'times', 'action', 'status', 'retryAfter', 'body', 'contentType'];

/** A fault from JSON, checked field by field (in-process callers pass typed objects). */
function parseFault(input: Record<string, unknown>): Fault {
  const unknown = Object.keys(input).filter((key) => !FAULT_KEYS.includes(key));
  const bad = (message: string): HttpError => invalid('invalid_fault', message);
  if (unknown.length > 0) throw bad(`Unknown fault field ${unknown.join(', ')}; known: ${FAULT_KEYS.join(', ')}.`);
  const { path, method, times, action, status, retryAfter, body, contentType } = input;
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw bad('path must be an API path such as /rest/transactions.');
  const fault: Fault = { path };
  if (method !== undefined) {
    if (typeof method !== 'string' || !/^[A-Z]+$/.test(method)) throw bad('method must be an HTTP method such as GET.');
    fault.method = method;
  }
  if (times !== undefined) {
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 1000)
      throw bad('times must be 1 to 1000.');
    fault.times = times;
  }
  if (action !== undefined) {
    if (action !== 'answer' && action !== 'drop' && action !== 'hang')
      throw bad('action must be answer, drop or hang.');
    fault.action = action;
  }
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      throw bad('status must be 400 to 599.');
    }
    fault.status = status;
  }
  if (retryAfter !== undefined) {
    // Whole seconds or an HTTP date; nothing that could break out of the header.
    const seconds = typeof retryAfter === 'number' && Number.isInteger(retryAfter) && retryAfter >= 0;
    const date = typeof retryAfter === 'string' && /^[\w ,:+-]{1,64}$/.test(retryAfter);
    if (!seconds && !date) throw bad('retryAfter must be whole seconds or an HTTP date.');
    fault.retryAfter = retryAfter;
  }
  if (body !== undefined) {
    if (typeof body !== 'string') throw bad('body must be a string (the raw body to send).');
    fault.body = body;
  }
  if (contentType !== undefined) {
    if (typeof contentType !== 'string') throw bad('contentType must be a string.');
    fault.contentType = contentType;
  }
  return fault;
}
