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

const es: Strings = {
  connect: 'Conectar cuenta bancaria',
  connecting: 'Conectando…',
  ibanLabel: 'IBAN',
  optional: 'opcional',
  ibanInvalid: 'Este IBAN no es válido. Compruébelo.',
  ibanRequired: 'Introduzca su IBAN.',
  dialogLabel: 'Conecte su cuenta bancaria',
  frameTitle: 'Conexión bancaria',
  close: 'Cerrar',
  failed: 'No se pudo iniciar o completar la conexión bancaria. Inténtelo de nuevo.',
  popupWaiting: 'Continúe en la ventana de conexión bancaria.',
  popupFocus: 'Continuar en la ventana',
  popupClosed: 'La ventana parece cerrada. Vuelva a abrirla o cancele.',
  popupReopen: 'Volver a abrir la ventana',
  cancel: 'Cancelar',
};

const fr: Strings = {
  connect: 'Connecter un compte bancaire',
  connecting: 'Connexion…',
  ibanLabel: 'IBAN',
  optional: 'facultatif',
  ibanInvalid: 'Cet IBAN n’est pas valide. Veuillez le vérifier.',
  ibanRequired: 'Veuillez saisir votre IBAN.',
  dialogLabel: 'Connectez votre compte bancaire',
  frameTitle: 'Connexion bancaire',
  close: 'Fermer',
  failed: 'La connexion bancaire n’a pas pu démarrer ou n’a pas abouti. Veuillez réessayer.',
  popupWaiting: 'Continuez dans la fenêtre de connexion bancaire.',
  popupFocus: 'Continuer dans la fenêtre',
  popupClosed: 'La fenêtre semble fermée. Rouvrez-la ou annulez.',
  popupReopen: 'Rouvrir la fenêtre',
  cancel: 'Annuler',
};

const ar: Strings = {
  connect: 'ربط الحساب المصرفي',
  connecting: 'جارٍ الربط…',
  ibanLabel: 'رقم الآيبان',
  optional: 'اختياري',
  ibanInvalid: 'رقم الآيبان هذا غير صالح. يرجى التحقق منه.',
  ibanRequired: 'يرجى إدخال رقم الآيبان.',
  dialogLabel: 'اربط حسابك المصرفي',
  frameTitle: 'الربط المصرفي',
  close: 'إغلاق',
  failed: 'تعذّر بدء الربط المصرفي أو إتمامه. يرجى المحاولة مرة أخرى.',
  popupWaiting: 'تابع في نافذة الربط المصرفي.',
  popupFocus: 'المتابعة في النافذة',
  popupClosed: 'يبدو أن النافذة مغلقة. أعد فتحها أو ألغِ العملية.',
  popupReopen: 'إعادة فتح النافذة',
  cancel: 'إلغاء',
};

const byLanguage: Record<Language, Strings> = { de, en, es, fr, ar };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The explicit language if supported, else the page's `lang` (its primary subtag) if supported, else German. */
export function resolveLanguage(explicit: string | undefined, pageLang: string): Language {
  if (isLanguage(explicit)) return explicit;
  const primary = pageLang.split('-')[0]?.toLowerCase();
  return isLanguage(primary) ? primary : 'de';
}

export function stringsFor(language: Language): Strings {
  return byLanguage[language];
}
