/**
 * JSON answers for the kit's handlers. `Cache-Control: no-store` on every one: widget links are
 * single-use and data answers are personal, so no browser or proxy cache may keep them. `headers` is what
 * `new Headers()` takes, named from the constructor: `HeadersInit` is a DOM lib name that Node's types lack.
 */

export function jsonResponse(
  body: unknown,
  status = 200,
  headers: ConstructorParameters<typeof Headers>[0] = {},
): Response {
  const all = new Headers(headers);
  all.set('content-type', 'application/json; charset=utf-8');
  all.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** The flat `{ error, message }` shape every failure of the kit's handlers uses; the element reads it. */
export function errorResponse(
  status: number,
  error: string,
  message: string,
  headers: ConstructorParameters<typeof Headers>[0] = {},
): Response {
  return jsonResponse({ error, message }, status, headers);
}
