/** The element's own texts, in the widget's languages. The default is German, as the widget's. */
export const languages = ['de', 'en', 'es', 'fr', 'ar'] as const;
export type Language = (typeof languages)[number];

export interface Strings {
  connect: string;
  connecting: string;
  ibanLabel: string;
  optional: string;
  ibanInvalid: string;
  ibanRequired: string;
  dialogLabel: string;
  frameTitle: string;
  close: string;
  failed: string;
  popupWaiting: string;
  popupFocus: string;
  popupClosed: string;
  popupReopen: string;
  cancel: string;
}

const en: Strings = {
  connect: 'Connect bank account',
  connecting: 'Connecting…',
  ibanLabel: 'IBAN',
  optional: 'optional',
  ibanInvalid: 'This IBAN is not valid. Please check it.',
  ibanRequired: 'Please enter your IBAN.',
  dialogLabel: 'Connect your bank account',
  frameTitle: 'Bank connection',
  close: 'Close',
  failed: 'The bank connection could not be started or did not succeed. Please try again.',
  popupWaiting: 'Continue in the bank connection window.',
  popupFocus: 'Continue in the window',
  popupClosed: 'The window seems closed. Reopen it, or cancel.',
  popupReopen: 'Reopen the window',
  cancel: 'Cancel',
};

const de: Strings = {
  connect: 'Bankkonto verbinden',
  connecting: 'Verbinde…',
  ibanLabel: 'IBAN',
  optional: 'optional',
  ibanInvalid: 'Diese IBAN ist ungültig. Bitte prüfen Sie sie.',
  ibanRequired: 'Bitte geben Sie Ihre IBAN ein.',
  dialogLabel: 'Bankkonto verbinden',
  frameTitle: 'Bankverbindung',
  close: 'Schließen',
  failed: 'Die Bankverbindung konnte nicht gestartet werden oder war nicht erfolgreich. Bitte versuchen Sie es erneut.',
  popupWaiting: 'Fahren Sie im Fenster der Bankverbindung fort.',
  popupFocus: 'Im Fenster fortfahren',
  popupClosed: 'Das Fenster scheint geschlossen. Öffnen Sie es erneut oder brechen Sie ab.',
  popupReopen: 'Fenster erneut öffnen',
  cancel: 'Abbrechen',
};

/** German and English come with the element; the others load when first asked for (see the size budget). */
const loaded: Partial<Record<Language, Strings>> = { de, en };
const loaders: Record<Exclude<Language, 'de' | 'en'>, () => Promise<{ strings: Strings }>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ar: () => import('./locales/ar.js'),
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The explicit language if supported, else the page's `lang` (its primary subtag) if supported, else German. */
export function resolveLanguage(explicit: string | undefined, pageLang: string): Language {
  if (isLanguage(explicit)) return explicit;
  const primary = pageLang.split('-')[0]?.toLowerCase();
  return isLanguage(primary) ? primary : 'de';
}

/** The strings for `language` when they are here, else undefined: `loadStrings` fetches them. */
export function stringsFor(language: Language): Strings | undefined {
  return loaded[language];
}

export async function loadStrings(language: Language): Promise<Strings> {
  const here = loaded[language];
  if (here) return here;
  const { strings } = await loaders[language as keyof typeof loaders]();
  return (loaded[language] = strings);
}
