/**
 * Reads a request body as JSON without trusting its size: the body is read chunk by chunk and given up
 * once over the limit, so a huge or endless upload cannot fill memory.
 */
export type ReadJsonResult = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'invalid_json' };

export async function readJsonBody(request: Request, maxBytes: number): Promise<ReadJsonResult> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) return { ok: false, reason: 'too_large' };
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
