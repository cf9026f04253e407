import type { LinkRequest, WidgetLink } from '../protocol/link.js';

/** A host-supplied way to get the link instead of `endpoint` (custom auth, GraphQL, ...). */
export type CreateLink = (request: LinkRequest) => Promise<WidgetLink>;

export interface LinkSource {
  endpoint?: string;
  createLink?: CreateLink;
  fetchOptions?: RequestInit;
  /** Milliseconds the whole request (answer included) may take; not a usable number means the default. */
  timeout: number;
}

/**
 * A link request on its way; `readLink` (link-request.ts, loaded with the flow) reads and checks the answer, and
 * runs the request's clock: it aborts `timeout` once `source.timeout` ms have passed since `sentAt`.
 */
export interface SentLinkRequest {
  source: LinkSource;
  /** fetch's `Response`, or what `createLink` resolved with (undefined without either): rejects as they do. */
  answer: Promise<unknown>;
  /** The caller's signal or the timeout: reading the answer stops with it. */
  signal: AbortSignal;
  /** Aborted by `readLink` when the request ran out of time. */
  timeout: AbortController;
  /** `performance.now()` when it was sent. */
  sentAt: number;
}

/**
 * Sends the link request now, in the caller's task: the click's, so the request leaves with the click and runs in
 * parallel with any code still loading. Only this much of the link request is loaded with the page; checking the
 * answer (and its timeout) comes with the flow's code. Never throws.
 */
export function sendLinkRequest(source: LinkSource, request: LinkRequest, signal: AbortSignal): SentLinkRequest {
  const timeout = new AbortController();
  const combined = AbortSignal.any([signal, timeout.signal]);
  const { headers, ...options } = source.fetchOptions ?? {};
  // Async, so a createLink that throws rejects instead; everything up to fetch() still runs right now.
  const answer = (async () =>
    source.createLink
      ? source.createLink(request)
      : source.endpoint &&
        fetch(source.endpoint, {
          ...options,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...Object.fromEntries(new Headers(headers)),
          },
          body: JSON.stringify(request),
          signal: combined,
        }))();
  answer.catch(() => undefined); // read (and reported) by readLink; never an unhandled rejection meanwhile
  return { source, answer, signal: combined, timeout, sentAt: performance.now() };
}
