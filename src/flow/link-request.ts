import type * as IbanModule from '../iban.js';
import type { WidgetLink } from '../protocol/link.js';
import { coerceNumber, numberRules } from '../protocol/coerce-number.js';
import { ConnectError } from '../protocol/connect-error.js';
import type { SentLinkRequest } from './send-link-request.js';
import { parseWidgetUrl } from './widget-url.js';

/** A checked link: `location` is safe to show. */
export interface CheckedLink {
  location: URL;
  id: string;
}

/**
 * Reads the answer to a link request the element sent (send-link-request.ts) and checks it. Every failure is a
 * `ConnectError` with the code the element reports; when the flow's own signal ended it first, the rejection is
 * the signal's reason (and never reported).
 */
export async function readLink(sent: SentLinkRequest): Promise<CheckedLink> {
  const { source, signal } = sent;
  // The request's clock started when it was sent; a timer of our own, cleared below (AbortSignal.timeout() would
  // keep its signal, and all it reaches, alive for the full timeout after the flow has ended).
  const ms = coerceNumber(source.timeout, numberRules.timeout); // `timeout="abc"` means the default
  const timer = setTimeout(() => sent.timeout.abort(), ms - (performance.now() - sent.sentAt));
  try {
    if (!source.endpoint && !source.createLink) {
      throw new ConnectError('endpoint', 'Set the `endpoint` attribute or the `createLink` property.');
    }
    const answer = await untilAborted(sent.answer, signal);
    return checkLink(source.createLink ? answer : await readResponse(answer as Response));
  } catch (error) {
    if (error instanceof ConnectError) throw error;
    if (sent.timeout.signal.aborted) throw new ConnectError('timeout', `No widget link after ${ms} ms.`);
    if (signal.aborted) throw error;
    if (source.createLink) {
      // The host's own function failed: its link source, not (as far as we can tell) the network.
      throw new ConnectError(
        'endpoint',
        `createLink rejected: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    throw new ConnectError('network', 'The widget link could not be requested (network error).');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The click's link when the IBAN could not be checked in the click (ibantools still loading): checks it once
 * `checks` is here, then sends (with the IBAN in electronic format) and reads. An invalid IBAN ends the flow with
 * `invalid-iban` and sends nothing.
 */
export async function readLinkAfterIban(
  checks: Promise<typeof IbanModule | undefined>,
  typed: string,
  required: boolean,
  send: (iban: string) => SentLinkRequest,
): Promise<CheckedLink> {
  const iban = await checks;
  if (!iban) throw new ConnectError('load', 'Code of nrich-connect could not be loaded: the IBAN check.');
  const problem = iban.ibanProblem(typed, required);
  if (problem) throw new ConnectError('invalid-iban', iban.ibanProblemMessages[problem]);
  return readLink(send(iban.parseIban(typed)));
}

async function readResponse(response: Response): Promise<unknown> {
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

/** `createLink` knows nothing of our signal, so race it (fetch's own rejection on abort arrives later). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
