import type { LinkRequest, WidgetLink } from '../protocol/link.js';
import { coerceNumber, numberRules } from './coerce-number.js';
import { ConnectError } from './connect-error.js';
import { parseWidgetUrl } from './widget-url.js';

/** A host-supplied way to get the link instead of `endpoint` (custom auth, GraphQL, ...). */
export type CreateLink = (request: LinkRequest) => Promise<WidgetLink>;

export interface LinkSource {
  endpoint?: string;
  createLink?: CreateLink;
  fetchOptions?: RequestInit;
  timeout: number;
}

/** A checked link: `location` is safe to show. */
export interface CheckedLink {
  location: URL;
  id: string;
}

/**
 * Asks the host for a widget link and checks the answer. Every failure is a `ConnectError` with the code the
 * element reports; `signal` aborts the request when the flow ends first (its rejection is then never reported).
 */
export async function requestLink(source: LinkSource, request: LinkRequest, signal: AbortSignal): Promise<CheckedLink> {
  const ms = coerceNumber(source.timeout, numberRules.timeout); // `timeout="abc"` means the default
  const timeout = AbortSignal.timeout(ms);
  const combined = AbortSignal.any([signal, timeout]);
  try {
    const answer = source.createLink
      ? await untilAborted(source.createLink(request), combined)
      : await fetchLink(source, request, combined);
    return checkLink(answer);
  } catch (error) {
    if (error instanceof ConnectError) throw error;
    if (timeout.aborted) throw new ConnectError('timeout', `No widget link after ${ms} ms.`);
    if (signal.aborted) throw error;
    if (source.createLink) {
      // The host's own function failed: its link source, not (as far as we can tell) the network.
      throw new ConnectError(
        'endpoint',
        `createLink rejected: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    throw new ConnectError('network', 'The widget link could not be requested (network error).');
  }
}

async function fetchLink(source: LinkSource, request: LinkRequest, signal: AbortSignal): Promise<unknown> {
  if (!source.endpoint)
    throw new ConnectError('endpoint', 'Set the `endpoint` attribute or the `createLink` property.');
  const { headers, ...options } = source.fetchOptions ?? {};
  const response = await fetch(source.endpoint, {
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...toRecord(headers) },
    body: JSON.stringify(request),
    signal,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new ConnectError(
      'endpoint',
      endpointMessage(text) ?? `The endpoint answered ${response.status}.`,
      response.status,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConnectError('invalid-link', 'The endpoint did not answer JSON.');
  }
}

/** The host's own error text, from a JSON `message` or `error` field. */
function endpointMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    return typeof message === 'string' && message ? message : undefined;
  } catch {
    return undefined;
  }
}

function checkLink(answer: unknown): CheckedLink {
  const { location, id } = (answer ?? {}) as Partial<Record<keyof WidgetLink, unknown>>;
  if (typeof id !== 'string' || !/^[\w-]{1,128}$/.test(id)) {
    throw new ConnectError('invalid-link', 'The widget link has no valid `id`.');
  }
  const url = parseWidgetUrl(location);
  if (!url) {
    throw new ConnectError('invalid-link', 'The widget `location` is not an https URL (http only on localhost).');
  }
  return { location: url, id };
}

function toRecord(headers: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/** `createLink` knows nothing of our signal, so race it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.throwIfAborted();
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}
