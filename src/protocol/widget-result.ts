/**
 * Turns what the widget hands back (a posted message in either documented shape, or the callback query of a
 * redirect) into one typed result. Values may be strings (`"true"`); older widgets say `cancel` for `abort`.
 */
export interface WidgetResult {
  state?: string;
  code?: string;
  success: boolean;
  abort: boolean;
  flow_id?: string;
}

/** Current shape `{ link, query }`, older shape `{ location, query, url }`; anything else is not ours: null. */
export function parseWidgetMessage(data: unknown): WidgetResult | null {
  if (!isRecord(data) || !isRecord(data.query)) return null;
  const link = typeof data.link === 'string' ? data.link : typeof data.location === 'string' ? data.location : null;
  if (link === null) return null;
  // The link carries the full callback query; the query object wins where both speak.
  const params = new URLSearchParams(queryOf(link));
  for (const [key, value] of Object.entries(data.query)) {
    if (typeof value === 'string' || typeof value === 'boolean') params.set(key, String(value));
  }
  return parseCallbackQuery(params);
}

/** The query the widget appends to `redirect_uri`; null when it carries no widget result at all. */
export function parseCallbackQuery(params: URLSearchParams): WidgetResult | null {
  if (!params.has('state') && !params.has('success') && !params.has('code')) return null;
  const text = (name: string) => params.get(name) || undefined;
  const code = text('code');
  return {
    state: text('state'),
    code,
    // Some older payloads carry only state and code: a code means success.
    success: params.has('success') ? params.get('success') === 'true' : code !== undefined,
    abort: params.get('abort') === 'true' || params.get('cancel') === 'true',
    flow_id: text('flow_id'),
  };
}

/**
 * Whether a page's query is the widget's callback, by the full set of its parameters: `state`, `flow_id`,
 * `success` as `true` or `false`, a `code` when `success=true`, and `abort`/`cancel`, when present, as
 * `true`/`false`. A host page's own `?success=true&order=42` is none: no event, no cleaning, no closing.
 */
export function isWidgetCallback(params: URLSearchParams): boolean {
  const success = params.get('success');
  if (success !== 'true' && success !== 'false') return false;
  if (!params.get('state') || !params.get('flow_id')) return false;
  if (success === 'true' && !params.get('code')) return false;
  return ['abort', 'cancel'].every((flag) => [null, 'true', 'false'].includes(params.get(flag)));
}

function queryOf(link: string): string {
  try {
    return new URL(link).search;
  } catch {
    return '';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
