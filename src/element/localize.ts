import { defaultLanguage, isLanguage, type Language } from '../protocol/languages.js';
import { de, en, type Strings, type StringOverrides } from './strings.js';

/**
 * The element's language (Shoelace's `LocalizeController`, cut to three functions): the `language` property if
 * supported, else the page's `<html lang>` (the element follows its changes while connected), else German, as the
 * widget. That language's strings load first (`loadStrings`), and the element waits for them before it renders,
 * so its first render already speaks the chosen language. A locale that fails to load falls back to English,
 * once: no retry on every update.
 */

/** German and English come with the element; the others load when first needed (see the size budget). */
const loaded: Partial<Record<Language, Strings>> = { de, en };
const loading: Partial<Record<Language, Promise<void>>> = {};
const loaders: Record<Exclude<Language, 'de' | 'en'>, () => Promise<{ strings: Strings }>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ar: () => import('./locales/ar.js'),
};

/** The language the element speaks: `requested` (its `language` property) if supported, else the page's. */
export function elementLanguage(requested: unknown): Language {
  const page = document.documentElement.lang.split('-')[0]?.toLowerCase();
  return isLanguage(requested) ? requested : isLanguage(page) ? page : defaultLanguage;
}

/**
 * What the element shows for `lang`: the strings (the host's own for that language, its `strings` property, on
 * top), the language they are in (English when `lang`'s failed to load) and its direction.
 */
export function texts(lang: Language, overrides?: StringOverrides) {
  const textLang = loaded[lang] ? lang : 'en';
  return {
    strings: { ...loaded[textLang], ...overrides?.[textLang] } as Strings,
    textLang,
    dir: textLang === 'ar' ? 'rtl' : 'ltr',
  };
}

/** Undefined when `lang`'s strings are here; else a promise that settles (never rejects) once they are, or failed. */
export function loadStrings(lang: Language): Promise<void> | undefined {
  if (loaded[lang]) return undefined;
  return (loading[lang] ??= loaders[lang as keyof typeof loaders]().then(
    ({ strings }) => void (loaded[lang] = strings),
    () => undefined, // English stands in (see `texts`)
  ));
}
