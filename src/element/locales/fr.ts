import type { Strings } from '../strings.js';

export const strings: Strings = {
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
