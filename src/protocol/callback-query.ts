/**
 * The query parameters the widget appends to `redirect_uri` (and posts as `query` from a frame):
 * `state`, `success` (`true`/`false`), `code` (on success), `abort` (the user canceled; older docs say `cancel`),
 * `flow_id` (the `id` of the widget link).
 */
export const callbackParams = ['code', 'state', 'flow_id', 'success', 'abort', 'cancel'] as const;
