/**
 * The one reading point of every JSON route of the kit (and of the host's own routes built on it):
 * - only `application/json` (or a `+json` type) is read. A plain `<form>` on another site can post
 *   `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data` without a CORS preflight;
 *   requiring JSON forces that preflight, so a cross-site page can no longer post to these routes blind.
 * - with `allowedOrigins`, a request whose `Origin` is not listed is refused (browsers always send `Origin`
 *   on a POST; servers and scripts send none and are let through: they carry no user's cookies).
 * - the body is read chunk by chunk and given up once over the limit, so a huge or endless upload cannot
 *   fill memory. A refused body is canceled, never left half-read: the Node adapter then discards the
 *   rest, so a keep-alive connection serves its next request.
 */
import { errorResponse } from './json-response.js';

type ReadJsonFailure = 'too_large' | 'invalid_json' | 'unsupported_media_type' | 'origin_not_allowed';
type ReadJsonResult = { ok: true; value: unknown } | { ok: false; reason: ReadJsonFailure };

interface ReadJsonOptions {
  /** Bodies above this many bytes are refused (`too_large`). */
  maxBytes: number;
  /**
   * The origins (`https://shop.example`, no path) whose pages may post here. Unset: any origin (the JSON
   * content type still keeps plain cross-site forms out). An `Origin: null` (sandboxed frame) never matches.
   */
  allowedOrigins?: readonly string[];
}

// `application/json`, `application/problem+json`, with or without parameters such as charset.
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

export async function readJsonBody(request: Request, limit: number | ReadJsonOptions): Promise<ReadJsonResult> {
  const { maxBytes, allowedOrigins } = typeof limit === 'number' ? { maxBytes: limit } : limit;
  const refused = refusal(request, maxBytes, allowedOrigins);
  if (refused) {
    await request.body?.cancel().catch(() => {});
    return { ok: false, reason: refused };
  }
  if (!request.body) return { ok: false, reason: 'invalid_json' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
  } catch {
    return { ok: false, reason: 'invalid_json' };
  }
}

/** What is wrong with the request before a byte of its body is read, if anything. */
function refusal(
  request: Request,
  maxBytes: number,
  allowedOrigins: readonly string[] | undefined,
): ReadJsonFailure | undefined {
  const origin = request.headers.get('origin');
  if (allowedOrigins && origin !== null && !allowedOrigins.includes(origin)) return 'origin_not_allowed';
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) return 'unsupported_media_type';
  if (Number(request.headers.get('content-length')) > maxBytes) return 'too_large';
  return undefined;
}

/** The answer for a refused body, the same on every route: 403, 413, 415 or 400. */
export function readJsonErrorResponse(reason: ReadJsonFailure, maxBytes: number): Response {
  switch (reason) {
    case 'origin_not_allowed':
      return errorResponse(403, reason, 'This origin may not post here.');
    case 'too_large':
      return errorResponse(413, 'body_too_large', `The body exceeds ${maxBytes} bytes.`);
    case 'unsupported_media_type':
      return errorResponse(415, reason, 'The body must be sent as application/json.');
    case 'invalid_json':
      return errorResponse(400, reason, 'The body must be JSON.');
  }
}
