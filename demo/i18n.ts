// The demo page's own words in the widget's five languages, and locale-aware formatting. The element translates
// itself; this is the banking app around it. `{name}` marks a value filled in by `t()`.
export const LANGUAGES = ['de', 'en', 'es', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

const en = {
  languageLabel: 'Language',
  stepsLabel: 'Progress',
  stepConnect: 'Connect your bank',
  stepOverview: 'See your money',
  onboardingTitle: 'All your accounts in one place',
  onboardingIntro: 'Connect your bank account once, and Moneta shows your balances and transactions here.',
  benefitReadOnly: 'Read-only: nobody can move money through this connection.',
  benefitBank: 'You sign in with your bank, never with us.',
  benefitSandbox: 'This demo runs on the embedded nrich sandbox: no real bank, no real data.',
  ibanHint: 'Enter the IBAN {iban} to skip choosing a bank.',
  connecting: 'Completing the connection…',
  cancelled: 'Connection canceled. You can try again at any time.',
  failed: 'The connection failed: {message}',
  exchangeFailed: 'Your bank connected, but the connection could not be completed ({status}). Please try again.',
  lapsed: 'Your bank connection has lapsed. Connect again to see current data.',
  dashboardTitle: 'Your overview',
  lastSynced: 'Last synced {last} · next sync due {next}',
  firstSync: 'First sync in progress…',
  timeLapse: 'Sandbox time runs fast: 1 hour passes every {seconds} s (sandbox time now: {now}).',
  timeLapsePaused:
    'Sandbox time runs fast (1 hour every {seconds} s); it waits while a bank is being connected (now: {now}).',
  newTransaction: 'A new transaction arrived.',
  newTransactions: 'New transactions arrived: {count}.',
  newBadge: 'New',
  totalBalance: 'Total balance',
  accountCount: '{count} accounts',
  accountsTitle: 'Accounts',
  chartTitle: 'Spending per week',
  chartSummary: '{total} spent over {weeks} weeks; the most, {top}, in the week of {week}.',
  transactionsTitle: 'Latest transactions',
  date: 'Date',
  counterparty: 'Counterparty',
  purpose: 'Purpose',
  amount: 'Amount',
  pending: 'Pending',
  loading: 'Loading your accounts…',
  loadFailed: 'Your accounts could not be loaded ({status}).',
  retry: 'Try again',
  connectAnother: 'Connect another bank',
  developerTitle: 'Developer options',
  mode: 'Mode',
  ibanField: 'IBAN field',
  syncPeriod: 'Days of history',
  refreshToken: 'Rotate refresh token',
  rotated: 'Refresh token rotated: {before}… → {after}… (the old one no longer works).',
  rotateFailed: 'Rotation failed ({status}).',
  eventLog: 'Events',
};

export type Key = keyof typeof en;
type Strings = Record<Key, string>;

const de: Strings = {
  languageLabel: 'Sprache',
  stepsLabel: 'Fortschritt',
  stepConnect: 'Bank verbinden',
  stepOverview: 'Finanzen sehen',
  onboardingTitle: 'Alle Konten an einem Ort',
  onboardingIntro: 'Verbinden Sie Ihr Bankkonto einmal, und Moneta zeigt Ihnen hier Kontostände und Umsätze.',
  benefitReadOnly: 'Nur lesend: Über diese Verbindung kann niemand Geld bewegen.',
  benefitBank: 'Sie melden sich bei Ihrer Bank an, nie bei uns.',
  benefitSandbox: 'Diese Demo läuft auf der eingebauten nrich-Sandbox: keine echte Bank, keine echten Daten.',
  ibanHint: 'Mit der IBAN {iban} überspringen Sie die Bankauswahl.',
  connecting: 'Verbindung wird abgeschlossen …',
  cancelled: 'Verbindung abgebrochen. Sie können es jederzeit erneut versuchen.',
  failed: 'Die Verbindung ist fehlgeschlagen: {message}',
  exchangeFailed:
    'Ihre Bank ist verbunden, aber die Verbindung konnte nicht abgeschlossen werden ({status}). Bitte erneut versuchen.',
  lapsed: 'Ihre Bankverbindung ist abgelaufen. Verbinden Sie sie erneut, um aktuelle Daten zu sehen.',
  dashboardTitle: 'Ihre Übersicht',
  lastSynced: 'Zuletzt synchronisiert {last} · nächste Synchronisierung {next}',
  firstSync: 'Erste Synchronisierung läuft …',
  timeLapse: 'Die Sandbox-Zeit läuft schneller: Alle {seconds} s vergeht 1 Stunde (Sandbox-Zeit jetzt: {now}).',
  timeLapsePaused:
    'Die Sandbox-Zeit läuft schneller (1 Stunde alle {seconds} s); sie wartet, solange eine Bank verbunden wird (jetzt: {now}).',
  newTransaction: 'Ein neuer Umsatz ist eingegangen.',
  newTransactions: 'Neue Umsätze eingegangen: {count}.',
  newBadge: 'Neu',
  totalBalance: 'Gesamtsaldo',
  accountCount: '{count} Konten',
  accountsTitle: 'Konten',
  chartTitle: 'Ausgaben pro Woche',
  chartSummary: '{total} ausgegeben in {weeks} Wochen; am meisten, {top}, in der Woche vom {week}.',
  transactionsTitle: 'Letzte Umsätze',
  date: 'Datum',
  counterparty: 'Empfänger / Auftraggeber',
  purpose: 'Verwendungszweck',
  amount: 'Betrag',
  pending: 'Vorgemerkt',
  loading: 'Ihre Konten werden geladen …',
  loadFailed: 'Ihre Konten konnten nicht geladen werden ({status}).',
  retry: 'Erneut versuchen',
  connectAnother: 'Weitere Bank verbinden',
  developerTitle: 'Entwickleroptionen',
  mode: 'Modus',
  ibanField: 'IBAN-Feld',
  syncPeriod: 'Tage Umsatzhistorie',
  refreshToken: 'Refresh-Token rotieren',
  rotated: 'Refresh-Token rotiert: {before}… → {after}… (das alte gilt nicht mehr).',
  rotateFailed: 'Rotation fehlgeschlagen ({status}).',
  eventLog: 'Ereignisse',
};

const es: Strings = {
  languageLabel: 'Idioma',
  stepsLabel: 'Progreso',
  stepConnect: 'Conecta tu banco',
  stepOverview: 'Ve tu dinero',
  onboardingTitle: 'Todas tus cuentas en un solo lugar',
  onboardingIntro: 'Conecta tu cuenta bancaria una vez y Moneta te mostrará aquí tus saldos y movimientos.',
  benefitReadOnly: 'Solo lectura: nadie puede mover dinero con esta conexión.',
  benefitBank: 'Inicias sesión en tu banco, nunca con nosotros.',
  benefitSandbox: 'Esta demo usa el sandbox de nrich integrado: ni banco real ni datos reales.',
  ibanHint: 'Introduce el IBAN {iban} para no tener que elegir banco.',
  connecting: 'Completando la conexión…',
  cancelled: 'Conexión cancelada. Puedes volver a intentarlo cuando quieras.',
  failed: 'La conexión ha fallado: {message}',
  exchangeFailed: 'Tu banco se conectó, pero la conexión no pudo completarse ({status}). Inténtalo de nuevo.',
  lapsed: 'La conexión con tu banco ha caducado. Vuelve a conectarla para ver datos actuales.',
  dashboardTitle: 'Tu resumen',
  lastSynced: 'Última sincronización {last} · próxima {next}',
  firstSync: 'Primera sincronización en curso…',
  timeLapse: 'El tiempo del sandbox corre más rápido: pasa 1 hora cada {seconds} s (hora del sandbox: {now}).',
  timeLapsePaused:
    'El tiempo del sandbox corre más rápido (1 hora cada {seconds} s); se detiene mientras se conecta un banco (ahora: {now}).',
  newTransaction: 'Ha llegado un movimiento nuevo.',
  newTransactions: 'Movimientos nuevos: {count}.',
  newBadge: 'Nuevo',
  totalBalance: 'Saldo total',
  accountCount: '{count} cuentas',
  accountsTitle: 'Cuentas',
  chartTitle: 'Gastos por semana',
  chartSummary: '{total} gastados en {weeks} semanas; lo máximo, {top}, en la semana del {week}.',
  transactionsTitle: 'Últimos movimientos',
  date: 'Fecha',
  counterparty: 'Contraparte',
  purpose: 'Concepto',
  amount: 'Importe',
  pending: 'Pendiente',
  loading: 'Cargando tus cuentas…',
  loadFailed: 'No se pudieron cargar tus cuentas ({status}).',
  retry: 'Reintentar',
  connectAnother: 'Conectar otro banco',
  developerTitle: 'Opciones para desarrolladores',
  mode: 'Modo',
  ibanField: 'Campo IBAN',
  syncPeriod: 'Días de historial',
  refreshToken: 'Rotar el refresh token',
  rotated: 'Refresh token rotado: {before}… → {after}… (el anterior ya no sirve).',
  rotateFailed: 'La rotación falló ({status}).',
  eventLog: 'Eventos',
};

const fr: Strings = {
  languageLabel: 'Langue',
  stepsLabel: 'Progression',
  stepConnect: 'Connectez votre banque',
  stepOverview: 'Voyez votre argent',
  onboardingTitle: 'Tous vos comptes au même endroit',
  onboardingIntro: 'Connectez votre compte bancaire une fois, et Moneta affiche ici vos soldes et vos opérations.',
  benefitReadOnly: 'Lecture seule : personne ne peut déplacer d’argent avec cette connexion.',
  benefitBank: 'Vous vous identifiez auprès de votre banque, jamais chez nous.',
  benefitSandbox: 'Cette démo tourne sur le sandbox nrich intégré : ni vraie banque, ni vraies données.',
  ibanHint: 'Saisissez l’IBAN {iban} pour ne pas avoir à choisir de banque.',
  connecting: 'Finalisation de la connexion…',
  cancelled: 'Connexion annulée. Vous pouvez réessayer à tout moment.',
  failed: 'La connexion a échoué : {message}',
  exchangeFailed: 'Votre banque est connectée, mais la connexion n’a pas pu aboutir ({status}). Veuillez réessayer.',
  lapsed: 'La connexion à votre banque a expiré. Reconnectez-la pour voir des données à jour.',
  dashboardTitle: 'Votre aperçu',
  lastSynced: 'Dernière synchronisation {last} · prochaine {next}',
  firstSync: 'Première synchronisation en cours…',
  timeLapse: 'Le temps du sandbox passe plus vite : 1 heure toutes les {seconds} s (heure du sandbox : {now}).',
  timeLapsePaused:
    'Le temps du sandbox passe plus vite (1 heure toutes les {seconds} s) ; il attend pendant la connexion d’une banque (maintenant : {now}).',
  newTransaction: 'Une nouvelle opération est arrivée.',
  newTransactions: 'Nouvelles opérations : {count}.',
  newBadge: 'Nouveau',
  totalBalance: 'Solde total',
  accountCount: '{count} comptes',
  accountsTitle: 'Comptes',
  chartTitle: 'Dépenses par semaine',
  chartSummary: '{total} dépensés sur {weeks} semaines ; le plus, {top}, la semaine du {week}.',
  transactionsTitle: 'Dernières opérations',
  date: 'Date',
  counterparty: 'Tiers',
  purpose: 'Libellé',
  amount: 'Montant',
  pending: 'En attente',
  loading: 'Chargement de vos comptes…',
  loadFailed: 'Vos comptes n’ont pas pu être chargés ({status}).',
  retry: 'Réessayer',
  connectAnother: 'Connecter une autre banque',
  developerTitle: 'Options pour les développeurs',
  mode: 'Mode',
  ibanField: 'Champ IBAN',
  syncPeriod: 'Jours d’historique',
  refreshToken: 'Faire tourner le refresh token',
  rotated: 'Refresh token renouvelé : {before}… → {after}… (l’ancien ne fonctionne plus).',
  rotateFailed: 'Échec du renouvellement ({status}).',
  eventLog: 'Événements',
};

const ar: Strings = {
  languageLabel: 'اللغة',
  stepsLabel: 'التقدّم',
  stepConnect: 'اربط مصرفك',
  stepOverview: 'اطّلع على أموالك',
  onboardingTitle: 'جميع حساباتك في مكان واحد',
  onboardingIntro: 'اربط حسابك المصرفي مرة واحدة، وسيعرض لك Moneta هنا أرصدتك ومعاملاتك.',
  benefitReadOnly: 'للقراءة فقط: لا يستطيع أحد تحريك أموالك عبر هذا الربط.',
  benefitBank: 'تسجّل الدخول لدى مصرفك، وليس لدينا أبدًا.',
  benefitSandbox: 'يعمل هذا العرض على بيئة nrich التجريبية المدمجة: لا مصرف حقيقي ولا بيانات حقيقية.',
  ibanHint: 'أدخل رقم الآيبان {iban} لتتخطّى اختيار المصرف.',
  connecting: 'جارٍ إكمال الربط…',
  cancelled: 'أُلغي الربط. يمكنك المحاولة مجددًا في أي وقت.',
  failed: 'فشل الربط: {message}',
  exchangeFailed: 'تم ربط مصرفك، لكن تعذّر إكمال الربط ({status}). يرجى المحاولة مجددًا.',
  lapsed: 'انتهت صلاحية ربط مصرفك. اربطه مجددًا لرؤية البيانات الحالية.',
  dashboardTitle: 'نظرتك العامة',
  lastSynced: 'آخر مزامنة {last} · المزامنة التالية {next}',
  firstSync: 'المزامنة الأولى جارية…',
  timeLapse: 'الوقت في البيئة التجريبية أسرع: تمر ساعة واحدة كل {seconds} ث (الوقت الآن فيها: {now}).',
  timeLapsePaused: 'الوقت في البيئة التجريبية أسرع (ساعة كل {seconds} ث)، ويتوقف أثناء ربط مصرف (الآن: {now}).',
  newTransaction: 'وصلت معاملة جديدة.',
  newTransactions: 'معاملات جديدة وصلت: {count}.',
  newBadge: 'جديد',
  totalBalance: 'الرصيد الإجمالي',
  accountCount: 'عدد الحسابات: {count}',
  accountsTitle: 'الحسابات',
  chartTitle: 'الإنفاق الأسبوعي',
  chartSummary: 'أُنفق {total} خلال {weeks} أسبوعًا؛ وأعلى إنفاق {top} في الأسبوع الذي يبدأ في {week}.',
  transactionsTitle: 'أحدث المعاملات',
  date: 'التاريخ',
  counterparty: 'الطرف الآخر',
  purpose: 'الغرض',
  amount: 'المبلغ',
  pending: 'قيد المعالجة',
  loading: 'جارٍ تحميل حساباتك…',
  loadFailed: 'تعذّر تحميل حساباتك ({status}).',
  retry: 'أعد المحاولة',
  connectAnother: 'اربط مصرفًا آخر',
  developerTitle: 'خيارات المطوّرين',
  mode: 'الوضع',
  ibanField: 'حقل الآيبان',
  syncPeriod: 'أيام السجل',
  refreshToken: 'تدوير رمز التحديث',
  rotated: 'تم تدوير رمز التحديث: {before}… ← {after}… (لم يعد القديم صالحًا).',
  rotateFailed: 'فشل التدوير ({status}).',
  eventLog: 'الأحداث',
};

const STRINGS: Record<Language, Strings> = { de, en, es, fr, ar };

/** Display names in their own language, for the language menu. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  de: 'Deutsch',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

let current: Language = 'en';

export function language(): Language {
  return current;
}

/** Switches the page: `<html lang dir>`, every `[data-i18n]` element's text, every `[data-i18n-label]`'s label. */
export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next;
  document.documentElement.dir = next === 'ar' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as Key);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel as Key));
  }
}

export function t(key: Key, values: Record<string, string | number> = {}): string {
  return STRINGS[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function money(amount: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(current, { style: 'currency', currency }).format(amount);
}

export function shortDate(iso: string): string {
  return new Intl.DateTimeFormat(current, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(iso));
}

/** A moment on the API's clock, with its time: in UTC, as the sandbox's dates are. */
export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(current, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function longDate(iso: string): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}

/** The IBAN in groups of four, as banks print it. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
