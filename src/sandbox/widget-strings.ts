/**
 * The widget's texts. The real widget speaks de (default), en, es, fr, ar. The three action
 * buttons are deliberately NOT here: their accessible names are English in every language
 * ("Authorize", "Cancel", "Simulate failure") so browser tests can find them.
 */
import type { Language, Outcome } from './store.js';

export interface WidgetStrings {
  title: string;
  banksHeading: string;
  banksIntro: string;
  authorizeHeading: string;
  bankLabel: string;
  ibanLabel: string;
  authorizeHint: string;
  done: Record<Outcome, string>;
  doneText: string;
  redirecting: string;
  working: string;
  errorHeading: string;
  spentHeading: string;
  spentText: string;
  sandboxNotice: string;
}

export const WIDGET_STRINGS: Record<Language, WidgetStrings> = {
  de: {
    title: 'Bankkonto verbinden',
    banksHeading: 'Wählen Sie Ihre Bank',
    banksIntro: 'Wählen Sie die Bank, bei der Ihr Konto geführt wird.',
    authorizeHeading: 'Zugriff freigeben',
    bankLabel: 'Bank',
    ibanLabel: 'Konto (IBAN)',
    authorizeHint: 'Dies ist eine Sandbox: Wählen Sie, was die Bank antworten soll.',
    done: { authorize: 'Bankkonto verbunden', cancel: 'Verbindung abgebrochen', fail: 'Verbindung fehlgeschlagen' },
    doneText: 'Sie können zur App zurückkehren.',
    redirecting: 'Zurück zur App …',
    working: 'Bitte warten …',
    errorHeading: 'Etwas ist schiefgelaufen',
    spentHeading: 'Dieser Link wurde bereits verwendet',
    spentText: 'Bitte starten Sie die Verbindung in der App erneut.',
    sandboxNotice: 'Sandbox: keine echte Bank, keine echten Daten.',
  },
  en: {
    title: 'Connect your bank account',
    banksHeading: 'Choose your bank',
    banksIntro: 'Select the bank that holds your account.',
    authorizeHeading: 'Authorize access',
    bankLabel: 'Bank',
    ibanLabel: 'Account (IBAN)',
    authorizeHint: 'This is a sandbox: choose what the bank should answer.',
    done: { authorize: 'Bank account connected', cancel: 'Connection cancelled', fail: 'Connection failed' },
    doneText: 'You can return to the app.',
    redirecting: 'Returning to the app…',
    working: 'Please wait…',
    errorHeading: 'Something went wrong',
    spentHeading: 'This link was already used',
    spentText: 'Please start the connection again from the app.',
    sandboxNotice: 'Sandbox: no real bank, no real data.',
  },
  es: {
    title: 'Conecta tu cuenta bancaria',
    banksHeading: 'Elige tu banco',
    banksIntro: 'Selecciona el banco en el que tienes tu cuenta.',
    authorizeHeading: 'Autorizar el acceso',
    bankLabel: 'Banco',
    ibanLabel: 'Cuenta (IBAN)',
    authorizeHint: 'Esto es un entorno de pruebas: elige qué debe responder el banco.',
    done: { authorize: 'Cuenta bancaria conectada', cancel: 'Conexión cancelada', fail: 'La conexión ha fallado' },
    doneText: 'Ya puedes volver a la aplicación.',
    redirecting: 'Volviendo a la aplicación…',
    working: 'Espera, por favor…',
    errorHeading: 'Algo ha salido mal',
    spentHeading: 'Este enlace ya se ha usado',
    spentText: 'Vuelve a iniciar la conexión desde la aplicación.',
    sandboxNotice: 'Entorno de pruebas: ningún banco real, ningún dato real.',
  },
  fr: {
    title: 'Connectez votre compte bancaire',
    banksHeading: 'Choisissez votre banque',
    banksIntro: 'Sélectionnez la banque qui tient votre compte.',
    authorizeHeading: 'Autoriser l’accès',
    bankLabel: 'Banque',
    ibanLabel: 'Compte (IBAN)',
    authorizeHint: 'Ceci est un bac à sable : choisissez la réponse de la banque.',
    done: { authorize: 'Compte bancaire connecté', cancel: 'Connexion annulée', fail: 'La connexion a échoué' },
    doneText: 'Vous pouvez revenir à l’application.',
    redirecting: 'Retour à l’application…',
    working: 'Veuillez patienter…',
    errorHeading: 'Une erreur s’est produite',
    spentHeading: 'Ce lien a déjà été utilisé',
    spentText: 'Veuillez relancer la connexion depuis l’application.',
    sandboxNotice: 'Bac à sable : aucune vraie banque, aucune vraie donnée.',
  },
  ar: {
    title: 'اربط حسابك المصرفي',
    banksHeading: 'اختر بنكك',
    banksIntro: 'اختر البنك الذي يوجد فيه حسابك.',
    authorizeHeading: 'السماح بالوصول',
    bankLabel: 'البنك',
    ibanLabel: 'الحساب (IBAN)',
    authorizeHint: 'هذه بيئة تجريبية: اختر رد البنك.',
    done: { authorize: 'تم ربط الحساب المصرفي', cancel: 'تم إلغاء الربط', fail: 'فشل الربط' },
    doneText: 'يمكنك العودة إلى التطبيق.',
    redirecting: 'جارٍ العودة إلى التطبيق…',
    working: 'يرجى الانتظار…',
    errorHeading: 'حدث خطأ ما',
    spentHeading: 'تم استخدام هذا الرابط من قبل',
    spentText: 'يرجى بدء الربط من جديد من التطبيق.',
    sandboxNotice: 'بيئة تجريبية: لا يوجد بنك حقيقي ولا بيانات حقيقية.',
  },
};
