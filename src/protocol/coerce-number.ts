/**
 * What the element makes of values a host may get wrong. Attributes are text: `timeout="abc"`, `-1` or `1e20` must
 * not reach `AbortSignal.timeout` (a WebIDL error reported as `network`) or `setTimeout` (which fires at once past
 * 2³¹ ms). A number that is not a usable whole number falls back to its default; one above the ceiling is clamped.
 */
export interface NumberRule {
  fallback: number;
  min: number;
  max: number;
}

/** Limits and defaults, as docs/api.md's attribute table documents them. Applied where each value is used. */
export const numberRules = {
  timeout: { fallback: 15000, min: 1, max: 120000 },
  popupClosedTimeout: { fallback: 300000, min: 0, max: 3600000 },
  frameTimeout: { fallback: 60000, min: 1, max: 600000 },
} satisfies Record<string, NumberRule>;

/** A whole number within the rule; not a number, not finite or below the minimum: the fallback. */
export function coerceNumber(value: unknown, { fallback, min, max }: NumberRule): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number) || number < min) return fallback;
  return Math.min(Math.round(number), max);
}
