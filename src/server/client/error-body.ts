/**
 * Reads an API error answer, whatever its shape, into code, message and description:
 * - flat `{ "error": "invalid_grant", "message" | "error_description": "..." }` (OAuth servers, gateways),
 * - nested `{ "error": { "code", "message", "description", "data" } }` (the finX/nrich family),
 * - `{ "errors": [ { "code", "message" } ] }` (a list; the first one counts),
 * - RFC 7807 `application/problem+json` `{ "type", "title", "detail", "status" }`,
 * - plain text (its first line); an HTML page is never echoed (proxies put request headers in them).
 * The caller redacts the texts; `data` is dropped, as it may carry personal data.
 */
import { isRecord, parseJson } from '../json-value.js';

interface ErrorBody {
  code?: string;
  message?: string;
  description?: string;
}

const MAX_PLAIN_TEXT = 200;

export function parseErrorBody(text: string, contentType: string | null): ErrorBody {
  const json = parseJson(text);
  if (isRecord(json)) return fromJson(json);
  if (json !== undefined || /html|xml/i.test(contentType ?? '') || /^\s*</.test(text)) return {};
  const line = text.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  return line === '' ? {} : { message: line.slice(0, MAX_PLAIN_TEXT) };
}

function fromJson(body: Record<string, unknown>): ErrorBody {
  const error = body.error;
  const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
  const nested = isRecord(error) ? error : isRecord(first) ? first : undefined;
  if (nested) {
    return compact(
      identifier(nested.code) ?? identifier(nested.error),
      text(nested.message) ?? text(nested.title),
      text(nested.description) ?? text(nested.detail),
    );
  }
  if (typeof error === 'string') {
    return compact(identifier(error), text(body.message) ?? text(body.error_description), text(body.description));
  }
  // RFC 7807: `type` is a URI naming the problem; its last segment is the closest thing to a code.
  const type = text(body.type);
  const typeCode = type && type !== 'about:blank' ? identifier(type.split(/[/#:]/).pop()) : undefined;
  return compact(
    identifier(body.code) ?? typeCode,
    text(body.title) ?? text(body.message),
    text(body.detail) ?? text(body.description),
  );
}

function compact(code?: string, message?: string, description?: string): ErrorBody {
  return {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(description === undefined ? {} : { description }),
  };
}

/** Codes are branched on: only a plain identifier is kept, so nothing odd rides along in one. */
function identifier(value: unknown): string | undefined {
  const code = typeof value === 'number' ? String(value) : value;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
