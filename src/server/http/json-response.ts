/**
 * JSON answers for the kit's handlers. `Cache-Control: no-store` on every one: widget links are
 * single-use and data answers are personal, so no browser or proxy cache may keep them.
 */
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set('content-type', 'application/json; charset=utf-8');
  all.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** The flat `{ error, message }` shape every failure of the kit's handlers uses; the element reads it. */
export function errorResponse(status: number, error: string, message: string, headers: HeadersInit = {}): Response {
  return jsonResponse({ error, message }, status, headers);
}
