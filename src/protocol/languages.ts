/**
 * The widget's languages, the one list the element and the server kit share. The widget ignores Accept-Language
 * and speaks German unless told otherwise.
 */
export const languages = ['de', 'en', 'es', 'fr', 'ar'] as const;
export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'de';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
