import type { Strings } from '../strings.js';

export const strings: Strings = {
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
