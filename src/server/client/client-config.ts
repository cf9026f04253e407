/**
 * The client's options, checked once at construction: a missing environment variable or a URL without a
 * scheme fails at start-up with an error naming the setting, not on the first user's request.
 * Values are never echoed: a mistyped secret must not end up in a start-up log.
 */
import { NrichConfigError } from '../errors.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry.js';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface NrichClientOptions {
  /** e.g. `https://api.finx-s.qwist.cloud`; a path prefix is kept. https, or http on loopback only. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the global `fetch`; pass one to add tracing or a proxy. */
  fetch?: FetchFunction;
  /** Per attempt, including reading the body. Default 15 000 ms. */
  timeout?: number;
  /** Retries of reads and flow starts; `false` for none. Never used for the code exchange or a refresh. */
  retry?: RetryOptions | false;
  /**
   * The most bytes one API answer may have; a bigger one fails the call (`response_too_large`) once this much
   * was read, instead of filling memory. Default 32 MiB: a page of 1000 transactions is about 1 MiB.
   */
  maxResponseBytes?: number;
}

export interface ClientConfig {
  /** Without a trailing slash. */
  base: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchFunction;
  timeout: number;
  retry: Readonly<Required<RetryOptions>>;
  maxResponseBytes: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkClientOptions(options: NrichClientOptions): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw new NrichConfigError('options', 'createNrichClient needs { baseUrl, clientId, clientSecret }.');
  }
  // Wrapped rather than stored: some runtimes throw "Illegal invocation" for an unbound global fetch.
  const fetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  if (typeof fetchFunction !== 'function') throw new NrichConfigError('fetch', 'must be a function.');
  return {
    base: checkBaseUrl(options.baseUrl),
    clientId: checkClientId(options.clientId),
    clientSecret: checkText('clientSecret', options.clientSecret),
    fetch: fetchFunction,
    timeout: options.timeout === undefined ? DEFAULT_TIMEOUT_MS : positive('timeout', options.timeout),
    retry: checkRetry(options.retry),
    maxResponseBytes: checkSize(options.maxResponseBytes),
  };
}

function checkBaseUrl(value: unknown): string {
  const text = checkText('baseUrl', value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new NrichConfigError('baseUrl', 'must be an absolute URL such as https://api.example.com.');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) {
    // The client secret travels in every flow start and token call: never in clear text over a network.
    throw new NrichConfigError('baseUrl', 'must use https (http only on localhost, 127.0.0.1 or [::1]).');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new NrichConfigError('baseUrl', 'must not carry credentials, a query or a fragment.');
  }
  return url.href.replace(/\/+$/, '');
}

function checkClientId(value: unknown): string {
  const id = checkText('clientId', value);
  // HTTP Basic cannot carry a colon in the user name (RFC 7617).
  if (id.includes(':')) throw new NrichConfigError('clientId', 'must not contain ":".');
  return id;
}

function checkText(setting: string, value: unknown): string {
  if (value === undefined || value === null) throw new NrichConfigError(setting, 'is missing.');
  if (typeof value !== 'string' || value.trim() === '') {
    throw new NrichConfigError(setting, 'must be a non-empty string.');
  }
  if (value !== value.trim()) throw new NrichConfigError(setting, 'has leading or trailing white space.');
  return value;
}

function positive(setting: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new NrichConfigError(setting, 'must be a positive number of milliseconds.');
  }
  return value;
}

function checkSize(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new NrichConfigError('maxResponseBytes', 'must be a whole number of bytes above 0.');
  }
  return value;
}

function checkRetry(value: RetryOptions | false | undefined): Readonly<Required<RetryOptions>> {
  if (value === false) return { ...DEFAULT_RETRY, retries: 0 };
  if (value === undefined) return DEFAULT_RETRY;
  if (typeof value !== 'object' || value === null) throw new NrichConfigError('retry', 'must be an object or false.');
  const policy: Record<string, number> = { ...DEFAULT_RETRY };
  for (const [name, number] of Object.entries(value)) {
    if (number === undefined) continue;
    if (!Object.hasOwn(DEFAULT_RETRY, name)) throw new NrichConfigError(`retry.${name}`, 'is not a retry option.');
    if (!Number.isInteger(number) || number < 0) {
      throw new NrichConfigError(`retry.${name}`, 'must be a whole number, 0 or more.');
    }
    policy[name] = number as number;
  }
  return policy as Required<RetryOptions>;
}
