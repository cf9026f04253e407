import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultLanguage, isLanguage, type Language } from '../protocol/languages.js';
import { de, en, type Strings, type StringOverrides } from './strings.js';

/** German and English come with the element; the others load when first needed (see the size budget). */
const loaded: Partial<Record<Language, Strings>> = { de, en };
const loading: Partial<Record<Language, Promise<void>>> = {};
const loaders: Record<Exclude<Language, 'de' | 'en'>, () => Promise<{ strings: Strings }>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ar: () => import('./locales/ar.js'),
};

/**
 * The element's language (Shoelace's `LocalizeController`, cut to what we need): the `language` property if
 * supported, else the page's `<html lang>` (followed while connected), else German, as the widget. It loads that
 * language's strings, and the element waits for them before it renders (`ready`), so its first render already
 * speaks the chosen language. A locale that fails to load falls back to English, once: no retry on every update.
 */
export class LocalizeController implements ReactiveController {
  /** Created once connected: the element touches no DOM API before (server rendering constructs it). */
  #pageLang?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & { language?: string; strings?: StringOverrides }) {
    host.addController(this);
  }

  get lang(): Language {
    if (isLanguage(this.host.language)) return this.host.language;
    const primary = document.documentElement.lang.split('-')[0]?.toLowerCase();
    return isLanguage(primary) ? primary : defaultLanguage;
  }

  /** The language of the strings shown: `lang`, or English when its strings failed to load. */
  get textLang(): Language {
    return loaded[this.lang] ? this.lang : 'en';
  }

  get dir(): 'ltr' | 'rtl' {
    return this.textLang === 'ar' ? 'rtl' : 'ltr';
  }

  /** The shown language's strings, with the host's own for it (the element's `strings` property) on top. */
  get strings(): Strings {
    return { ...(loaded[this.lang] ?? en), ...this.host.strings?.[this.textLang] };
  }

  /** Undefined when the strings are here; else a promise that settles (never rejects) once they are, or failed. */
  ready(): Promise<void> | undefined {
    const lang = this.lang;
    if (lang === 'de' || lang === 'en' || loaded[lang]) return undefined;
    return (loading[lang] ??= loaders[lang]().then(
      ({ strings }) => void (loaded[lang] = strings),
      () => undefined, // English stands in (see `strings`)
    ));
  }

  hostConnected(): void {
    this.#pageLang ??= new MutationObserver(() => this.host.requestUpdate());
    this.#pageLang.observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#pageLang?.disconnect();
  }
}
