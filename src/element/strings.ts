/**
 * The element's own texts, for users (developer-facing messages are English and live with the code that fails).
 * German and English come with the element; es/fr/ar are in locales/, loaded when first needed (localize.ts).
 */

import type { Language } from '../protocol/languages.js';

/** Every text the element shows; a host overrides some per language with the element's `strings` property. */
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

/** The host's texts, per language: `{ en: { connect: 'Link your account' } }`; the rest stay the element's. */
export type StringOverrides = Partial<Record<Language, Partial<Strings>>>;

export const en: Strings = {
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

export const de: Strings = {
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
